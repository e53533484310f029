/**
 * Social figures, emulators → queue, with the real SDKs over HTTP:
 * - ingest throughput (charter applied, events written, hides queued) of a backlog of comments
 *   spread over 2 Pages and X mentions, read in pages of 100, on SQLite and PostgreSQL, from the
 *   service's start until every item is in the queue;
 * - the delay from a violating comment's creation on the Graph emulator to `is_hidden` on it:
 *   by polling (every second), and by the Page webhook when the service has one.
 * The emulators run in this process (they share its CPU with the service). BENCH_SCALE=0.2 runs
 * a fifth of the backlog.
 */
import { createHmac } from 'node:crypto';
import { createGraphEmulator, createXEmulator, nextDemoComment, seededRandom, type GraphEmulator, type RunningEmulator } from '@hub/emulators';
import { sql } from 'kysely';
import { startModeration, type TestModeration } from '../support/moderation.ts';
import { createTempDatabase } from '../support/postgres.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const COMMENTS = Math.max(10, Math.round(5_000 * SCALE));
const MENTIONS = Math.max(5, Math.round(1_000 * SCALE));
const POSTS_PER_PAGE = 10;
const SAMPLES = 20;
const APP_SECRET = 'bench-app-secret';

const PAGES = [
  { id: '104857600000021', name: 'Habitat Val-de-Seine', accessToken: 'EAAG-bench-a' },
  { id: '104857600000022', name: 'Habitat Rive-Gauche', accessToken: 'EAAG-bench-b' },
];
const X_ACCOUNT = { id: '1500000000000000021', username: 'HabitatBench', bearerToken: 'x-bench-token' };
const UNLIMITED = { 'GET /2/users/:id/mentions': 1_000_000, 'GET /2/tweets/search/recent': 1_000_000, 'PUT /2/tweets/:id/hidden': 1_000_000, 'POST /2/tweets': 1_000_000 };

const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function emulators(seed: number) {
  const graph = createGraphEmulator({ pages: PAGES, seed, usageBudgetPerHour: 100_000_000 });
  const x = createXEmulator({ accounts: [X_ACCOUNT], seed, rateLimits: UNLIMITED });
  const servers: RunningEmulator[] = [await graph.start(), await x.start()];
  return { graph, x, graphUrl: servers[0]!.url, xUrl: servers[1]!.url, close: () => Promise.all(servers.map((s) => s.close())) };
}

function serviceEnv(graphUrl: string, xUrl: string, pollSeconds: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    FACEBOOK_GRAPH_URL: graphUrl,
    TWITTER_API_URL: xUrl,
    FACEBOOK_PAGES: JSON.stringify(PAGES),
    TWITTER_ACCOUNTS: JSON.stringify([X_ACCOUNT]),
    TWITTER_DAILY_READ_BUDGET: '100000000',
    SOCIAL_POLL_SECONDS: String(pollSeconds),
    SOCIAL_PAGE_SIZE: '100',
    OUTBOX_POLL_MS: '200',
    OUTBOX_RETRY_BASE_MS: '200',
    ...extra,
  };
}

async function socialCount(mod: TestModeration): Promise<number> {
  const row = await mod.services.db
    .selectFrom('items')
    .select(sql<number>`count(*)`.as('n'))
    .where('source', 'in', ['facebook_comment', 'facebook_post', 'x_mention', 'x_reply'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Backlog on the emulators, then the service started: seconds until all of it is in the queue. */
async function ingestThroughput(dialect: 'sqlite' | 'postgres') {
  const emu = await emulators(dialect === 'sqlite' ? 11 : 12);
  const random = seededRandom(2026);
  const posts = PAGES.map((page) => Array.from({ length: POSTS_PER_PAGE }, (_, i) => emu.graph.addPost(page.id, { message: `Information ${i} aux locataires` }).id));
  for (let i = 0; i < COMMENTS; i++) {
    const page = i % PAGES.length;
    const c = nextDemoComment(random);
    emu.graph.addComment(PAGES[page]!.id, posts[page]![i % POSTS_PER_PAGE]!, { from: { id: String(900000 + (i % 3000)), name: c.author.name }, message: c.message });
  }
  for (let i = 0; i < MENTIONS; i++) {
    const c = nextDemoComment(random);
    emu.x.addMention(X_ACCOUNT.id, { from: c.author.username, text: c.message });
  }
  const expected = COMMENTS + MENTIONS;
  const database = dialect === 'postgres' ? await createTempDatabase() : null;
  const started = performance.now();
  const mod = await startModeration({ ...(database ? { databaseUrl: database.url } : {}), env: serviceEnv(emu.graphUrl, emu.xUrl, 0.2) });
  try {
    const deadline = Date.now() + 600_000;
    while ((await socialCount(mod)) < expected) {
      if (Date.now() > deadline) throw new Error(`${dialect}: ingestion incomplète après 10 min`);
      await sleep(20);
    }
    const seconds = (performance.now() - started) / 1000;
    const count = await socialCount(mod);
    if (count !== expected) throw new Error(`${dialect}: ${count} éléments dans la file, ${expected} attendus`);
    return { seconds, rate: expected / seconds };
  } finally {
    await mod.stop();
    await database?.drop();
    await emu.close();
  }
}

/**
 * SAMPLES violating comments, one every 370 ms (not in step with the poll), each timed from its
 * creation on the emulator to `is_hidden` there.
 */
async function hideLatency(graph: GraphEmulator, postId: string, pageId: string): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: SAMPLES }, async (_, i) => {
      await sleep(i * 370);
      const started = performance.now();
      const c = graph.addComment(pageId, postId, { from: { id: String(950000 + i), name: `Locataire ${i}` }, message: `Bande de connards, toujours pas de chauffage (${i})` });
      const deadline = Date.now() + 60_000;
      while (graph.getComment(c.id)?.is_hidden !== true) {
        if (Date.now() > deadline) throw new Error(`commentaire ${c.id} jamais masqué`);
        await sleep(5);
      }
      times.push(performance.now() - started);
    }),
  );
  return times.sort((a, b) => a - b);
}

const describe = (times: number[]) => `p50 ${fr(percentile(times, 50) / 1000, 2)} s, p95 ${fr(percentile(times, 95) / 1000, 2)} s (${times.length} mesures)`;

async function latencyByPolling() {
  const emu = await emulators(21);
  const postId = emu.graph.addPost(PAGES[0]!.id, { message: 'Coupure de chauffage' }).id;
  const mod = await startModeration({ env: serviceEnv(emu.graphUrl, emu.xUrl, 1, { OUTBOX_POLL_MS: '1000' }) });
  try {
    await sleep(1500); // first poll done: the backlog is empty, only the samples are timed
    return await hideLatency(emu.graph, postId, PAGES[0]!.id);
  } finally {
    await mod.stop();
    await emu.close();
  }
}

/** Same, polling every hour: only the Page webhook brings the comments in. Null when the service has no webhook route. */
async function latencyByWebhook(): Promise<number[] | null> {
  const emu = await emulators(22);
  const postId = emu.graph.addPost(PAGES[0]!.id, { message: 'Coupure de chauffage' }).id;
  const mod = await startModeration({ env: serviceEnv(emu.graphUrl, emu.xUrl, 3600, { FACEBOOK_APP_SECRET: APP_SECRET, FACEBOOK_VERIFY_TOKEN: 'bench-verify', OUTBOX_POLL_MS: '1000' }) });
  try {
    const body = JSON.stringify({ object: 'page', entry: [] });
    const probe = await fetch(`${mod.url}/webhooks/facebook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}` },
      body,
    });
    await probe.body?.cancel();
    if (probe.status === 404 || probe.status === 405) return null;
    if (probe.status >= 300) throw new Error(`webhook : réponse ${probe.status} à une notification signée`);
    const subscription = emu.graph.webhooks.subscribe(`${mod.url}/webhooks/facebook`, APP_SECRET);
    await sleep(500);
    const times = await hideLatency(emu.graph, postId, PAGES[0]!.id);
    subscription.unsubscribe();
    return times;
  } finally {
    await mod.stop();
    await emu.close();
  }
}

async function main() {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  console.log(`\nRéseaux sociaux — ingestion émulateurs → file (charte appliquée), pages de 100`);
  console.log(`  ${fr(COMMENTS)} commentaires sur ${PAGES.length} Pages (${PAGES.length * POSTS_PER_PAGE} publications) + ${fr(MENTIONS)} mentions X`);
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const { seconds, rate } = await ingestThroughput(dialect);
    console.log(`  ${dialect.padEnd(8)} : ${fr(COMMENTS + MENTIONS)} éléments en ${fr(seconds, 1)} s, soit ${fr(rate)} éléments/s`);
  }
  console.log(`\nRéseaux sociaux — commentaire injurieux → masqué sur Facebook (SQLite)`);
  console.log(`  relève toutes les 1 s : ${describe(await latencyByPolling())}`);
  const webhook = await latencyByWebhook();
  console.log(webhook ? `  webhook : ${describe(webhook)}` : '  webhook : non disponible');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * A real landlord's size: 71 Facebook Pages and 5 X accounts read every 60 s, for one hour of
 * traffic at that landlord's volume (a quiet flow of comments, about 14 technical and 21 incivility
 * reports a day, and a crisis evening's burst on one Page). Time runs 60 times faster (a poll every
 * second stands for a poll every minute; one real minute is the hour), so the load is 60 times a
 * real one: the figures say what the moderation process does under it, and what that means at
 * real speed. The moderation service runs as its own process (its CPU and memory are read from
 * /proc); the emulators run here. BENCH_SCALE=0.25 runs a quarter of the hour.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createGraphEmulator, createXEmulator, nextDemoComment, seededRandom, type RunningEmulator } from '@hub/emulators';
import { spawnModeration } from '../support/moderation-process.ts';

const SPEED = 60;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const HOUR_MS = Math.round((3_600_000 / SPEED) * SCALE);
const PAGES = Array.from({ length: 71 }, (_, i) => ({ id: String(104857600001000 + i), name: `Résidence ${i + 1}`, accessToken: `EAAG-landlord-${i}` }));
const X_ACCOUNTS = Array.from({ length: 5 }, (_, i) => ({ id: `150000000000000${1000 + i}`, username: `Habitat${i + 1}`, bearerToken: `x-landlord-${i}` }));
/** X's published limit for the mentions timeline: 300 requests per 15 minutes and per user. */
const X_MENTIONS_PER_15_MIN = 300;
/** The Graph API's Page rate limit used by the emulator's usage headers (4 800 calls per Page and per hour, the floor for a Page with few engaged users). */
const GRAPH_CALLS_PER_PAGE_HOUR = 4800;

const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function usage(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  return { cpu: ticks / 100, rss };
}

async function main() {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  const random = seededRandom(71);
  const graph = createGraphEmulator({ pages: PAGES, seed: 71, usageBudgetPerHour: 100_000_000 });
  const x = createXEmulator({ accounts: X_ACCOUNTS, seed: 71, rateLimits: { 'GET /2/users/:id/mentions': 1_000_000 } });
  const servers: RunningEmulator[] = [await graph.start(), await x.start()];
  const posts = PAGES.map((page) => Array.from({ length: 3 }, (_, i) => graph.addPost(page.id, { message: `Information ${i} aux locataires de ${page.name}` }).id));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-landlord-'));
  const file = path.join(dir, 'moderation.db');
  const mod = await spawnModeration(
    {
      DATABASE_URL: `sqlite:${file}`,
      FACEBOOK_GRAPH_URL: servers[0]!.url,
      TWITTER_API_URL: servers[1]!.url,
      FACEBOOK_PAGES: JSON.stringify(PAGES),
      TWITTER_ACCOUNTS: JSON.stringify(X_ACCOUNTS),
      SOCIAL_POLL_SECONDS: String(60 / SPEED),
      TWITTER_DAILY_READ_BUDGET: '100000000',
      OUTBOX_POLL_MS: '200',
      LOG_LEVEL: 'error',
    },
    60_000,
  );
  let generated = 0;
  const comment = (pageIndex: number) => {
    const c = nextDemoComment(random);
    graph.addComment(PAGES[pageIndex]!.id, posts[pageIndex]![Math.floor(random() * 3)]!, { from: { id: String(800000 + Math.floor(random() * 5000)), name: c.author.name }, message: c.message });
    generated++;
  };
  try {
    await sleep(3_000); // first polls of 76 accounts done
    const requestsBefore = { graph: graph.requests.length, x: x.requests.length };
    const start = usage(mod.child.pid!);
    const started = performance.now();
    const lags: number[] = [];
    const worst = new Map<string, number>();
    let peakRss = start.rss;
    // A comment every simulated minute somewhere, a mention every 5 minutes, and 12 comments a
    // minute on one Page for 10 minutes from the middle of the run on (the crisis evening).
    const tick = 60_000 / SPEED;
    const minutes = Math.floor(HOUR_MS / tick);
    const crisis = { from: Math.floor(minutes / 2), to: Math.min(minutes, Math.floor(minutes / 2) + 10) };
    for (let minute = 0; performance.now() - started < HOUR_MS; minute++) {
      comment(Math.floor(random() * PAGES.length));
      if (minute % 5 === 0) {
        const c = nextDemoComment(random);
        x.addMention(X_ACCOUNTS[minute % X_ACCOUNTS.length]!.id, { from: c.author.username, text: c.message });
        generated++;
      }
      if (minute >= crisis.from && minute < crisis.to) for (let i = 0; i < 12; i++) comment(7);
      await sleep(tick);
      const now = Date.now();
      const db = new Database(file, { readonly: true });
      const rows = db.prepare('select account_key, last_success_at from connector_accounts').all() as { account_key: string; last_success_at: string | null }[];
      db.close();
      for (const row of rows) {
        const lag = row.last_success_at ? (now - Date.parse(row.last_success_at)) / 1000 : Infinity;
        lags.push(lag);
        worst.set(row.account_key, Math.max(worst.get(row.account_key) ?? 0, lag));
      }
      peakRss = Math.max(peakRss, usage(mod.child.pid!).rss);
    }
    const seconds = (performance.now() - started) / 1000;
    const end = usage(mod.child.pid!);
    // Everything generated reaches the queue.
    const deadline = Date.now() + 30_000;
    let stored = 0;
    for (;;) {
      const db = new Database(file, { readonly: true });
      stored = (db.prepare("select count(*) as n from items where source in ('facebook_comment','x_mention')").get() as { n: number }).n;
      db.close();
      if (stored >= generated || Date.now() > deadline) break;
      await sleep(200);
    }
    const graphCalls = graph.requests.length - requestsBefore.graph;
    const xCalls = (x.requests.length) - requestsBefore.x;
    const simHours = (seconds * SPEED) / 3600;
    const sortedLags = lags.filter(Number.isFinite).sort((a, b) => a - b);
    const interval = 60 / SPEED;
    const cpuShare = (end.cpu - start.cpu) / seconds;
    console.log(`\nBailleur réel — 71 Pages Facebook et 5 comptes X relevés toutes les 60 s, ${fr(simHours * 60)} min simulées (temps ×${SPEED})`);
    console.log(`  trafic : ${fr(generated)} commentaires et mentions (dont une soirée de crise de ${fr((crisis.to - crisis.from) * 12)} commentaires en ${crisis.to - crisis.from} min sur une Page), ${fr(stored)} dans la file`);
    console.log(`  retard de relève par compte : médiane ${fr(percentile(sortedLags, 50) / interval, 2)} intervalle, p99 ${fr(percentile(sortedLags, 99) / interval, 2)}, pire compte ${fr(Math.max(...worst.values()) / interval, 2)} (1 = à l’heure ; à vitesse réelle : p99 ${fr((percentile(sortedLags, 99) / interval) * 60)} s)`);
    console.log(`  processus de modération sous la charge ×${SPEED} : ${fr(cpuShare * 100, 1)} % d’un cœur, mémoire résidente ${fr(start.rss / 1e6)} → ${fr(peakRss / 1e6)} Mo au plus`);
    console.log(`  à vitesse réelle (÷${SPEED}) : ≈ ${fr((cpuShare * 100) / SPEED, 2)} % d’un cœur pour la relève des 76 comptes`);
    const graphPerPageHour = graphCalls / PAGES.length / simHours;
    const xPer15 = xCalls / X_ACCOUNTS.length / (simHours * 4);
    console.log(`  marge de débit Graph : ${fr(graphPerPageHour, 1)} appels par Page et par heure, ${fr((graphPerPageHour / GRAPH_CALLS_PER_PAGE_HOUR) * 100, 2)} % de ${fr(GRAPH_CALLS_PER_PAGE_HOUR)}`);
    console.log(`  marge de débit X : ${fr(xPer15, 1)} appels de mentions par compte et par 15 min, ${fr((xPer15 / X_MENTIONS_PER_15_MIN) * 100, 1)} % de ${X_MENTIONS_PER_15_MIN}`);
  } finally {
    await mod.kill9();
    await Promise.all(servers.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

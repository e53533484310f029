/**
 * kill -9 of the moderation service, for real: `node moderation/src/main.ts` runs as a child
 * process on a SQLite file or a PostgreSQL database (each suite runs on both), the Graph and X
 * emulators run here, and the child is SIGKILLed at seeded random moments and started again.
 *
 * 1. Ingest: comments and mentions keep arriving while the child polls (every 50 ms, pages of 5)
 *    and dies 10 times; once it catches up the queue holds each emulator item exactly once.
 * 2. Outbound: 10 replies asked from the console drain through the outbox while the child dies
 *    8 times (the emulators answer slowly, so deaths land between the network's write and the
 *    record); each comment / mention ends with exactly one reply, every outbox row done.
 *
 * Leases. A killed process leaves its leases behind: the poller's per-account lease (5 min, not
 * configurable) and the outbox rows in flight (60 s). Between a kill and the restart the test
 * plays that wait by making the dead process's leases expired (`expireDeadLeases`), so the run
 * takes seconds; what is checked is what happens once they expire.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createGraphEmulator,
  createXEmulator,
  seededRandom,
  type GraphEmulator,
  type RunningEmulator,
  type XEmulator,
} from '@hub/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient } from '../support/moderation.ts';
import { spawnModeration, type ModerationProcess } from '../support/moderation-process.ts';
import { DIALECTS, moderationStore, type ModerationStore } from '../support/moderation-store.ts';
import { eventually } from '../support/wait.ts';

const PAGE_A = { id: '104857600000011', name: 'Habitat Val-de-Seine', accessToken: 'EAAG-crash-a' };
const PAGE_B = { id: '104857600000012', name: 'Habitat Rive-Gauche', accessToken: 'EAAG-crash-b' };
const X_ACCOUNT = { id: '1500000000000000011', username: 'HabitatCrash', bearerToken: 'x-crash-token' };
const ADMIN = { email: 'admin@bailleur.example', password: 'Moderation2026' };
/** High enough that the 50 ms polling never meets the emulators' own rate limits. */
const NO_X_LIMITS = { 'GET /2/users/:id/mentions': 1_000_000, 'GET /2/tweets/search/recent': 1_000_000, 'POST /2/tweets': 1_000_000 };

interface Expected {
  source: string;
  account: string;
  id: string;
}
const keyOf = (e: Expected) => `${e.source}|${e.account}|${e.id}`;

async function queueKeys(store: ModerationStore): Promise<string[]> {
  const rows = await store.rows<{ source: string; account_id: string; external_id: string }>("select source, account_id, external_id from items where source in ('facebook_comment','facebook_post','x_mention','x_reply')");
  return rows.map((r) => `${r.source}|${r.account_id}|${r.external_id}`);
}

async function startEmulators(seed: number) {
  const graph = createGraphEmulator({ pages: [PAGE_A, PAGE_B], seed, usageBudgetPerHour: 10_000_000 });
  const x = createXEmulator({ accounts: [X_ACCOUNT], seed, rateLimits: NO_X_LIMITS });
  const servers: RunningEmulator[] = [await graph.start(), await x.start()];
  return { graph, x, graphUrl: servers[0]!.url, xUrl: servers[1]!.url, close: () => Promise.all(servers.map((s) => s.close())) };
}

function baseEnv(store: ModerationStore, graphUrl: string, xUrl: string): Record<string, string> {
  return {
    DATABASE_URL: store.url,
    FACEBOOK_GRAPH_URL: graphUrl,
    TWITTER_API_URL: xUrl,
    FACEBOOK_PAGES: JSON.stringify([PAGE_A, PAGE_B]),
    TWITTER_ACCOUNTS: JSON.stringify([X_ACCOUNT]),
    TWITTER_DAILY_READ_BUDGET: '100000000',
    OUTBOX_POLL_MS: '50',
    OUTBOX_RETRY_BASE_MS: '50',
  };
}

describe.each(DIALECTS)('kill -9 while ingesting, on %s', (dialect) => {
  let dir = '';
  let store: ModerationStore;
  let emulators: Awaited<ReturnType<typeof startEmulators>>;
  let child: ModerationProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-crash-'));
    store = await moderationStore(dialect, dir);
    emulators = await startEmulators(31);
  });
  afterAll(async () => {
    await child?.kill9();
    await emulators?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds every emulator item exactly once after 10 SIGKILLs during polling', async () => {
    const { graph, x } = emulators;
    const random = seededRandom(20260314);
    const expected: Expected[] = [];
    const posts = new Map<string, string[]>([
      [PAGE_A.id, [graph.addPost(PAGE_A.id, { message: 'Travaux du hall, résidence Les Tilleuls' }).id]],
      [PAGE_B.id, [graph.addPost(PAGE_B.id, { message: 'Coupure d’eau jeudi matin' }).id]],
    ]);
    let n = 0;
    const addOne = () => {
      const roll = random();
      n++;
      if (roll < 0.3) {
        const m = x.addMention(X_ACCOUNT.id, { from: `locataire_${n % 9}`, text: `Bonjour, question ${n} sur le chauffage` });
        expected.push({ source: 'x_mention', account: X_ACCOUNT.id, id: m.id });
        return;
      }
      const page = roll < 0.65 ? PAGE_A : PAGE_B;
      const list = posts.get(page.id)!;
      if (random() < 0.03) list.push(graph.addPost(page.id, { message: `Information ${n} aux locataires` }).id);
      const postId = list[Math.floor(random() * list.length)]!;
      const c = graph.addComment(page.id, postId, { from: { id: String(900000 + (n % 13)), name: `Locataire ${n % 13}` }, message: `Question ${n} : quand l’ascenseur sera-t-il réparé ?` });
      expected.push({ source: 'facebook_comment', account: page.id, id: c.id });
    };
    for (let i = 0; i < 20; i++) addOne();
    // Arrivals go on during the whole run, one every 40 ms.
    const feeder = setInterval(addOne, 40);

    const env = { ...baseEnv(store, emulators.graphUrl, emulators.xUrl), SOCIAL_POLL_SECONDS: '0.05', SOCIAL_PAGE_SIZE: '5' };
    const left = { accounts: 0, outbox: 0 };
    const seen: number[] = [];
    try {
      for (let kill = 0; kill < 10; kill++) {
        child = await spawnModeration(env);
        // Long enough for a loaded CI machine to start the process and poll, short enough to cut polls.
        await new Promise((r) => setTimeout(r, 300 + Math.floor(random() * 1200)));
        await child.kill9();
        expect(child.child.signalCode).toBe('SIGKILL');
        child = undefined;
        const leases = await store.expireDeadLeases();
        left.accounts += leases.accounts;
        seen.push((await queueKeys(store)).length);
      }
    } finally {
      clearInterval(feeder);
    }
    // The kills did land while the service was at work: items were stored between kills, and
    // some deaths left a poll lease behind (the process died in the middle of a poll).
    expect(seen.at(-1)!).toBeGreaterThan(seen[0]!);
    expect(left.accounts).toBeGreaterThan(0);

    child = await spawnModeration(env);
    const want = new Set(expected.map(keyOf));
    await eventually(async () => {
      const have = new Set(await queueKeys(store));
      return [...want].every((k) => have.has(k)) ? true : undefined;
    }, 30_000, 100);
    // Ends with SIGKILL too: with accounts configured, main.ts's SIGTERM handler does not return;
    // what was committed is on disk either way.
    await child.kill9();
    child = undefined;

    const keys = await queueKeys(store);
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    expect([...counts].filter(([, c]) => c > 1)).toEqual([]);
    expect([...want].filter((k) => !counts.has(k))).toEqual([]);
    expect(new Set(keys)).toEqual(want);
    expect(keys.length).toBe(expected.length);
  });
});

describe.each(DIALECTS)('kill -9 while the outbox drains, on %s', (dialect) => {
  let dir = '';
  let store: ModerationStore;
  let emulators: Awaited<ReturnType<typeof startEmulators>>;
  let child: ModerationProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-crash-'));
    store = await moderationStore(dialect, dir);
    emulators = await startEmulators(47);
  });
  afterAll(async () => {
    await child?.kill9();
    await emulators?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const outboxRows = () =>
    store.rows<{
      item_id: string;
      kind: string;
      state: string;
      attempts: number;
      target_external_id: string;
      result_external_id: string | null;
    }>("select item_id, kind, state, attempts, target_external_id, result_external_id from outbox where kind = 'reply'");

  it('publishes exactly one reply per action through 8 SIGKILLs', async () => {
    const { graph, x } = emulators as { graph: GraphEmulator; x: XEmulator };
    const random = seededRandom(4711);
    const post = graph.addPost(PAGE_A.id, { message: 'Réunion des locataires mardi' });
    const targets: { network: 'facebook' | 'x'; id: string; source: string; account: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const c = graph.addComment(PAGE_A.id, post.id, { from: { id: String(910000 + i), name: `Locataire ${i}` }, message: `À quelle heure commence la réunion ? (${i})` });
      targets.push({ network: 'facebook', id: c.id, source: 'facebook_comment', account: PAGE_A.id });
    }
    for (let i = 0; i < 4; i++) {
      const m = x.addMention(X_ACCOUNT.id, { from: `voisin_${i}`, text: `La réunion est-elle maintenue ? (${i})` });
      targets.push({ network: 'x', id: m.id, source: 'x_mention', account: X_ACCOUNT.id });
    }

    // First life: read the items, ask for the replies (each commits its outbox row).
    const env = baseEnv(store, emulators.graphUrl, emulators.xUrl);
    child = await spawnModeration({ ...env, SOCIAL_POLL_SECONDS: '0.05', SOCIAL_PAGE_SIZE: '5' });
    const itemIds = (
      await eventually(async () => {
        const rows = await store.rows<{ id: string; source: string; account_id: string; external_id: string; state: string }>('select id, source, account_id, external_id, state from items');
        const ids = targets.map((t) => rows.find((r) => r.source === t.source && r.account_id === t.account && r.external_id === t.id));
        return ids.every(Boolean) ? ids.map((r) => r!.id) : undefined;
      }, 20_000, 100)
    ).value;
    // Slow networks: each call waits 60–200 ms, so deaths often land mid-call.
    graph.setFaults({ delayMs: { min: 60, max: 200 } });
    x.setFaults({ delayMs: { min: 60, max: 200 } });
    const client = consoleClient(child.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).errors).toBeUndefined();
    for (const [i, id] of itemIds.entries()) {
      const answer = await client.query('mutation($id:ID!,$t:String!){ reply(id:$id,text:$t){ id state } }', { id, t: `Bonjour, la réunion commence à 18 h (${i}).` });
      expect(answer.errors).toBeUndefined();
    }
    expect(await outboxRows()).toHaveLength(targets.length);

    // Then die at random moments, restart, die again… (no more polling: only the outbox works).
    const drainEnv = { ...env, SOCIAL_POLL_SECONDS: '3600' };
    let inFlightLeft = 0;
    let doneBeforeLastKill = 0;
    for (let kill = 0; kill < 8; kill++) {
      if (kill > 0) child = await spawnModeration(drainEnv);
      await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 400)));
      await child!.kill9();
      child = undefined;
      inFlightLeft += (await store.expireDeadLeases()).outbox;
      doneBeforeLastKill = (await outboxRows()).filter((r) => r.state === 'done').length;
    }
    expect(inFlightLeft).toBeGreaterThan(0);

    // Last life: let it drain.
    child = await spawnModeration(drainEnv);
    await eventually(async () => ((await outboxRows()).every((r) => r.state === 'done' || r.state === 'failed') ? true : undefined), 30_000, 100);
    // Ends with SIGKILL too: with accounts configured, main.ts's SIGTERM handler does not return;
    // what was committed is on disk either way.
    await child.kill9();
    child = undefined;

    const rows = await outboxRows();
    expect(rows.filter((r) => r.state !== 'done')).toEqual([]);
    expect(doneBeforeLastKill).toBeLessThanOrEqual(rows.length);
    for (const target of targets) {
      const replies = target.network === 'facebook' ? graph.repliesOf(target.id).map((r) => r.id) : x.repliesTo(target.id).map((t) => t.id);
      expect(replies, `${target.network} ${target.id}`).toHaveLength(1);
      const row = rows.find((r) => r.target_external_id === target.id)!;
      expect(row.result_external_id).toBe(replies[0]);
    }
    // Some rows needed more than one attempt: the kills did interrupt the drain.
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });
});

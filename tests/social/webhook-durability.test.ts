/**
 * The Facebook webhook stores a delivery before it answers 200 (moderation/src/connectors/inbox.ts):
 * `node moderation/src/main.ts` runs as a child process, receives signed deliveries, and is
 * killed with SIGKILL.
 *
 * 1. PostgreSQL: the `items` table is held locked by the test (a busy database), so the drain
 *    blocks on its first change. An edit and a removal are answered 200, the child is killed
 *    before either is applied; after the restart both are applied, each exactly once. The
 *    database refusing connections gets a 503 (Meta retries), and the retry is applied.
 *    Three drains on one PostgreSQL inbox apply each delivery once.
 * 2. SQLite: the file is held locked by another writer → 503, nothing stored; Meta's retry
 *    of the same delivery afterwards → 200, applied once. A delivery posted twice (Meta's retry
 *    of an old edit, after a newer edit) is stored and applied once.
 *
 * Leases. A killed process leaves its claimed inbox row in flight for the lease (60 s); as in
 * crash.test.ts, the test plays that wait by making the dead process's lease expired.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createGraphEmulator, signWebhookBody, type RunningEmulator } from '@hub/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookInbox } from '../../moderation/src/connectors/inbox.ts';
import { migrate, openDatabase } from '../../moderation/src/db/database.ts';
import { readSqlite, spawnModeration, type ModerationProcess } from '../support/moderation-process.ts';
import { createTempDatabase } from '../support/postgres.ts';
import { eventually } from '../support/wait.ts';

const PAGE = { id: '104857600000021', name: 'Habitat Durable', accessToken: 'EAAG-durability' };
const APP_SECRET = 'app-secret-for-durability-tests';
const TENANT = { id: '920001', name: 'Karim B.' };
const POST_ID = `${PAGE.id}_5001`;

let graphServer: RunningEmulator;
beforeAll(async () => {
  graphServer = await createGraphEmulator({ pages: [PAGE], seed: 5 }).start();
});
afterAll(async () => {
  await graphServer?.close();
});

function env(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    FACEBOOK_GRAPH_URL: graphServer.url,
    FACEBOOK_PAGES: JSON.stringify([PAGE]),
    FACEBOOK_APP_SECRET: APP_SECRET,
    FACEBOOK_VERIFY_TOKEN: 'verify-durability',
    // Only the webhook brings items in.
    SOCIAL_POLL_SECONDS: '3600',
  };
}

/** One delivery of Meta for one comment change (`time` in seconds). */
function delivery(commentId: string, value: Record<string, unknown>, time: number): string {
  return JSON.stringify({
    object: 'page',
    entry: [{ id: PAGE.id, time, changes: [{ field: 'feed', value: { item: 'comment', post_id: POST_ID, parent_id: POST_ID, comment_id: commentId, created_time: time, from: TENANT, ...value } }] }],
  });
}

async function postSigned(url: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}/webhooks/facebook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(APP_SECRET, body) }, body, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, text: await res.text() };
}

const now = () => Math.floor(Date.now() / 1000);

describe('PostgreSQL: kill -9 after the 200, before the change is applied', () => {
  let database: Awaited<ReturnType<typeof createTempDatabase>>;
  let client: pg.Client;
  let child: ModerationProcess | undefined;

  beforeAll(async () => {
    database = await createTempDatabase();
    client = new pg.Client({ connectionString: database.url });
    // Cut on purpose by the « refuses connections » case.
    client.on('error', () => undefined);
    await client.connect();
  });
  afterAll(async () => {
    await child?.kill9();
    await client?.end();
    await database?.drop();
  });

  const itemOf = async (externalId: string) => (await client.query<{ id: string; text: string; state: string }>('select id, text, state from items where external_id = $1', [externalId])).rows;
  const eventsOf = async (itemId: string) => (await client.query<{ kind: string; to_state: string | null; reason: string | null }>('select kind, to_state, reason from item_events where item_id = $1 order by id', [itemId])).rows;
  const inbox = async () => (await client.query<{ id: string; state: string; attempts: number; lease_owner: string | null }>('select id, state, attempts, lease_owner from webhook_inbox order by id')).rows;

  it('applies an edit and a removal answered 200 exactly once after the restart', async () => {
    child = await spawnModeration(env(database.url));
    const t = now();
    expect((await postSigned(child.url, delivery('5001_1', { verb: 'add', message: 'Bonjour, quand passe le chauffagiste ?' }, t))).status).toBe(200);
    const [first] = (await eventually(async () => ((await itemOf('5001_1')).length ? await itemOf('5001_1') : undefined), 10_000)).value;
    expect(first!.text).toBe('Bonjour, quand passe le chauffagiste ?');

    // A busy database: the queue's table is locked by someone else; the inbox is not.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table items in access exclusive mode');
      const edit = await postSigned(child.url, delivery('5001_1', { verb: 'edited', message: 'Bonjour, quand passe le chauffagiste ? Bâtiment C.' }, t + 1));
      const removal = await postSigned(child.url, delivery('5001_1', { verb: 'remove' }, t + 2));
      expect([edit, removal]).toEqual([
        { status: 200, text: 'EVENT_RECEIVED' },
        { status: 200, text: 'EVENT_RECEIVED' },
      ]);
      // Both stored; the drain holds the edit (blocked on the lock), the removal waits.
      await eventually(async () => ((await inbox())[1]?.state === 'in_flight' ? true : undefined), 10_000);
      expect((await inbox()).map((r) => r.state)).toEqual(['done', 'in_flight', 'pending']);
      await child.kill9();
      expect(child.child.signalCode).toBe('SIGKILL');
      child = undefined;
    } finally {
      await locker.query('rollback');
      await locker.end();
    }
    // Nothing applied before the kill.
    expect(await itemOf('5001_1')).toMatchObject([{ text: 'Bonjour, quand passe le chauffagiste ?' }]);
    expect((await eventsOf(first!.id)).filter((e) => e.kind === 'edited' || e.to_state === 'deleted')).toEqual([]);
    // The dead process's lease, expired (what 60 s would do).
    const expired = await client.query("update webhook_inbox set lease_until = $1 where state = 'in_flight'", [new Date(Date.now() - 1000).toISOString()]);
    expect(expired.rowCount).toBe(1);

    child = await spawnModeration(env(database.url));
    await eventually(async () => ((await inbox()).every((r) => r.state === 'done') ? true : undefined), 15_000);
    const [after] = await itemOf('5001_1');
    expect(after).toMatchObject({ id: first!.id, text: 'Bonjour, quand passe le chauffagiste ? Bâtiment C.', state: 'deleted' });
    const events = await eventsOf(first!.id);
    expect(events.filter((e) => e.kind === 'edited')).toHaveLength(1);
    expect(events.filter((e) => e.to_state === 'deleted')).toEqual([{ kind: 'decision', to_state: 'deleted', reason: 'Supprimé par son auteur sur le réseau' }]);
    expect((await inbox()).map((r) => [r.state, r.attempts, r.lease_owner])).toEqual([
      ['done', 1, null],
      ['done', 2, null],
      ['done', 1, null],
    ]);
  });

  it('answers 503 while the database refuses connections; Meta\'s retry is then stored and applied', async () => {
    child ??= await spawnModeration(env(database.url));
    const name = new URL(database.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: database.url.replace(`/${name}`, '/postgres') });
    await admin.connect();
    const body = delivery('5001_2', { verb: 'add', message: 'Le portail du parking est bloqué.' }, now());
    try {
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
      const refused = await postSigned(child.url, body);
      expect(refused.status).toBe(503);
      expect(JSON.parse(refused.text)).toEqual({ error: { message: 'Le webhook n’a pas pu être enregistré, réessayez plus tard.' } });
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
    }
    await client.end().catch(() => undefined);
    client = new pg.Client({ connectionString: database.url });
    client.on('error', () => undefined);
    await client.connect();
    expect(await itemOf('5001_2')).toEqual([]);
    expect((await postSigned(child.url, body)).status).toBe(200);
    await eventually(async () => ((await itemOf('5001_2')).length === 1 ? true : undefined), 10_000);
    await child.kill9();
    child = undefined;
  });
});

describe('PostgreSQL: several processes drain one inbox', () => {
  it('gives each stored delivery to one drain only (FOR UPDATE SKIP LOCKED)', async () => {
    const database = await createTempDatabase();
    const { db, dialect } = openDatabase(database.url);
    try {
      await migrate(db, dialect, new Date());
      const applied: string[] = [];
      const drains = [1, 2, 3].map((n) =>
        createWebhookInbox({
          db,
          dialect,
          clock: () => new Date(),
          source: 'facebook',
          apply: async (payload) => {
            applied.push(`${payload}:${n}`);
            await new Promise((r) => setTimeout(r, 2));
          },
        }),
      );
      for (let i = 0; i < 40; i++) await drains[0]!.store(`{"n":${i}}`);
      await Promise.all(drains.map((d) => d.idle()));
      const payloads = applied.map((a) => a.slice(0, a.lastIndexOf(':')));
      expect(payloads.toSorted()).toEqual(Array.from({ length: 40 }, (_, i) => `{"n":${i}}`).toSorted());
      // All three took part.
      expect(new Set(applied.map((a) => a.slice(a.lastIndexOf(':') + 1))).size).toBe(3);
      const states = await db.selectFrom('webhook_inbox').select(['state', 'attempts']).execute();
      expect(states.every((r) => r.state === 'done' && Number(r.attempts) === 1)).toBe(true);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});

describe('SQLite: a locked database, a delivery posted twice', () => {
  let dir = '';
  let file = '';
  let child: ModerationProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hub-webhook-durability-'));
    file = path.join(dir, 'moderation.db');
    child = await spawnModeration(env(`sqlite:${file}`));
  });
  afterAll(async () => {
    await child?.kill9();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const itemOf = (externalId: string) => readSqlite(file, (db) => db.prepare('select id, text, state from items where external_id = ?').all(externalId) as { id: string; text: string; state: string }[]);
  const editsOf = (itemId: string) => readSqlite(file, (db) => (db.prepare("select count(*) as n from item_events where item_id = ? and kind = 'edited'").get(itemId) as { n: number }).n);
  const inboxCount = () => readSqlite(file, (db) => (db.prepare('select count(*) as n from webhook_inbox').get() as { n: number }).n);

  it('answers 503 while another writer holds the database, then takes Meta\'s retry once', async () => {
    const body = delivery('5002_1', { verb: 'add', message: 'L’ascenseur est en panne depuis lundi.' }, now());
    const before = inboxCount();
    const holder = new Database(file);
    try {
      holder.exec('begin exclusive');
      const refused = await postSigned(child!.url, body);
      expect(refused.status).toBe(503);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    expect(inboxCount()).toBe(before);
    expect(itemOf('5002_1')).toEqual([]);
    expect((await postSigned(child!.url, body)).status).toBe(200);
    await eventually(async () => (itemOf('5002_1').length === 1 ? true : undefined), 10_000);
    expect(itemOf('5002_1')).toHaveLength(1);
  });

  it('stores and applies a delivery posted twice once (an old edit retried after a newer one)', async () => {
    const t = now();
    expect((await postSigned(child!.url, delivery('5002_2', { verb: 'add', message: 'Première version' }, t))).status).toBe(200);
    const [item] = (await eventually(async () => (itemOf('5002_2').length ? itemOf('5002_2') : undefined), 10_000)).value;
    const editA = delivery('5002_2', { verb: 'edited', message: 'Deuxième version' }, t);
    const editB = delivery('5002_2', { verb: 'edited', message: 'Troisième version' }, t);
    const before = inboxCount();
    for (const body of [editA, editA, editB, editA]) expect((await postSigned(child!.url, body)).status).toBe(200);
    await eventually(async () => (itemOf('5002_2')[0]?.text === 'Troisième version' ? true : undefined), 10_000);
    // Give a late re-application of edit A the time to show up, if it were to happen.
    await new Promise((r) => setTimeout(r, 500));
    expect(itemOf('5002_2')).toMatchObject([{ id: item!.id, text: 'Troisième version' }]);
    expect(editsOf(item!.id)).toBe(2);
    expect(inboxCount()).toBe(before + 2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { bodyHash, createWebhookInbox, PartialApply } from './inbox.ts';

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

async function setup() {
  const { db } = openDatabase('sqlite::memory:');
  opened.push(db);
  await migrate(db, 'sqlite', new Date('2026-03-14T09:00:00Z'));
  const clock = { now: new Date('2026-03-14T10:00:00Z') };
  const applied: string[] = [];
  let fail: ((payload: string, from: number) => Error | undefined) | undefined;
  /** One process's inbox (its own lease owner) on the shared database. */
  const processInbox = () =>
    createWebhookInbox({
      db,
      dialect: 'sqlite',
      clock: () => clock.now,
      source: 'facebook',
      leaseMs: 60_000,
      maxAttempts: 2,
      backoff: { baseMs: 1_000, maxMs: 1_000, jitter: 0 },
      keepDoneMs: 24 * 3600_000,
      apply: async (payload, from) => {
        const error = fail?.(payload, from);
        if (error) throw error;
        applied.push(`${payload}@${from}`);
      },
    });
  const rows = () => db.selectFrom('webhook_inbox').selectAll().orderBy('id').execute();
  return { db, clock, applied, rows, processInbox, failWith: (f: typeof fail) => (fail = f) };
}

describe('webhook inbox', () => {
  it('stores one row per delivery, keyed by the hash of the raw body', async () => {
    const { processInbox, rows } = await setup();
    const inbox = processInbox();
    expect(await inbox.store('{"a":1}')).toBe(true);
    expect(await inbox.store(Buffer.from('{"a":1}'))).toBe(false);
    expect(await inbox.store('{"a":2}')).toBe(true);
    expect((await rows()).map((r) => [r.payload, r.body_sha256, r.state])).toEqual([
      ['{"a":1}', bodyHash('{"a":1}'), 'pending'],
      ['{"a":2}', bodyHash('{"a":2}'), 'pending'],
    ]);
  });

  it('drains in arrival order and marks rows done', async () => {
    const { processInbox, rows, applied } = await setup();
    const inbox = processInbox();
    for (const p of ['1', '2', '3']) await inbox.store(p);
    await inbox.idle();
    expect(applied).toEqual(['1@0', '2@0', '3@0']);
    expect((await rows()).map((r) => r.state)).toEqual(['done', 'done', 'done']);
  });

  it('gives a claimed row to one process; a dead process\'s row is taken again after its lease, once', async () => {
    const { processInbox, rows, applied, clock } = await setup();
    const dead = processInbox();
    const alive = processInbox();
    await dead.store('edit');
    const claimed = await dead.claim();
    expect(claimed).toMatchObject({ payload: 'edit', state: 'in_flight', lease_owner: dead.owner, attempts: 1 });
    // The lease holds: nobody else takes it…
    expect(await alive.claim()).toBeUndefined();
    await alive.idle();
    expect(applied).toEqual([]);
    // …until it expires (the process was killed): then the other one applies it.
    clock.now = new Date(clock.now.getTime() + 60_001);
    await alive.idle();
    expect(applied).toEqual(['edit@0']);
    expect(await rows()).toMatchObject([{ state: 'done', attempts: 2, lease_owner: null }]);
    // The dead owner's late finish changes nothing (the lease is no longer its).
    await dead.execute(claimed!);
    expect(applied).toEqual(['edit@0', 'edit@0']);
    expect(await rows()).toMatchObject([{ state: 'done', attempts: 2 }]);
    // Nothing is claimed again.
    clock.now = new Date(clock.now.getTime() + 3600_000);
    expect(await alive.claim()).toBeUndefined();
  });

  it('retries after the backoff from the change that failed, then keeps the row as failed with its error', async () => {
    const { processInbox, rows, applied, clock, failWith } = await setup();
    const one = processInbox();
    await one.store('p');
    failWith((_p, from) => new PartialApply(from + 1, new Error('database is locked')));
    await one.idle();
    expect(await rows()).toMatchObject([{ state: 'pending', attempts: 1, changes_done: 1, last_error: 'database is locked', next_attempt_at: '2026-03-14T10:00:01.000Z' }]);
    await one.idle();
    expect((await rows())[0]!.attempts).toBe(1);
    clock.now = new Date('2026-03-14T10:00:01Z');
    await one.idle();
    expect(await rows()).toMatchObject([{ state: 'failed', attempts: 2, changes_done: 2, last_error: 'Abandon après 2 tentatives : database is locked', lease_owner: null }]);
    clock.now = new Date('2026-03-15T10:00:01Z');
    await one.idle();
    expect(await rows()).toMatchObject([{ state: 'failed', attempts: 2 }]);
    expect(applied).toEqual([]);
  });

  it('purges done rows after keepDoneMs, never pending or failed ones', async () => {
    const { processInbox, rows, clock } = await setup();
    const inbox = processInbox();
    await inbox.store('old');
    await inbox.idle();
    await inbox.store('waiting');
    clock.now = new Date(clock.now.getTime() + 24 * 3600_000 + 1);
    expect(await inbox.purge()).toBe(1);
    expect((await rows()).map((r) => r.payload)).toEqual(['waiting']);
  });

  it('idle() resolves when the database does not answer', async () => {
    const { processInbox, db } = await setup();
    const inbox = processInbox();
    await db.schema.dropTable('webhook_inbox').execute();
    await expect(inbox.idle()).resolves.toBeUndefined();
  });

  it('start() drains what was left, kick() wakes it, stop() ends it', async () => {
    const { processInbox, applied } = await setup();
    const inbox = processInbox();
    await inbox.store('left-by-a-previous-process');
    inbox.start();
    await expect.poll(() => applied.length).toBe(1);
    await inbox.store('new');
    inbox.kick();
    await expect.poll(() => applied.length).toBe(2);
    await inbox.stop();
    expect(applied).toEqual(['left-by-a-previous-process@0', 'new@0']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import type { ItemRow } from '../queue/store.ts';
import { enqueueOutbound, newOutboxRow, outboundKind } from './enqueue.ts';
import { IntegrationError } from '@hub/integrations/errors';
import type { OutboundAdapter } from '@hub/integrations';
import { hasReplyMarker } from './network.ts';
import { backoffMs, createOutboxWorker, type Delivery } from './worker.ts';

function item(id: string, state: string, source = 'facebook_comment'): ItemRow {
  const at = '2026-03-14T10:00:00.000Z';
  return {
    id, source, account_id: '1048576', external_id: `ext-${id}`, author_name: 'Nadia', author_external_id: 'u1', text: 'x',
    created_at: at, ingested_at: at, updated_at: at, permalink: null, parent_id: null, thread_id: id, article_slug: null,
    worksite_slug: null, residence: null, state, severity: null, rule_ids: '[]', charter_version: null, personal_data: '[]',
    request_category: null, negative_score: 0, assigned_to: null, private_details: null,
  };
}

function fakeNetwork() {
  const calls: string[] = [];
  const replies: { target: string; text: string }[] = [];
  let failures = 0;
  const network: OutboundAdapter = {
    async hide(target, hidden) {
      if (failures > 0) { failures -= 1; throw new IntegrationError('Facebook a répondu 500', { retryable: true }); }
      calls.push(`${hidden ? 'hide' : 'unhide'}:${target}`);
    },
    async delete(target) { calls.push(`delete:${target}`); },
    async reply(target, text) { replies.push({ target, text }); return { externalId: `r${replies.length}` }; },
    async findReply(target, key) { const i = replies.findIndex((r) => r.target === target && hasReplyMarker(r.text, key)); return i < 0 ? null : `r${i + 1}`; },
    async publish(post) { replies.push({ target: 'feed', text: `${post.message}${post.marker} ${post.link}` }); return { externalId: `r${replies.length}` }; },
    async findPublished(key) { const i = replies.findIndex((r) => r.target === 'feed' && hasReplyMarker(r.text, key)); return i < 0 ? null : `r${i + 1}`; },
  };
  return { network, calls, replies, failNext: (n: number) => { failures = n; } };
}

describe('backoffMs', () => {
  it('doubles from the base and stops at the cap', () => {
    const o = { baseMs: 100, maxMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, o))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const jittered = backoffMs(3, { baseMs: 100, maxMs: 10_000, jitter: 0.2 }, () => 1);
    expect(jittered).toBe(480);
  });
});

describe('outboundKind', () => {
  it('maps decisions to network actions; site items never go out', () => {
    expect(outboundKind('site_comment', { action: 'charter', fromState: 'new', toState: 'rejected', at: '' })).toBeNull();
    expect(outboundKind('facebook_comment', { action: 'charter', fromState: 'new', toState: 'rejected', at: '' })).toBe('hide');
    expect(outboundKind('facebook_comment', { action: 'charter', fromState: 'new', toState: 'approved', at: '' })).toBeNull();
    expect(outboundKind('x_reply', { action: 'unhide', fromState: 'hidden', toState: 'approved', at: '' })).toBe('unhide');
    expect(outboundKind('facebook_comment', { action: 'delete', fromState: 'new', toState: 'deleted', at: '' })).toBe('delete');
    expect(outboundKind('x_reply', { action: 'delete', fromState: 'new', toState: 'deleted', at: '' })).toBe('hide');
  });
});

describe('outbox worker', () => {
  let db: Db;
  let now = new Date('2026-03-14T10:00:00.000Z');
  const clock = () => now;
  beforeEach(async () => {
    now = new Date('2026-03-14T10:00:00.000Z');
    db = openDatabase('sqlite::memory:').db;
    await migrate(db, 'sqlite', new Date());
  });
  afterEach(() => db.destroy());

  async function seed(row: ItemRow, decision: Parameters<typeof enqueueOutbound>[2]) {
    await db.insertInto('items').values(row).execute();
    await db.transaction().execute((trx) => enqueueOutbound(trx, row, decision));
  }

  it('claims a row once, retries with backoff, then succeeds', async () => {
    const fake = fakeNetwork();
    await seed(item('a', 'hidden'), { action: 'hide', fromState: 'new', toState: 'hidden', at: now.toISOString() });
    const worker = createOutboxWorker({ db, dialect: 'sqlite', networks: () => fake.network, clock, backoff: { baseMs: 1000, maxMs: 60_000, jitter: 0 } });
    const other = createOutboxWorker({ db, dialect: 'sqlite', networks: () => fake.network, clock });
    fake.failNext(1);
    const claimed = await worker.claim();
    expect(claimed).toHaveLength(1);
    expect(await other.claim()).toHaveLength(0); // leased
    await worker.execute(claimed[0]!);
    let row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 1, next_attempt_at: '2026-03-14T10:00:01.000Z' });
    expect(await worker.runOnce()).toBe(0); // not due yet
    now = new Date(now.getTime() + 1000);
    expect(await worker.runOnce()).toBe(1);
    row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'done', attempts: 2, lease_owner: null });
    expect(fake.calls).toEqual(['hide:ext-a']);
  });

  it('gives up after the last attempt with a French reason', async () => {
    const fake = fakeNetwork();
    await seed(item('b', 'hidden'), { action: 'hide', fromState: 'new', toState: 'hidden', at: now.toISOString() });
    const worker = createOutboxWorker({ db, dialect: 'sqlite', networks: () => fake.network, clock, maxAttempts: 3, backoff: { baseMs: 10, maxMs: 10, jitter: 0 } });
    fake.failNext(99);
    for (let i = 0; i < 3; i += 1) { await worker.runOnce(); now = new Date(now.getTime() + 10); }
    const row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.state).toBe('failed');
    expect(row.last_error).toMatch(/^Abandon après 3 tentatives : Facebook a répondu 500/);
  });

  it('does nothing for a hide superseded by an unhide', async () => {
    const fake = fakeNetwork();
    await seed(item('c', 'approved'), { action: 'hide', fromState: 'new', toState: 'hidden', at: now.toISOString() });
    const worker = createOutboxWorker({ db, dialect: 'sqlite', networks: () => fake.network, clock });
    await worker.runOnce();
    expect(fake.calls).toEqual([]);
    expect((await db.selectFrom('outbox').select('state').executeTakeFirstOrThrow()).state).toBe('done');
  });

  it('a reply accepted by the network before a crash is not sent again', async () => {
    const fake = fakeNetwork();
    await seed(item('d', 'answered'), { action: 'reply', fromState: 'new', toState: 'answered', text: 'Bonjour\n— Équipe', at: now.toISOString() });
    const dying = createOutboxWorker({ db, dialect: 'sqlite', networks: () => fake.network, clock, leaseMs: 5000, afterNetwork: () => { throw new Error('kill -9'); } });
    await expect(dying.runOnce()).rejects.toThrow('simulated crash');
    expect(fake.replies).toHaveLength(1);
    const restarted = createOutboxWorker({ db, dialect: 'sqlite', networks: () => fake.network, clock });
    expect(await restarted.runOnce()).toBe(0); // lease still held
    now = new Date(now.getTime() + 5001);
    expect(await restarted.runOnce()).toBe(1);
    expect(fake.replies).toHaveLength(1);
    const row = await db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'done', result_external_id: 'r1', attempts: 2 });
  });
});

describe('outbox timing', () => {
  let db: Db;
  const clock = () => new Date();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  beforeEach(async () => {
    db = openDatabase('sqlite::memory:').db;
    await migrate(db, 'sqlite', new Date());
  });
  afterEach(() => db.destroy());

  async function delivery(kind: string, network: string, key: string, at = new Date(Date.now() - 1000)) {
    await db.insertInto('outbox').values(newOutboxRow({ kind, itemId: `crisis:${key}`, network, accountId: 'm1', target: `https://astreinte.example/${key}`, payload: null, idempotencyKey: key, at: at.toISOString() })).execute();
  }
  const row = (key: string) => db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
  async function until(check: () => Promise<boolean>, timeoutMs = 5000) {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await sleep(10);
    }
  }

  it('two workers, a delivery slower than the lease: sent once (the lease is renewed while it runs)', async () => {
    let sends = 0;
    const slow: Delivery = async () => {
      sends += 1;
      await sleep(900);
      return { resultExternalId: `sent-${sends}` };
    };
    await delivery('oncall_webhook', 'webhook', 'page-1');
    const options = { db, dialect: 'sqlite' as const, networks: () => undefined, deliveries: { oncall_webhook: slow }, clock, leaseMs: 300, pollMs: 20 };
    const a = createOutboxWorker(options);
    const b = createOutboxWorker(options);
    a.start();
    b.start();
    try {
      await until(async () => (await row('page-1')).state === 'done');
      await sleep(400); // time for a second claim, were the lease let go
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(sends).toBe(1);
    expect(await row('page-1')).toMatchObject({ state: 'done', attempts: 1, result_external_id: 'sent-1', lease_owner: null });
  });

  it('abandons a delivery past its deadline: aborted, recorded as a retryable failure', async () => {
    let aborted: unknown;
    const stuck: Delivery = (_row, context) =>
      new Promise((_, reject) => {
        context?.signal.addEventListener('abort', () => {
          aborted = context.signal.reason;
          reject(new Error('aborted'));
        });
      });
    await delivery('oncall_email', 'mail', 'page-2');
    const worker = createOutboxWorker({ db, dialect: 'sqlite', networks: () => undefined, deliveries: { oncall_email: stuck }, clock, deliveryTimeoutMs: 200, backoff: { baseMs: 60_000, maxMs: 60_000, jitter: 0 } });
    const started = Date.now();
    expect(await worker.runOnce()).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(aborted).toBeInstanceOf(Error);
    expect(await row('page-2')).toMatchObject({ state: 'pending', attempts: 1, lease_owner: null, last_error: 'Délai dépassé : l’envoi n’a pas abouti en 0,2 s.' });
  });

  it('a stuck on-call webhook does not hold back a hide on Facebook', async () => {
    const fake = fakeNetwork();
    const at = new Date(Date.now() - 1000).toISOString();
    const hidden = { ...item('h', 'hidden'), created_at: at, ingested_at: at, updated_at: at };
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const slow: Delivery = async (r) => {
      await gate;
      order.push(r.idempotency_key);
      return { resultExternalId: null };
    };
    // Older than the hide, so claimed first.
    for (let i = 0; i < 6; i++) await delivery('oncall_webhook', 'webhook', `stuck-${i}`, new Date(Date.now() - 60_000 + i));
    await db.insertInto('items').values(hidden).execute();
    await db.transaction().execute((trx) => enqueueOutbound(trx, hidden, { action: 'hide', fromState: 'new', toState: 'hidden', at }));
    const worker = createOutboxWorker({ db, dialect: 'sqlite', networks: () => fake.network, deliveries: { oncall_webhook: slow }, clock, pollMs: 20 });
    worker.start();
    try {
      await until(async () => fake.calls.length > 0);
      order.push('hide');
      const states = await db.selectFrom('outbox').select(['idempotency_key', 'state']).where('kind', '=', 'oncall_webhook').execute();
      // One member's webhooks are one lane: one in flight, the others waiting their turn.
      expect(states.filter((s) => s.state === 'in_flight')).toHaveLength(1);
      expect(states.filter((s) => s.state === 'pending')).toHaveLength(5);
    } finally {
      release();
      await until(async () => (await db.selectFrom('outbox').select('state').where('state', '!=', 'done').execute()).length === 0);
      await worker.stop();
    }
    expect(fake.calls).toEqual(['hide:ext-h']);
    expect(order[0]).toBe('hide');
    expect(order).toHaveLength(7);
  });

  it('runOnce carries the claimed rows out together: the fast one is done first', async () => {
    const done: string[] = [];
    const slow: Delivery = async (r) => {
      await sleep(300);
      done.push(r.idempotency_key);
      return { resultExternalId: null };
    };
    const fast: Delivery = async (r) => {
      done.push(r.idempotency_key);
      return { resultExternalId: null };
    };
    await delivery('oncall_webhook', 'webhook', 'slow', new Date(Date.now() - 2000));
    await delivery('claim_push', 'crm', 'fast');
    const worker = createOutboxWorker({ db, dialect: 'sqlite', networks: () => undefined, deliveries: { oncall_webhook: slow, claim_push: fast }, clock, batchSize: 2 });
    expect(await worker.runOnce()).toBe(2);
    expect(done).toEqual(['fast', 'slow']);
  });

  it('a row that crashes the service each time is given up after the last attempt', async () => {
    let now = new Date('2026-03-14T10:00:00.000Z');
    const fakeClock = () => now;
    let sends = 0;
    const page: Delivery = async () => {
      sends += 1;
      return { resultExternalId: null };
    };
    await db.insertInto('outbox').values(newOutboxRow({ kind: 'oncall_email', itemId: 'crisis:c', network: 'mail', accountId: 'm1', target: 'astreinte@bailleur.example', payload: null, idempotencyKey: 'crash', at: now.toISOString() })).execute();
    const options = { db, dialect: 'sqlite' as const, networks: () => undefined, deliveries: { oncall_email: page }, clock: fakeClock, leaseMs: 1000, maxAttempts: 3 };
    for (let life = 1; life <= 3; life++) {
      const dying = createOutboxWorker({ ...options, afterNetwork: () => { throw new Error('kill -9'); } });
      await expect(dying.runOnce()).rejects.toThrow('simulated crash');
      expect(await row('crash')).toMatchObject({ state: 'in_flight', attempts: life, interruptions: life - 1 });
      now = new Date(now.getTime() + 1001);
    }
    const restarted = createOutboxWorker(options);
    expect(await restarted.runOnce()).toBe(0);
    expect(sends).toBe(3);
    expect(await row('crash')).toMatchObject({ state: 'failed', attempts: 3, interruptions: 3, lease_owner: null, last_error: 'Abandon : l’envoi a interrompu le service à 3 reprises.' });
  });
});

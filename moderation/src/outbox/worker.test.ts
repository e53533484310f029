import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import type { ItemRow } from '../queue/store.ts';
import { enqueueOutbound, outboundKind } from './enqueue.ts';
import { IntegrationError } from '@hub/integrations/errors';
import type { OutboundAdapter } from '@hub/integrations';
import { hasReplyMarker } from './network.ts';
import { backoffMs, createOutboxWorker } from './worker.ts';

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

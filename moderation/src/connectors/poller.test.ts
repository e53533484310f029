import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../db/database.ts';
import type { NewItem } from '../queue/service.ts';
import { BUDGET_SPENT_MESSAGE, budgetLeft, countToday, createPoller, nextPollAt, type PolledAccount } from './poller.ts';
import { parisDay } from '@hub/integrations/paris-time';
import type { IncomingItem, SocialSource } from './source.ts';
import { toAccountState } from './state.ts';

const item = (id: string): IncomingItem => ({ source: 'x_mention', externalId: id, authorName: 'A', authorExternalId: '1', text: 'bonjour', createdAt: new Date(0), permalink: null, parentExternalId: null });
const failing = (kind: string, headers: Record<string, string> = {}) => Object.assign(new Error(`échec ${kind}`), { kind, headers: { get: (n: string) => headers[n] } });

async function setup(sources: Record<string, SocialSource>, ingest?: (i: NewItem) => Promise<{ created: boolean }>) {
  const { db, dialect } = openDatabase('sqlite::memory:');
  await migrate(db, dialect, new Date());
  let t = Date.parse('2026-03-14T10:00:00Z');
  const ingested: NewItem[] = [];
  const accounts: PolledAccount[] = Object.entries(sources).map(([key, source]) => ({ key, network: 'x', name: key, source }));
  const poller = createPoller({
    db,
    accounts,
    ingest: ingest ?? (async (i) => (ingested.push(i), { created: true })),
    intervalMs: 60_000,
    now: () => new Date(t),
    random: () => 0.5,
  });
  await poller.register();
  const row = (key: string) => db.selectFrom('connector_accounts').selectAll().where('account_key', '=', key).executeTakeFirstOrThrow();
  return { db, poller, ingested, row, advance: (ms: number) => (t += ms) };
}

describe('poller', () => {
  it('ingests, then saves the cursor, then waits for the interval', async () => {
    const cursors: (string | null)[] = [];
    const source: SocialSource = { accountId: '42', fetchNew: async (c) => (cursors.push(c), { items: [item('1'), item('2')], cursor: '2' }) };
    const { poller, ingested, row, advance } = await setup({ a: source });
    await poller.pollOnce();
    await poller.pollOnce(); // not due yet
    expect(ingested.map((i) => i.externalId)).toEqual(['1', '2']);
    expect(ingested[0]!.accountId).toBe('42');
    expect((await row('a')).cursor).toBe('2');
    expect((await row('a')).items_today).toBe(2);
    advance(60_001);
    await poller.pollOnce();
    expect(cursors).toEqual([null, '2']);
  });

  it('keeps the old cursor when ingesting fails midway (re-read later)', async () => {
    const source: SocialSource = { accountId: '42', fetchNew: async () => ({ items: [item('1'), item('2')], cursor: '2' }) };
    let calls = 0;
    const { poller, row } = await setup({ a: source }, async () => {
      if (++calls === 2) throw new Error('base indisponible');
      return { created: true };
    });
    await poller.pollOnce();
    expect((await row('a')).cursor).toBeNull();
    expect((await row('a')).last_error).toMatch(/indisponible/);
    expect((await row('a')).lease_owner).toBeNull();
  });

  it('waits out a rate limit while the others go on, marks a refused token broken', async () => {
    let limited = 0;
    let healthy = 0;
    const sources: Record<string, SocialSource> = {
      limited: { accountId: '1', fetchNew: async () => (limited++, Promise.reject(failing('rate_limit', { 'retry-after': '30' }))) },
      broken: { accountId: '2', fetchNew: async () => Promise.reject(failing('auth')) },
      healthy: { accountId: '3', fetchNew: async () => (healthy++, { items: [], cursor: null }) },
    };
    const { poller, row, advance } = await setup(sources);
    await poller.pollOnce();
    expect((await row('limited')).rate_limited_until).toBe('2026-03-14T10:00:30.000Z');
    expect((await row('broken')).token_state).toBe('broken');
    advance(20_000);
    await poller.pollOnce();
    expect(limited).toBe(1);
    advance(61_000);
    await poller.pollOnce();
    expect(limited).toBe(2);
    expect(healthy).toBe(2);
    expect((await row('healthy')).token_state).toBe('ok');
  });

  it('lets one poller at a time hold an account', async () => {
    let release!: () => void;
    let calls = 0;
    const source: SocialSource = { accountId: '1', fetchNew: () => (calls++, new Promise((r) => (release = () => r({ items: [], cursor: 'c' })))) };
    const { db, poller } = await setup({ a: source });
    const other = createPoller({ db, accounts: [{ key: 'a', network: 'x', name: 'a', source }], ingest: async () => ({ created: true }), intervalMs: 60_000, now: () => new Date('2026-03-14T10:00:00Z') });
    const first = poller.pollOnce();
    await new Promise((r) => setTimeout(r, 20));
    await other.pollOnce();
    expect(calls).toBe(1);
    release();
    await first;
  });
});

describe('X daily read budget', () => {
  it('counts posts read, skips the account once the budget is spent, resumes after midnight Paris time', async () => {
    const { db, dialect } = openDatabase('sqlite::memory:');
    await migrate(db, dialect, new Date());
    let t = Date.parse('2026-03-14T20:00:00Z'); // 21:00 in Paris
    let calls = 0;
    let next = 0;
    const source: SocialSource = { accountId: '7', fetchNew: async () => (calls++, { items: [item(String(++next)), item(String(++next)), item(String(++next))], cursor: String(next) }) };
    const facebook: SocialSource = { accountId: '8', fetchNew: async () => ({ items: [item(`f${++next}`), item(`f${++next}`), item(`f${++next}`)], cursor: null }) };
    const poller = createPoller({
      db,
      accounts: [
        { key: 'x:7', network: 'x', name: '@hvl', source },
        { key: 'facebook:8', network: 'facebook', name: 'Page', source: facebook },
      ],
      ingest: async () => ({ created: true }),
      intervalMs: 60_000,
      now: () => new Date(t),
      random: () => 0.5,
      dailyReadBudget: 5,
    });
    await poller.register();
    const row = (key: string) => db.selectFrom('connector_accounts').selectAll().where('account_key', '=', key).executeTakeFirstOrThrow();
    const state = async (key: string) => toAccountState(await row(key), new Date(t), 5);

    await poller.pollOnce();
    expect(await state('x:7')).toMatchObject({ budgetLeft: 2, lastError: null });
    expect((await row('x:7')).reads_day).toBe('2026-03-14');
    t += 61_000;
    await poller.pollOnce(); // 6 read: over the budget (a read is never cut short)
    expect(await state('x:7')).toMatchObject({ budgetLeft: 0 });
    t += 61_000;
    await poller.pollOnce(); // spent: X is not called, the state says why; Facebook goes on
    expect(calls).toBe(2);
    expect(await state('x:7')).toMatchObject({ budgetLeft: 0, lastError: BUDGET_SPENT_MESSAGE, tokenState: 'ok' });
    expect(await state('facebook:8')).toMatchObject({ budgetLeft: null, itemsToday: 9 });

    t = Date.parse('2026-03-14T23:00:30Z'); // 00:00:30 on 15 March in Paris
    expect(await state('x:7')).toMatchObject({ budgetLeft: 5 });
    await poller.pollOnce();
    expect(calls).toBe(3);
    expect(await state('x:7')).toMatchObject({ budgetLeft: 2, lastError: null });
    expect((await row('x:7')).reads_day).toBe('2026-03-15');
    await db.destroy();
  });
});

describe('pure helpers', () => {
  it('jitters the next poll within ±10 %', () => {
    const now = new Date('2026-03-14T10:00:00Z');
    expect(nextPollAt(now, 60_000, () => 0)).toBe('2026-03-14T10:00:54.000Z');
    expect(nextPollAt(now, 60_000, () => 1)).toBe('2026-03-14T10:01:06.000Z');
  });
  it('resets the day counter at midnight UTC', () => {
    expect(countToday('2026-03-13', 9, new Date('2026-03-14T00:01:00Z'), 2)).toEqual({ items_day: '2026-03-14', items_today: 2 });
    expect(countToday('2026-03-14', 9, new Date('2026-03-14T00:01:00Z'), 2)).toEqual({ items_day: '2026-03-14', items_today: 11 });
  });
  it('computes the lag and hides a past rate limit', () => {
    const state = toAccountState(
      { account_key: 'x:1', network: 'x', account_id: '1', name: '@a', cursor: null, last_poll_at: null, last_success_at: '2026-03-14T09:59:00.000Z', last_error: null, token_state: 'ok', rate_limited_until: '2026-03-14T09:00:00.000Z', rate_limit_hits: 0, items_day: '2026-03-13', items_today: 4, reads_day: null, reads_today: 0, next_poll_at: null, lease_owner: null, lease_until: null },
      new Date('2026-03-14T10:00:00Z'),
    );
    expect(state).toMatchObject({ lagSeconds: 60, rateLimitedUntil: null, itemsToday: 0, budgetLeft: null });
  });
  it('counts the X budget per Paris day, null for Facebook', () => {
    // 23:30 UTC on 14 March is already 15 March in Paris (UTC+1).
    expect(parisDay(new Date('2026-03-14T23:30:00Z'))).toBe('2026-03-15');
    expect(parisDay(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(parisDay(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
    const row = { network: 'x', reads_day: '2026-03-14', reads_today: 40 };
    expect(budgetLeft(row, 100, new Date('2026-03-14T22:59:00Z'))).toBe(60);
    expect(budgetLeft(row, 100, new Date('2026-03-14T23:00:00Z'))).toBe(100);
    expect(budgetLeft(row, 30, new Date('2026-03-14T12:00:00Z'))).toBe(0);
    expect(budgetLeft({ ...row, network: 'facebook' }, 100, new Date('2026-03-14T12:00:00Z'))).toBeNull();
  });
});

describe('poller and edits on the network', () => {
  it('hands a re-read item whose text changed to update, and leaves unchanged ones alone', async () => {
    const { db, dialect } = openDatabase('sqlite::memory:');
    await migrate(db, dialect, new Date());
    const stored = new Map<string, string>([['1', 'bonjour'], ['2', 'ancien texte']]);
    const updates: { externalId: string; text: string; editedAt: Date }[] = [];
    const edited = { ...item('2'), text: 'texte corrigé', updatedAt: new Date('2026-03-14T09:59:00Z') };
    const source: SocialSource = { accountId: '42', fetchNew: async () => ({ items: [item('1'), edited, item('3')], cursor: '3' }) };
    const poller = createPoller({
      db,
      accounts: [{ key: 'a', network: 'facebook', name: 'a', source }],
      ingest: async (i) => {
        const text = stored.get(i.externalId);
        if (text !== undefined) return { created: false, item: { text } };
        stored.set(i.externalId, i.text);
        return { created: true };
      },
      update: async (_source, accountId, externalId, change) => {
        expect(accountId).toBe('42');
        updates.push({ externalId, ...change });
      },
      intervalMs: 60_000,
      now: () => new Date('2026-03-14T10:00:00Z'),
    });
    await poller.register();
    await poller.pollOnce();
    expect(updates).toEqual([{ externalId: '2', text: 'texte corrigé', editedAt: new Date('2026-03-14T09:59:00Z') }]);
  });
});

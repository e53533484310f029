/**
 * Polls the configured social accounts and feeds the queue.
 *
 * Per account: take the lease (an atomic UPDATE … WHERE the lease is free and the account is
 * due, so one process at a time even with several on PostgreSQL), read since the cursor, ingest
 * every item (idempotent), THEN save the cursor: a crash in between re-reads and re-ingests, and
 * the queue keeps each item once. A rate limit sets `rate_limited_until` from the answer's
 * headers and the account is skipped until then; a refused token marks the account broken
 * (retried rarely); the other accounts go on.
 */
import { randomUUID } from 'node:crypto';
import { parisDay } from '@hub/integrations/paris-time';
import { rateLimitWaitMs } from '@hub/integrations/rate-limit';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { NewItem } from '../queue/service.ts';
import { failureOf, type SocialSource } from './source.ts';

export interface PolledAccount {
  key: string;
  network: 'facebook' | 'x';
  name: string;
  source: SocialSource;
}

export interface PollerDeps {
  db: Db;
  accounts: PolledAccount[];
  /** `item`: the stored item when it was already there (its text, to notice an edit). */
  ingest: (item: NewItem) => Promise<{ created: boolean; item?: { text: string } }>;
  /** The queue's `update`: called for a re-read item whose text differs from the stored one. */
  update?: (source: NewItem['source'], accountId: string, externalId: string, change: { text: string; editedAt: Date }) => Promise<unknown>;
  intervalMs: number;
  now: Clock;
  random?: () => number;
  /** How long a lease holds if its process dies mid-poll. */
  leaseMs?: number;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
  /** Posts read per X account and per Paris day before the account waits for midnight (none: no cap). */
  dailyReadBudget?: number;
}

/** Broken tokens are tried again this many intervals later (a renewed token heals the account). */
export const BROKEN_RETRY_INTERVALS = 10;
const MAX_ERROR = 500;

/** The next poll: the interval ±10 %. */
export function nextPollAt(now: Date, intervalMs: number, random: () => number): string {
  return new Date(now.getTime() + intervalMs * (0.9 + 0.2 * random())).toISOString();
}

/** The day's counter: reset when the UTC day changes. */
export function countToday(day: string | null, count: number, now: Date, added: number): { items_day: string; items_today: number } {
  const today = now.toISOString().slice(0, 10);
  return { items_day: today, items_today: (day === today ? count : 0) + added };
}

/** The posts read today (Paris day: X's read budget starts again at midnight there), counter reset when the day changes. */
export function readsToday(day: string | null, count: number, now: Date, added: number): { reads_day: string; reads_today: number } {
  const today = parisDay(now);
  return { reads_day: today, reads_today: (day === today ? count : 0) + added };
}

/** What is left of an X account's daily read budget (null: Facebook, or no budget). */
export function budgetLeft(row: { network: string; reads_day: string | null; reads_today: number }, budget: number | undefined, now: Date): number | null {
  if (row.network !== 'x' || budget === undefined) return null;
  return Math.max(0, budget - readsToday(row.reads_day, row.reads_today, now, 0).reads_today);
}

export const BUDGET_SPENT_MESSAGE = 'Budget quotidien de lecture X épuisé : relevé suspendu jusqu’à minuit (heure de Paris).';

export function createPoller({ db, accounts, ingest, update: updateItem, intervalMs, now, random = Math.random, leaseMs, log = () => undefined, dailyReadBudget }: PollerDeps) {
  const owner = randomUUID();
  // Long enough for one poll; short enough that a crashed process blocks its accounts briefly.
  const lease = leaseMs ?? Math.max(60_000, intervalMs * 2);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function register() {
    for (const account of accounts) {
      await db
        .insertInto('connector_accounts')
        .values({ account_key: account.key, network: account.network, account_id: account.source.accountId, name: account.name, token_state: 'ok', rate_limit_hits: 0, items_today: 0, reads_today: 0 })
        .onConflict((oc) => oc.column('account_key').doUpdateSet({ name: account.name, network: account.network, account_id: account.source.accountId }))
        .execute();
    }
  }

  /** Takes the lease if the account is due and free; true when this process may poll it. */
  async function acquire(key: string, at: Date): Promise<boolean> {
    const t = at.toISOString();
    const result = await db
      .updateTable('connector_accounts')
      .set({ lease_owner: owner, lease_until: new Date(at.getTime() + lease).toISOString() })
      .where('account_key', '=', key)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', t)]))
      .where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', t)]))
      .where((eb) => eb.or([eb('rate_limited_until', 'is', null), eb('rate_limited_until', '<=', t)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function pollAccount(account: PolledAccount): Promise<void> {
    const started = now();
    if (!(await acquire(account.key, started))) return;
    const row = await db.selectFrom('connector_accounts').selectAll().where('account_key', '=', account.key).executeTakeFirstOrThrow();
    const mine = (q: ReturnType<typeof update>) => q.where('lease_owner', '=', owner);
    const update = () => db.updateTable('connector_accounts').where('account_key', '=', account.key);
    if (budgetLeft(row, dailyReadBudget, started) === 0) {
      // Spent for today: no call to X; the state shows why, and the next Paris day starts afresh.
      await mine(update())
        .set({ last_error: BUDGET_SPENT_MESSAGE, next_poll_at: nextPollAt(started, intervalMs, random), lease_owner: null, lease_until: null })
        .execute();
      if (row.last_error !== BUDGET_SPENT_MESSAGE) log('info', 'Budget quotidien de lecture X épuisé', { account: account.key, budget: dailyReadBudget });
      return;
    }
    let created = 0;
    let read = 0;
    try {
      const { items, cursor } = await account.source.fetchNew(row.cursor);
      read = items.length;
      for (const item of items) {
        const result = await ingest({ ...item, accountId: account.source.accountId });
        if (result.created) created++;
        // Re-read (the overlap window): an edit on the network shows as a different text. Only
        // these items are compared, with the row ingest already read: no extra query otherwise.
        else if (updateItem && result.item && result.item.text !== item.text) {
          await updateItem(item.source, account.source.accountId, item.externalId, { text: item.text, editedAt: item.updatedAt ?? now() });
        }
      }
      const at = now();
      await mine(update())
        .set({
          cursor,
          last_poll_at: at.toISOString(),
          last_success_at: at.toISOString(),
          last_error: null,
          token_state: 'ok',
          rate_limited_until: null,
          rate_limit_hits: 0,
          next_poll_at: nextPollAt(at, intervalMs, random),
          lease_owner: null,
          lease_until: null,
          ...countToday(row.items_day, row.items_today, at, created),
          ...readsToday(row.reads_day, row.reads_today, at, read),
        })
        .execute();
    } catch (error) {
      const failure = failureOf(error);
      const at = now();
      const common = { last_poll_at: at.toISOString(), last_error: failure.message.slice(0, MAX_ERROR), lease_owner: null, lease_until: null, ...countToday(row.items_day, row.items_today, at, created), ...readsToday(row.reads_day, row.reads_today, at, read) };
      if (failure.kind === 'rate_limit') {
        const wait = rateLimitWaitMs(failure.headers ?? { get: () => undefined }, at.getTime(), row.rate_limit_hits);
        await mine(update())
          .set({ ...common, rate_limited_until: new Date(at.getTime() + wait).toISOString(), rate_limit_hits: row.rate_limit_hits + 1, next_poll_at: null })
          .execute();
        log('info', 'Compte social limité en débit', { account: account.key, waitMs: wait });
      } else if (failure.kind === 'auth') {
        await mine(update())
          .set({ ...common, token_state: 'broken', next_poll_at: nextPollAt(at, intervalMs * BROKEN_RETRY_INTERVALS, random) })
          .execute();
        log('warn', 'Jeton refusé : compte social marqué cassé', { account: account.key, error: failure.message });
      } else {
        await mine(update()).set({ ...common, next_poll_at: nextPollAt(at, intervalMs, random) }).execute();
        log('warn', 'Lecture du compte social en échec', { account: account.key, error: failure.message });
      }
    }
  }

  /** One round: every due account, concurrently (each under its own lease). */
  async function pollOnce(): Promise<void> {
    await Promise.all(accounts.map((a) => pollAccount(a).catch((error) => log('warn', 'Erreur du poller', { account: a.key, error: String(error) }))));
  }

  const tickMs = Math.max(20, Math.min(1000, intervalMs / 4));
  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pollOnce().finally(() => {
        running = undefined;
        schedule();
      });
    }, tickMs);
    timer.unref?.();
  }

  return {
    owner,
    register,
    pollOnce,
    async start() {
      await register();
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type Poller = ReturnType<typeof createPoller>;

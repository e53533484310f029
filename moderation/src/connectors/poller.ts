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
import { rateLimitWaitMs } from '@hub/integrations/rate-limit';
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
  ingest: (item: NewItem) => Promise<{ created: boolean }>;
  intervalMs: number;
  now?: () => Date;
  random?: () => number;
  /** How long a lease holds if its process dies mid-poll. */
  leaseMs?: number;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
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

export function createPoller({ db, accounts, ingest, intervalMs, now = () => new Date(), random = Math.random, leaseMs, log = () => undefined }: PollerDeps) {
  const owner = randomUUID();
  const lease = leaseMs ?? Math.max(5 * 60_000, intervalMs * 5);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function register() {
    for (const account of accounts) {
      await db
        .insertInto('connector_accounts')
        .values({ account_key: account.key, network: account.network, account_id: account.source.accountId, name: account.name, token_state: 'ok', rate_limit_hits: 0, items_today: 0 })
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
    let created = 0;
    try {
      const { items, cursor } = await account.source.fetchNew(row.cursor);
      for (const item of items) {
        const result = await ingest({ ...item, accountId: account.source.accountId });
        if (result.created) created++;
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
        })
        .execute();
    } catch (error) {
      const failure = failureOf(error);
      const at = now();
      const common = { last_poll_at: at.toISOString(), last_error: failure.message.slice(0, MAX_ERROR), lease_owner: null, lease_until: null, ...countToday(row.items_day, row.items_today, at, created) };
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

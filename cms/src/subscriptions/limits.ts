import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { TABLES } from './schema';

/**
 * Flood protection: counters per time window in the database, so they hold across restarts and
 * across CMS and site instances. A bucket counts its current and previous windows together, so a
 * burst across a window boundary gets no second allowance (a limit of one per 10 minutes means
 * nothing sent twice within 10 minutes, at most 20). Buckets are keyed hashes: the table never holds an address or
 * an IP in clear, and old windows are purged.
 */
export interface Limit {
  /** `ip`, `email`, `confirm` (one confirmation per address and topic), `link` (preferences link). */
  name: string;
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  /** Sign-ups and link requests from one IP address. */
  perIp: { name: 'ip', max: 10, windowSeconds: 3600 },
  /** Sign-ups for one address, all topics together. */
  perEmail: { name: 'email', max: 5, windowSeconds: 3600 },
  /** One confirmation e-mail per address and topic every 10 minutes: a double click sends one. */
  confirmation: { name: 'confirm', max: 1, windowSeconds: 600 },
  /** Fresh preferences links sent to one address. */
  preferencesLink: { name: 'link', max: 3, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

const PURGE_EVERY_MS = 10 * 60_000;
const KEEP_SECONDS = 24 * 3600;

export function bucketOf(secret: string, limit: Limit, key: string): string {
  return `${limit.name}:${crypto.createHmac('sha256', secret).update(`${limit.name}:${key}`).digest('hex').slice(0, 40)}`;
}

function windowOf(limit: Limit, now: Date): number {
  const seconds = Math.floor(now.getTime() / 1000);
  return seconds - (seconds % limit.windowSeconds);
}

async function windowHits(knex: Knex, bucket: string, windowStart: number): Promise<number> {
  const row = (await knex(TABLES.limits).where({ bucket, window_start: windowStart }).first('hits')) as { hits: number | string } | undefined;
  return Number(row?.hits ?? 0);
}

async function recentHits(knex: Knex, bucket: string, limit: Limit, windowStart: number): Promise<number> {
  const row = (await knex(TABLES.limits)
    .where({ bucket })
    .whereIn('window_start', [windowStart, windowStart - limit.windowSeconds])
    .sum({ hits: 'hits' })
    .first()) as { hits: number | string | null } | undefined;
  return Number(row?.hits ?? 0);
}

/** The counters in `knex`, buckets keyed with `secret`. */
export function createLimiter(knex: Knex, secret: string) {
  let lastPurge = 0;

  /** Counts one hit; true when the bucket is still within its limit (this hit included). */
  async function hit(limit: Limit, key: string, now: Date): Promise<boolean> {
    const windowStart = windowOf(limit, now);
    const bucket = bucketOf(secret, limit, key);
    // The count comes back from the upsert itself: concurrent hits each see their own number.
    const [row] = (await knex(TABLES.limits)
      .insert({ bucket, window_start: windowStart, hits: 1 })
      .onConflict(['bucket', 'window_start'])
      .merge({ hits: knex.raw('?? + 1', [`${TABLES.limits}.hits`]) })
      .returning('hits')) as Array<{ hits: number | string }>;
    const previous = await windowHits(knex, bucket, windowStart - limit.windowSeconds);
    const hits = Number(row?.hits ?? 0) + previous;
    if (now.getTime() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = now.getTime();
      await knex(TABLES.limits).where('window_start', '<', windowStart - KEEP_SECONDS).delete();
    }
    return hits <= limit.max;
  }

  /** Whether the bucket has room for one more hit, without counting one. */
  async function hasRoom(limit: Limit, key: string, now: Date): Promise<boolean> {
    return (await recentHits(knex, bucketOf(secret, limit, key), limit, windowOf(limit, now))) < limit.max;
  }

  /** Gives back one hit (the work it counted did not happen, e.g. the e-mail could not be sent). */
  async function release(limit: Limit, key: string, now: Date): Promise<void> {
    await knex(TABLES.limits)
      .where({ bucket: bucketOf(secret, limit, key), window_start: windowOf(limit, now) })
      .andWhere('hits', '>', 0)
      .decrement('hits', 1);
  }

  return { hit, hasRoom, release };
}

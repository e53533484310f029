import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { clientAddress } from '../http/guards.ts';
import { readSetting } from '../settings/store.ts';

export interface Limit {
  /** Part of the bucket's name: `public` (comments and contact messages together), `claims_lookup`. */
  name: string;
  max: number;
  windowSeconds: number;
}

/** What one visitor may send through the site's forms, comments and contact messages together. */
export const PUBLIC_FORMS_LIMIT: Limit = { name: 'public', max: 5, windowSeconds: 600 };

/** How many claim references one visitor may look up on /suivi (six digits could be tried in turn). */
export const CLAIM_LOOKUP_LIMIT: Limit = { name: 'claims_lookup', max: 20, windowSeconds: 600 };

const PURGE_EVERY_MS = 10 * 60_000;
const KEEP_SECONDS = 24 * 3600;
const SECRET_KEY = 'public.rate_limit_secret';

const windowOf = (limit: Limit, now: Date) => {
  const seconds = Math.floor(now.getTime() / 1000);
  return seconds - (seconds % limit.windowSeconds);
};

/**
 * Flood protection for the site's forms and the /suivi lookups, in the database (`rate_limits`), so that every
 * moderation process counts the same hits (as the CMS's subscriptions/limits.ts): counters per
 * time window, and a bucket counts its current and previous windows together, so a burst across a
 * window boundary gets no second allowance. Buckets are keyed hashes of the visitor (the key made
 * once and kept in the settings): the table never holds an address. Old windows are purged.
 */
export function createDbRateLimiter({ db, clock }: { db: Db; clock: Clock }) {
  let secret: string | undefined;
  let lastPurge = 0;

  async function secretOf(): Promise<string> {
    if (secret) return secret;
    const existing = await readSetting<string | null>(db, SECRET_KEY, null);
    if (existing) return (secret = existing);
    await db
      .insertInto('settings')
      .values({ key: SECRET_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')), updated_at: clock().toISOString(), updated_by: 'system' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (secret = (await readSetting<string | null>(db, SECRET_KEY, null))!);
  }

  /** Counts one hit (refused ones too: a flood stays refused); true when still within the limit. */
  async function hit(limit: Limit, visitor: string): Promise<boolean> {
    const now = clock();
    const windowStart = windowOf(limit, now);
    const bucket = `${limit.name}:${createHmac('sha256', await secretOf()).update(`${limit.name}:${visitor}`).digest('hex').slice(0, 40)}`;
    // The count comes back from the upsert itself: concurrent hits each see their own number.
    const row = await db
      .insertInto('rate_limits')
      .values({ bucket, window_start: windowStart, hits: 1 })
      .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limits.hits + 1` }))
      .returning('hits')
      .executeTakeFirstOrThrow();
    const previous = await db
      .selectFrom('rate_limits')
      .select('hits')
      .where('bucket', '=', bucket)
      .where('window_start', '=', windowStart - limit.windowSeconds)
      .executeTakeFirst();
    if (now.getTime() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = now.getTime();
      await db.deleteFrom('rate_limits').where('window_start', '<', windowStart - KEEP_SECONDS).execute();
    }
    return Number(row.hits) + Number(previous?.hits ?? 0) <= limit.max;
  }

  return { hit };
}

/**
 * The visitor a rate limit counts: the site calls on its visitors' behalf, each known by the
 * keyed hash of their address it sends (`clientKey`, `X-Hub-Client-Key`); without one, the caller's
 * own address (clientAddress), never one bucket shared by everyone.
 */
export function visitorOf(req: IncomingMessage, siteKey: string | undefined, proxies: BlockList): string {
  return siteKey ? `site:${siteKey}` : `ip:${clientAddress(req, proxies)}`;
}

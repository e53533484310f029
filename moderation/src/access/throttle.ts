import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { readSetting } from '../settings/store.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const SECRET_KEY = 'access.throttle_secret';

/**
 * Failed sign-ins per address typed, in the database (`login_throttle`), so that every process
 * counts the same attempts. Each attempt is counted by one atomic upsert *before* its password
 * is checked: parallel guesses each get their own number, and the sixth in flight locks the
 * address without being checked. An unknown address is counted and locked exactly like a known
 * one, so the answers never tell which accounts exist. Keys are keyed hashes of the address.
 */
export function createLoginThrottle({ db, clock }: { db: Db; clock: Clock }) {
  let secret: string | undefined;
  async function keyOf(email: string): Promise<string> {
    if (!secret) {
      secret = await readSetting<string | null>(db, SECRET_KEY, null) ?? undefined;
      if (!secret) {
        await db
          .insertInto('settings')
          .values({ key: SECRET_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')), updated_at: clock().toISOString(), updated_by: 'system' })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        secret = (await readSetting<string | null>(db, SECRET_KEY, null))!;
      }
    }
    return createHmac('sha256', secret).update(`login:${email}`).digest('hex').slice(0, 40);
  }

  /** Counts one attempt: `locked` (refuse without checking), or its number since the last success or lock. */
  async function begin(email: string): Promise<{ locked: true } | { locked: false; count: number; key: string }> {
    const now = clock();
    const at = now.toISOString();
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    const key = await keyOf(email);
    const isLocked = sql<boolean>`(login_throttle.locked_until is not null and login_throttle.locked_until > ${at})`;
    const over = sql<boolean>`(login_throttle.failures + 1 > ${MAX_FAILURES})`;
    const row = await db
      .insertInto('login_throttle')
      .values({ key, failures: 1, locked_until: null, updated_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when ${isLocked} then login_throttle.failures when ${over} then 0 else login_throttle.failures + 1 end`,
          locked_until: sql<string | null>`case when ${isLocked} then login_throttle.locked_until when ${over} then ${lockUntil} else null end`,
          updated_at: at,
        }),
      )
      .returning(['failures', 'locked_until'])
      .executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > at) return { locked: true };
    return { locked: false, count: Number(row.failures), key };
  }

  /** The attempt numbered `count` failed: true when it locks the address (the fifth). */
  async function failed(attempt: { count: number; key: string }): Promise<boolean> {
    if (attempt.count < MAX_FAILURES) return false;
    const now = clock();
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
    await db.updateTable('login_throttle').set({ failures: 0, locked_until: lockUntil, updated_at: now.toISOString() }).where('key', '=', attempt.key).execute();
    return true;
  }

  /** The right password: the count starts again. */
  async function succeeded(attempt: { key: string }): Promise<void> {
    await db.updateTable('login_throttle').set({ failures: 0, locked_until: null, updated_at: clock().toISOString() }).where('key', '=', attempt.key).execute();
  }

  /** The failures counted for an address since its last success or lock, and the lock if any. */
  async function stateOf(email: string): Promise<{ failures: number; lockedUntil: string | null }> {
    const row = await db.selectFrom('login_throttle').select(['failures', 'locked_until']).where('key', '=', await keyOf(email)).executeTakeFirst();
    return { failures: Number(row?.failures ?? 0), lockedUntil: row?.locked_until ?? null };
  }

  return { begin, failed, succeeded, stateOf };
}

import type { Kysely } from 'kysely';

/**
 * Counters shared by every moderation process (they were in each process's memory, or read then
 * written):
 * - `login_throttle`: failed sign-ins per address typed (a keyed hash, known account or not), and
 *   the lock they lead to; one atomic update per attempt. Replaces `users.failed_attempts` and
 *   `users.locked_until`, no longer read (a lock running at upgrade time is not carried over).
 * - `rate_limits`: the site's comments and contact messages per visitor and per time window,
 *   keyed by a keyed hash of the visitor (never an address in clear); old windows are purged.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rate_limits_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();
}

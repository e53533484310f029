import type { Kysely } from 'kysely';

/**
 * One row per social account the pollers read (a Facebook Page, an X account): where reading
 * stopped, how it went, and who is reading it now (a lease, so that several processes never poll
 * the same account at once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connector_accounts')
    .addColumn('account_key', 'text', (c) => c.primaryKey())
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('last_poll_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('token_state', 'text', (c) => c.notNull().defaultTo('ok'))
    .addColumn('rate_limited_until', 'text')
    .addColumn('rate_limit_hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_day', 'text')
    .addColumn('items_today', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .execute();
}

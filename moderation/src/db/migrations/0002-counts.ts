import { sql, type Kysely } from 'kysely';

/**
 * Counts per source, account and state, kept up to date in the same transactions as the items:
 * the console shows them on every screen, and counting a million rows each time is too slow.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('item_counts')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_counts_pk', ['source', 'account_id', 'state'])
    .execute();
  await sql`insert into item_counts (source, account_id, state, count) select source, account_id, state, count(*) from items group by source, account_id, state`.execute(db);
  await db.schema.createIndex('items_source_created').on('items').columns(['source', 'created_at', 'id']).execute();
}

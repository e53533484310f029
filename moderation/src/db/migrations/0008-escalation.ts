import type { Kysely } from 'kysely';

/**
 * The weekend crisis procedure: crises (one per incident, whatever the number of items), the
 * items attached to them, their timeline, the per-minute counts of negative items per scope that
 * detect spikes, and the flag an item gets when it calls for attention.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const serial = dialect === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('crises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** alert (one item) | spike (K negative items in T minutes) */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_label', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    /** Whether the on-call people are paged (outside office hours) or only the team sees it. */
    .addColumn('paged', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('escalate_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crises_open_scope').on('crises').columns(['state', 'scope']).execute();
  await db.schema
    .createTable('crisis_items')
    .addColumn('crisis_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('crisis_items_pk', ['crisis_id', 'item_id'])
    .execute();
  await db.schema
    .createTable('crisis_events')
    .addColumn('id', serial as 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('crisis_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crisis_events_crisis').on('crisis_events').columns(['crisis_id', 'id']).execute();
  await db.schema
    .createTable('negative_buckets')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('minute', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('negative_buckets_pk', ['scope', 'minute'])
    .execute();
  // Why an item calls for attention (JSON list of reasons), null for most items.
  await db.schema.alterTable('items').addColumn('flag', 'text').execute();
}

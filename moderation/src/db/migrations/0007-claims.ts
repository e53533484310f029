import type { Kysely } from 'kysely';

/**
 * Claims (réclamations): one per item at most, numbered per year from a counter row, with their
 * history. See claims/README.md.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('residence', 'text')
    .addColumn('address', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull().unique())
    .addColumn('author_handle', 'text')
    .addColumn('permalink', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('crm_reference', 'text')
    .execute();
  await db.schema.createIndex('claims_created').on('claims').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('claims_status_created').on('claims').columns(['status', 'created_at', 'id']).execute();

  await db.schema
    .createTable('claim_events')
    .addColumn('id', serial as 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    // A signed CRM update seen once: its replay finds the key taken and changes nothing.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_events_claim').on('claim_events').columns(['claim_id', 'id']).execute();

  await db.schema
    .createTable('claim_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();
}

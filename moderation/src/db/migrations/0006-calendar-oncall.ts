import type { Kysely } from 'kysely';

/**
 * Settings (JSON by key: the office calendar, later the escalation thresholds) and the on-call
 * roster: people on call at level 1 or 2, taking turns week by week in `rotation_order`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('oncall_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('webhook_url', 'text')
    .addColumn('rotation_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One person once per level: ONCALL_ROSTER provisioning upserts on it.
  await db.schema.createIndex('oncall_members_level_email').on('oncall_members').columns(['level', 'email']).unique().execute();
}

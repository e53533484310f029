import { sql, type Kysely } from 'kysely';

/** The queue, its event log, the charter versions, console users and sessions, the audit log. */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_external_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('permalink', 'text')
    .addColumn('parent_id', 'text')
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('article_slug', 'text')
    .addColumn('worksite_slug', 'text')
    .addColumn('residence', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('severity', 'text')
    .addColumn('rule_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('charter_version', 'integer')
    .addColumn('personal_data', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('request_category', 'text')
    .addColumn('negative_score', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('assigned_to', 'text')
    .addColumn('private_details', 'text')
    .addUniqueConstraint('items_source_account_external', ['source', 'account_id', 'external_id'])
    .execute();
  await db.schema.createIndex('items_state_created').on('items').columns(['state', 'created_at', 'id']).execute();
  await db.schema.createIndex('items_created').on('items').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('items_author').on('items').columns(['source', 'author_external_id', 'created_at']).execute();
  await db.schema.createIndex('items_article').on('items').columns(['article_slug', 'state']).execute();
  await db.schema.createIndex('items_thread').on('items').columns(['thread_id']).execute();

  await db.schema
    .createTable('item_events')
    .addColumn('id', serial as 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('reason', 'text')
    .addColumn('rule_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('charter_version', 'integer')
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('item_events_item').on('item_events').columns(['item_id', 'id']).execute();

  await db.schema
    .createTable('charters')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', serial as 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();

  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  void sql;
}

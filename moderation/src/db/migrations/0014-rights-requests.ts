import type { Kysely } from 'kysely';

/**
 * `rights_requests`: a tenant's request from the site for access to or erasure of their data
 * (rights/requests.ts). Only a hash of the e-mailed confirmation token is kept; the request reaches
 * the administrator once confirmed, and stays as the record of when it was answered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rights_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text')
    .execute();
  await db.schema.createIndex('rights_requests_email').on('rights_requests').columns(['email', 'created_at']).execute();
}

import knexFactory, { type Knex } from 'knex';
import { ensureSubscriptionTables } from './schema';

/** A fresh in-memory SQLite database with the subscription tables, as Strapi's would have them. */
export async function memoryDb(): Promise<Knex> {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await ensureSubscriptionTables(knex);
  return knex;
}

import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { createTempDatabase } from './postgres.ts';

export type Dialect = 'sqlite' | 'postgres';
/** The suites that kill processes run on both databases the hub supports. */
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/**
 * The moderation database a test's child processes share, on SQLite (a file in `dir`) or on a
 * fresh PostgreSQL database: its `DATABASE_URL`, plain SQL reads, and the passing of time for a
 * killed process's leases.
 */
export interface ModerationStore {
  url: string;
  /** Rows of a query written with `?` placeholders (both dialects). */
  rows<T>(query: string, ...bindings: (string | number)[]): Promise<T[]>;
  /**
   * What the passing of time does to a dead process's leases: the poller's account leases (5 min)
   * and the outbox's in-flight rows (60 s) are made already expired, so the restarted process
   * takes over now. Only while no moderation process runs. Returns how many were left behind.
   */
  expireDeadLeases(): Promise<{ accounts: number; outbox: number }>;
  close(): Promise<void>;
}

export async function moderationStore(dialect: Dialect, dir: string): Promise<ModerationStore> {
  let knex: Knex;
  let url: string;
  let drop = async () => {};
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'moderation.db');
    url = `sqlite:${file}`;
    // Opened at the first query, once a child process has created and migrated the file.
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true, pool: { min: 0, max: 1, idleTimeoutMillis: 100 } });
  } else {
    const database = await createTempDatabase();
    url = database.url;
    knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 2 } });
    drop = database.drop;
  }
  const rowsOf = (result: unknown) => (dialect === 'sqlite' ? (result as unknown[]) : (result as { rows: unknown[] }).rows);
  return {
    url,
    async rows<T>(query: string, ...bindings: (string | number)[]) {
      return rowsOf(await knex.raw(query, bindings)) as T[];
    },
    async expireDeadLeases() {
      const past = new Date(Date.now() - 1000).toISOString();
      const accounts = await knex('connector_accounts').whereNotNull('lease_owner').whereNotNull('lease_until').update({ lease_until: past });
      const outbox = await knex('outbox').where({ state: 'in_flight' }).update({ lease_until: past });
      return { accounts, outbox };
    },
    async close() {
      await knex.destroy();
      await drop();
    },
  };
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { up as initial } from './migrations/0001-initial.ts';
import { up as counts } from './migrations/0002-counts.ts';
import { up as connectors } from './migrations/0003-connectors.ts';
import { up as outbox } from './migrations/0004-outbox.ts';
import { up as xBudget } from './migrations/0005-x-budget.ts';
import { up as calendarOncall } from './migrations/0006-calendar-oncall.ts';
import { up as claims } from './migrations/0007-claims.ts';
import { up as escalation } from './migrations/0008-escalation.ts';
import { up as matchedTerms } from './migrations/0009-matched-terms.ts';
import { up as outboxInterruptions } from './migrations/0010-outbox-interruptions.ts';
import { up as webhookInbox } from './migrations/0011-webhook-inbox.ts';
import { up as authHardening } from './migrations/0012-auth-hardening.ts';
import { up as retention } from './migrations/0013-retention.ts';
import { up as rightsRequests } from './migrations/0014-rights-requests.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Dialect = 'sqlite' | 'postgres';

const MIGRATIONS = [
  { name: '0001-initial', up: initial },
  { name: '0002-counts', up: counts },
  { name: '0003-connectors', up: connectors },
  { name: '0004-outbox', up: outbox },
  { name: '0005-x-budget', up: xBudget },
  { name: '0006-calendar-oncall', up: calendarOncall },
  { name: '0007-claims', up: claims },
  { name: '0008-escalation', up: escalation },
  { name: '0009-matched-terms', up: matchedTerms },
  { name: '0010-outbox-interruptions', up: outboxInterruptions },
  { name: '0011-webhook-inbox', up: webhookInbox },
  { name: '0012-auth-hardening', up: authHardening },
  { name: '0013-retention', up: retention },
  { name: '0014-rights-requests', up: rightsRequests },
];

/** Opens `sqlite:/file.db` or `postgres://…`. */
export function openDatabase(url: string): { db: Db; dialect: Dialect } {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection cut by the server (restart, failover) is dropped by the pool and the
    // next query opens a new one; without a listener the process would crash instead.
    pool.on('error', () => undefined);
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  const file = url.replace(/^sqlite:/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite' };
}

/**
 * `/ready`: the database answers and every migration of this version is applied (a process of an
 * older version, or one whose database another migrated half-way, is not ready).
 */
export async function databaseReadiness(db: Db): Promise<{ ok: boolean; problem?: string }> {
  try {
    const done = await sql<{ name: string }>`select name from schema_migrations`.execute(db);
    const applied = new Set(done.rows.map((r) => r.name));
    const missing = MIGRATIONS.filter((m) => !applied.has(m.name)).map((m) => m.name);
    return missing.length ? { ok: false, problem: `migrations manquantes : ${missing.join(', ')}` } : { ok: true };
  } catch {
    return { ok: false, problem: 'base de données injoignable' };
  }
}

/**
 * Applies what is missing, in order, each in a transaction; several processes starting at once
 * on PostgreSQL wait for each other on an advisory lock.
 */
export async function migrate(db: Db, dialect: Dialect, appliedAt: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(424242)`.execute(trx);
    await sql`create table if not exists schema_migrations (name text primary key, applied_at text not null)`.execute(trx);
    const done = await sql<{ name: string }>`select name from schema_migrations`.execute(trx);
    const applied = new Set(done.rows.map((r) => r.name));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.name)) continue;
      await migration.up(trx as unknown as Kysely<unknown>, dialect);
      await sql`insert into schema_migrations (name, applied_at) values (${migration.name}, ${appliedAt.toISOString()})`.execute(trx);
    }
  });
}

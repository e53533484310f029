import type { Kysely } from 'kysely';

/**
 * `retention_runs`: one row per Paris day on which the personal-data purge ran (retention/).
 * The day is the primary key: the moderation process whose insert succeeds purges, every other
 * process on the same database sees the conflict and does nothing that day. `counts` keeps what
 * was purged (numbers per kind, never personal data).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_runs')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('counts', 'text')
    .execute();
}

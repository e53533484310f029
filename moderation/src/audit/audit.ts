import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

/** Who did what to what, with the state before and after: every mutation writes one. */
export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  at: string;
}

export function audit(executor: Executor, entry: AuditEntry) {
  return executor
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export async function auditPage(db: Db, limit: number, beforeId?: number) {
  let query = db.selectFrom('audit_log').selectAll();
  if (beforeId) query = query.where('id', '<', beforeId);
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

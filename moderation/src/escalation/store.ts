import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CrisesTable, Database } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

export type CrisisRow = CrisesTable;

/** The UTC minute an instant falls in, as the spike buckets key it: `2026-11-28T23:04`. */
export function minuteOf(at: Date): string {
  return at.toISOString().slice(0, 16);
}

/**
 * Counts one more negative item in its scope's minute and returns the scope's total over the
 * window ending at that minute: one upsert and one sum over at most `windowMinutes` rows, however
 * many items the window holds.
 */
export async function countNegative(trx: Executor, scope: string, at: Date, windowMinutes: number): Promise<number> {
  const minute = minuteOf(at);
  await trx
    .insertInto('negative_buckets')
    .values({ scope, minute, count: 1 })
    .onConflict((oc) => oc.columns(['scope', 'minute']).doUpdateSet({ count: sql`${sql.ref('negative_buckets.count')} + 1` }))
    .execute();
  const from = minuteOf(new Date(at.getTime() - (windowMinutes - 1) * 60_000));
  const row = await trx
    .selectFrom('negative_buckets')
    .select(sql<number>`coalesce(sum(${sql.ref('count')}), 0)`.as('total'))
    .where('scope', '=', scope)
    .where('minute', '>=', from)
    .where('minute', '<=', minute)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export function openCrisisOn(trx: Executor, scopes: string[]) {
  return trx.selectFrom('crises').selectAll().where('state', '=', 'open').where('scope', 'in', scopes).orderBy('opened_at').executeTakeFirst();
}

/** One line of a crisis's history: what happened (`kind`), who did it, when, and its details. */
export async function addCrisisEvent(trx: Executor, crisisId: string, { kind, actor, detail, at }: { kind: string; actor: string; detail?: unknown; at: string }) {
  await trx
    .insertInto('crisis_events')
    .values({ crisis_id: crisisId, kind, actor, detail: detail === undefined ? null : JSON.stringify(detail), at })
    .execute();
}

/** Attaches an item; returns false when it was already attached. */
export async function attachItem(trx: Executor, crisisId: string, itemId: string, at: string): Promise<boolean> {
  const result = await trx
    .insertInto('crisis_items')
    .values({ crisis_id: crisisId, item_id: itemId, added_at: at })
    .onConflict((oc) => oc.columns(['crisis_id', 'item_id']).doNothing())
    .executeTakeFirst();
  if (!Number(result.numInsertedOrUpdatedRows ?? 0)) return false;
  await trx.updateTable('crises').set({ item_count: sql`item_count + 1` }).where('id', '=', crisisId).execute();
  return true;
}

export function crisisById(executor: Executor, id: string) {
  return executor.selectFrom('crises').selectAll().where('id', '=', id).executeTakeFirst();
}

export function crisisEvents(executor: Executor, id: string) {
  return executor.selectFrom('crisis_events').selectAll().where('crisis_id', '=', id).orderBy('id').execute();
}

export function crisisItems(executor: Executor, id: string, limit = 50) {
  return executor
    .selectFrom('crisis_items')
    .innerJoin('items', 'items.id', 'crisis_items.item_id')
    .selectAll('items')
    .where('crisis_items.crisis_id', '=', id)
    .orderBy('crisis_items.added_at')
    .limit(limit)
    .execute();
}

export function listCrises(executor: Executor, options: { openOnly: boolean; limit: number }) {
  let query = executor.selectFrom('crises').selectAll();
  if (options.openOnly) query = query.where('state', '=', 'open');
  return query.orderBy('opened_at', 'desc').limit(options.limit).execute();
}

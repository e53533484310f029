import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Transaction } from 'kysely';

type Executor = Db | Transaction<Database>;

/** One entry of an item's append-only history. */
export interface ItemEvent {
  itemId: string;
  kind: 'ingested' | 'decision' | 'reply' | 'note' | 'assign' | 'edited' | 'claim';
  /** « user:<id> », « rule:<id>[,<id>] » or « system ». */
  actor: string;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  ruleIds?: string[];
  charterVersion?: number | null;
  payload?: unknown;
  at: string;
}

export function appendEvent(executor: Executor, event: ItemEvent) {
  return executor
    .insertInto('item_events')
    .values({
      item_id: event.itemId,
      kind: event.kind,
      actor: event.actor,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      reason: event.reason ?? null,
      rule_ids: JSON.stringify(event.ruleIds ?? []),
      charter_version: event.charterVersion ?? null,
      payload: event.payload === undefined ? null : JSON.stringify(event.payload),
      created_at: event.at,
    })
    .execute();
}

export function eventsOf(db: Db, itemId: string) {
  return db.selectFrom('item_events').selectAll().where('item_id', '=', itemId).orderBy('id', 'asc').execute();
}

/** The network time of the item's last recorded edit (`edited` event), if any. */
export async function lastEditedAtOf(executor: Executor, itemId: string): Promise<string | undefined> {
  const last = await executor.selectFrom('item_events').select('payload').where('item_id', '=', itemId).where('kind', '=', 'edited').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return last?.payload ? (JSON.parse(last.payload) as { editedAt?: string }).editedAt : undefined;
}

/** Whether a person (`user:` actor) has decided on or replied to the item. */
export async function decidedByPerson(executor: Executor, itemId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('item_events')
    .select('id')
    .where('item_id', '=', itemId)
    .where('kind', 'in', ['decision', 'reply'])
    .where('actor', 'like', 'user:%')
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The team's public replies to site comments, by comment, oldest first. */
export async function publicRepliesOf(db: Db, itemIds: string[]): Promise<Map<string, { text: string; at: string }[]>> {
  const byItem = new Map<string, { text: string; at: string }[]>();
  if (!itemIds.length) return byItem;
  const rows = await db.selectFrom('item_events').select(['item_id', 'payload', 'created_at']).where('kind', '=', 'reply').where('item_id', 'in', itemIds).orderBy('id').execute();
  for (const row of rows) {
    const text = (JSON.parse(row.payload ?? '{}') as { text?: string }).text;
    if (text) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), { text, at: row.created_at }]);
  }
  return byItem;
}

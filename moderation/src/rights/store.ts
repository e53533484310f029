import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuditLogTable, ClaimEventsTable, ClaimsTable, Database, ItemEventsTable, ItemsTable, OutboxTable } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

export type AuditRow = Omit<AuditLogTable, 'id'> & { id: number };
export type ItemEventRow = Omit<ItemEventsTable, 'id'> & { id: number };
export type ClaimEventRow = Omit<ClaimEventsTable, 'id'> & { id: number };

/** What the moderation database holds about one person (see README.md). */
export interface PersonRecords {
  items: ItemsTable[];
  itemEvents: ItemEventRow[];
  claims: ClaimsTable[];
  claimEvents: ClaimEventRow[];
  claimPushes: OutboxTable[];
  auditEntries: AuditRow[];
}

/** A `like` pattern matching `value` anywhere, its wildcards escaped. */
const containing = (value: string) => `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The rights' SQL: who a person is in the queue, and everything that mentions them. */
export const rightsStore = {
  /** Items whose text or private details (a contact message's e-mail) contain the address. */
  itemsMentioning: (executor: Executor, email: string) =>
    executor
      .selectFrom('items')
      .selectAll()
      .where((eb) => eb.or([eb(sql`lower(private_details)`, 'like', sql`${containing(email)} escape '\\'`), eb(sql`lower(text)`, 'like', sql`${containing(email)} escape '\\'`)]))
      .execute(),

  /** Items signed with one of these names or handles (compared without case). */
  itemsByAuthorNames: (executor: Executor, names: string[]) =>
    names.length ? executor.selectFrom('items').selectAll().where(sql`lower(author_name)`, 'in', names.map((n) => n.toLowerCase())).execute() : Promise.resolve([]),

  itemsByAuthorIds: (executor: Executor, authorIds: string[]) =>
    authorIds.length ? executor.selectFrom('items').selectAll().where('author_external_id', 'in', authorIds).execute() : Promise.resolve([]),

  itemsByIds: (executor: Executor, ids: string[]) => (ids.length ? executor.selectFrom('items').selectAll().where('id', 'in', ids).execute() : Promise.resolve([])),

  claimByReference: (executor: Executor, reference: string) => executor.selectFrom('claims').selectAll().where('reference', '=', reference).executeTakeFirst(),

  async recordsOf(executor: Executor, items: ItemsTable[], terms: string[]): Promise<PersonRecords> {
    const itemIds = items.map((i) => i.id);
    if (!itemIds.length) return { items, itemEvents: [], claims: [], claimEvents: [], claimPushes: [], auditEntries: [] };
    const claims = await executor.selectFrom('claims').selectAll().where('item_id', 'in', itemIds).orderBy('created_at').execute();
    const claimIds = claims.map((c) => c.id);
    const [itemEvents, claimEvents, claimPushes, auditEntries] = await Promise.all([
      executor.selectFrom('item_events').selectAll().where('item_id', 'in', itemIds).orderBy('id').execute() as Promise<ItemEventRow[]>,
      claimIds.length ? (executor.selectFrom('claim_events').selectAll().where('claim_id', 'in', claimIds).orderBy('id').execute() as Promise<ClaimEventRow[]>) : Promise.resolve([]),
      claimIds.length ? executor.selectFrom('outbox').selectAll().where('kind', '=', 'claim_push').where('item_id', 'in', claimIds.map((id) => `claim:${id}`)).execute() : Promise.resolve([]),
      rightsStore.auditMentioning(executor, [...itemIds, ...claims.map((c) => c.reference)], terms),
    ]);
    return { items, itemEvents, claims, claimEvents, claimPushes, auditEntries };
  },

  /** Audit entries about these items or claims, or whose details contain one of the terms. */
  auditMentioning(executor: Executor, targetIds: string[], terms: string[]) {
    return executor
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('target_id', 'in', targetIds),
          ...terms.flatMap((t) => [eb(sql`lower(before)`, 'like', sql`${containing(t)} escape '\\'`), eb(sql`lower(after)`, 'like', sql`${containing(t)} escape '\\'`)]),
        ]),
      )
      .where('action', 'not like', 'rights.%')
      .orderBy('id')
      .execute() as Promise<AuditRow[]>;
  },

  /** Drops what the item's history copied of its author's words (the text at ingest, edits, notes). */
  forgetEventDetails: (trx: Transaction<Database>, itemIds: string[]) =>
    trx.updateTable('item_events').set({ payload: null }).where('item_id', 'in', itemIds).where('kind', 'in', ['ingested', 'edited', 'note']).execute(),

  /** A claim keeps its reference, category, status and dates; who and what are erased. */
  anonymiseClaims: (trx: Transaction<Database>, claimIds: string[], erased: string) =>
    claimIds.length
      ? trx.updateTable('claims').set({ author_handle: null, description: erased, address: null, permalink: null, residence: null }).where('id', 'in', claimIds).execute()
      : Promise.resolve([]),

  /** Replaces each term in the audit details: the entry (who did what, when) stays. */
  async scrubAudit(trx: Transaction<Database>, entryIds: number[], terms: string[], erased: string) {
    if (!entryIds.length) return;
    for (const term of terms) {
      await trx
        .updateTable('audit_log')
        .set({ before: sql`replace(before, ${term}, ${erased})`, after: sql`replace(after, ${term}, ${erased})` })
        .where('id', 'in', entryIds)
        .execute();
    }
  },
};

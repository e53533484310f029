import { sql, type Transaction } from 'kysely';
import type { Db, Dialect } from '../db/database.ts';
import type { ClaimEventsTable, ClaimsTable, Database, OutboxTable } from '../db/schema.ts';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from './statuses.ts';

type Executor = Db | Transaction<Database>;
export type ClaimRow = ClaimsTable;
export type ClaimEventRow = Omit<ClaimEventsTable, 'id'> & { id: number };

/** A claim as other code sees it. */
export interface Claim {
  id: string;
  reference: string;
  category: string;
  residence: string | null;
  address: string | null;
  description: string;
  itemId: string;
  authorHandle: string | null;
  /** Absolute link to the original item, when it has one. */
  link: string | null;
  status: ClaimStatus;
  statusLabel: string;
  emergency: boolean;
  createdAt: string;
  updatedAt: string;
  crmReference: string | null;
}

export function toClaim(row: ClaimRow): Claim {
  const status = row.status as ClaimStatus;
  return {
    id: row.id,
    reference: row.reference,
    category: row.category,
    residence: row.residence,
    address: row.address,
    description: row.description,
    itemId: row.item_id,
    authorHandle: row.author_handle,
    link: row.permalink,
    status,
    statusLabel: CLAIM_STATUS_LABELS[status] ?? row.status,
    emergency: Number(row.emergency) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    crmReference: row.crm_reference,
  };
}

/** Opaque position in the list: newest first, ties broken by id. */
const encodeCursor = (row: Pick<ClaimRow, 'created_at' | 'id'>) => Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');
function decodeCursor(cursor: string) {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return createdAt && id ? { createdAt, id } : null;
}

/** The claims' SQL, one function per question. */
export function createClaimStore(dialect: Dialect) {
  return {
    byId: (executor: Executor, id: string) => executor.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirst(),
    byItem: (executor: Executor, itemId: string) => executor.selectFrom('claims').selectAll().where('item_id', '=', itemId).executeTakeFirst(),
    byReference: (executor: Executor, reference: string) => executor.selectFrom('claims').selectAll().where('reference', '=', reference).executeTakeFirst(),
    byItems: (executor: Executor, itemIds: string[]) => (itemIds.length ? executor.selectFrom('claims').selectAll().where('item_id', 'in', itemIds).execute() : Promise.resolve([])),

    insert: (trx: Transaction<Database>, row: ClaimRow) => trx.insertInto('claims').values(row).execute(),

    /** Keeps the CRM's own number for the claim. */
    setCrmReference: (trx: Transaction<Database>, claimId: string, crmReference: string) => trx.updateTable('claims').set({ crm_reference: crmReference }).where('id', '=', claimId).execute(),

    /** Locks the claim for the transaction on PostgreSQL: two status updates do not interleave. */
    lockByReference(trx: Transaction<Database>, reference: string) {
      const query = trx.selectFrom('claims').selectAll().where('reference', '=', reference);
      return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
    },

    async page(executor: Executor, filter: { status?: ClaimStatus | null }, limit: number, after?: string | null) {
      let query = executor.selectFrom('claims').selectAll();
      if (filter.status) query = query.where('status', '=', filter.status);
      const cursor = after ? decodeCursor(after) : null;
      if (cursor) query = query.where((eb) => eb.or([eb('created_at', '<', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)])]));
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const kept = rows.slice(0, limit);
      return { rows: kept, hasMore: rows.length > limit, endCursor: kept.length ? encodeCursor(kept.at(-1)!) : null };
    },

    async countsByStatus(executor: Executor) {
      const rows = await executor.selectFrom('claims').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('status').execute();
      return rows.map((r) => ({ status: r.status as ClaimStatus, count: Number(r.count) }));
    },

    events: (executor: Executor, claimId: string) =>
      executor.selectFrom('claim_events').selectAll().where('claim_id', '=', claimId).orderBy('id', 'asc').execute() as Promise<ClaimEventRow[]>,

    hasDedupeKey: async (executor: Executor, key: string) => !!(await executor.selectFrom('claim_events').select('id').where('dedupe_key', '=', key).executeTakeFirst()),

    addEvent(executor: Executor, event: Omit<ClaimEventRow, 'id' | 'dedupe_key'> & { dedupe_key?: string | null }) {
      return executor.insertInto('claim_events').values({ ...event, dedupe_key: event.dedupe_key ?? null }).execute();
    },

    /** Queues the claim's CRM delivery (a `claimPushRow`) in the claim's transaction. */
    addPush: (trx: Transaction<Database>, row: OutboxTable) => trx.insertInto('outbox').values(row).execute(),

    /** A failed CRM delivery made due again, as if never tried (its idempotency key kept). */
    resetPush: (trx: Transaction<Database>, pushId: string, at: string) =>
      trx.updateTable('outbox').set({ state: 'pending', attempts: 0, next_attempt_at: at, last_error: null, updated_at: at }).where('id', '=', pushId).execute(),

    /** The claim's CRM delivery (its outbox row), if it has one. */
    pushOf: (executor: Executor, claimId: string) =>
      executor.selectFrom('outbox').selectAll().where('item_id', '=', `claim:${claimId}`).where('kind', '=', 'claim_push').orderBy('created_at', 'desc').executeTakeFirst(),
  };
}

export type ClaimStore = ReturnType<typeof createClaimStore>;

/**
 * Moves a claim to `to` (already checked by `claimTransition`) with its event, in `trx`. The CRM
 * number, when given, is kept with it.
 */
export async function recordStatus(
  trx: Transaction<Database>,
  claim: ClaimRow,
  to: ClaimStatus,
  change: { actor: string; note?: string | null; dedupeKey?: string | null; crmReference?: string | null; at: string },
): Promise<ClaimRow> {
  const updated: ClaimRow = { ...claim, status: to, updated_at: change.at, crm_reference: change.crmReference ?? claim.crm_reference };
  await trx.updateTable('claims').set({ status: to, updated_at: change.at, crm_reference: updated.crm_reference }).where('id', '=', claim.id).execute();
  await trx
    .insertInto('claim_events')
    .values({ claim_id: claim.id, kind: 'status', actor: change.actor, from_status: claim.status, to_status: to, note: change.note ?? null, dedupe_key: change.dedupeKey ?? null, created_at: change.at })
    .execute();
  return updated;
}

/** The next claim number of `year`: one upsert on the year's counter row (see nextReference). */
export async function takeClaimNumber(trx: Transaction<Database>, year: number): Promise<number> {
  const row = await trx
    .insertInto('claim_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`claim_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

/** What replaces a claim's texts once its personal fields are past their period. */
export const ANONYMISED = '[anonymisé]';

/** Items deleted per transaction: a short lock, whatever the backlog after a long stop. */
const CHUNK = 200;
/** A claim is finished (closed) in these statuses; before, the team and the CRM still need it. */
const CLOSED_CLAIMS = ['resolue', 'rejetee'];

export interface ItemRule {
  states: string[];
  /** Only these sources, or every source but these. */
  sources: { only: string[] } | { except: string[] };
  /** Purged when the last activity (state change, event) is before this ISO instant. */
  before: string;
}

type ItemsEb = ExpressionBuilder<Database, 'items'>;

/**
 * Items that must stay whatever their age: one still in an open crisis (the on-call people and
 * the statement refer to it), one whose claim is not finished (the CRM may still send a status
 * the reply is built from), one with an outbox action not delivered yet (the worker re-reads the
 * item to hide, delete or answer it on the network).
 */
function stillNeeded(eb: ItemsEb) {
  return eb.or([
    eb.exists(eb.selectFrom('crisis_items').innerJoin('crises', 'crises.id', 'crisis_items.crisis_id').select(sql.lit(1).as('one')).whereRef('crisis_items.item_id', '=', 'items.id').where('crises.state', '=', 'open')),
    eb.exists(eb.selectFrom('claims').select(sql.lit(1).as('one')).whereRef('claims.item_id', '=', 'items.id').where('claims.status', 'not in', CLOSED_CLAIMS)),
    eb.exists(eb.selectFrom('outbox').select(sql.lit(1).as('one')).whereRef('outbox.item_id', '=', 'items.id').where('outbox.state', '!=', 'done')),
  ]);
}

function expiredItems(db: Db, rule: ItemRule) {
  let query = db.selectFrom('items').select(['id', 'source', 'account_id', 'state']).where('state', 'in', rule.states).where('updated_at', '<', rule.before);
  query = 'only' in rule.sources ? query.where('source', 'in', rule.sources.only) : query.where('source', 'not in', rule.sources.except);
  return query
    .where((eb) => eb.not(eb.exists(eb.selectFrom('item_events').select(sql.lit(1).as('one')).whereRef('item_events.item_id', '=', 'items.id').where('item_events.created_at', '>=', rule.before))))
    .where((eb) => eb.not(stillNeeded(eb)))
    .limit(CHUNK)
    .execute();
}

/**
 * Deletes the items of `rule` with their events, crisis links and delivered outbox rows, and
 * takes them out of the queue's counts (the tabs keep matching the lists). Returns how many.
 */
export async function purgeItems(db: Db, rule: ItemRule): Promise<{ items: number; events: number }> {
  const total = { items: 0, events: 0 };
  for (;;) {
    const rows = await expiredItems(db, rule);
    if (!rows.length) return total;
    const ids = rows.map((r) => r.id);
    await db.transaction().execute(async (trx) => {
      const events = await trx.deleteFrom('item_events').where('item_id', 'in', ids).executeTakeFirst();
      await trx.deleteFrom('crisis_items').where('item_id', 'in', ids).execute();
      await trx.deleteFrom('outbox').where('item_id', 'in', ids).where('state', '=', 'done').execute();
      await trx.deleteFrom('items').where('id', 'in', ids).execute();
      for (const row of rows) {
        await trx.updateTable('item_counts').set({ count: sql`count - 1` }).where('source', '=', row.source).where('account_id', '=', row.account_id).where('state', '=', row.state).execute();
      }
      total.events += Number(events.numDeletedRows);
    });
    total.items += rows.length;
  }
}

/** Rate-limit windows and sign-in counters (keyed hashes of visitors) last touched before `before`. */
export async function purgeVisitorHashes(db: Db, before: Date): Promise<number> {
  const windows = await db.deleteFrom('rate_limits').where('window_start', '<', Math.floor(before.getTime() / 1000)).executeTakeFirst();
  const iso = before.toISOString();
  // A lock still running is kept (it cannot be, with days against minutes, but a period of 1 day and a long lock could).
  const throttles = await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<', iso)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso)]))
    .executeTakeFirst();
  return Number(windows.numDeletedRows) + Number(throttles.numDeletedRows);
}

/**
 * Finished claims unchanged since `before` lose their texts and the author's traces; reference,
 * category, residence, status, dates and events stay, so the counts by status and the tenant's
 * lookup by reference go on working.
 */
export async function anonymiseClaims(db: Db, before: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('claims').select('id').where('status', 'in', CLOSED_CLAIMS).where('updated_at', '<', before).where('description', '!=', ANONYMISED).execute();
    if (!rows.length) return 0;
    const ids = rows.map((r) => r.id);
    await trx.updateTable('claims').set({ description: ANONYMISED, address: null, author_handle: null, permalink: null }).where('id', 'in', ids).execute();
    // Notes may quote the tenant (a CRM comment, a moderator's word).
    await trx.updateTable('claim_events').set({ note: null }).where('claim_id', 'in', ids).execute();
    // The copy sent to the CRM (name, text) is delivered: only its trace remains.
    await trx.updateTable('outbox').set({ payload: null }).where('kind', '=', 'claim_push').where('state', '=', 'done').where('item_id', 'in', ids.map((id) => `claim:${id}`)).execute();
    return ids.length;
  });
}

/**
 * Delivered on-call e-mails and webhooks (their payload names the person and the items), and the
 * names in the « notified » steps of closed crises. Undelivered rows stay: the worker still owns them.
 */
export async function purgeOncall(db: Db, before: string): Promise<{ deliveries: number; notices: number }> {
  const deliveries = await db.deleteFrom('outbox').where('kind', 'in', ['oncall_email', 'oncall_webhook']).where('state', '=', 'done').where('updated_at', '<', before).executeTakeFirst();
  const notices = await db
    .updateTable('crisis_events')
    .set({ detail: null })
    .where('kind', '=', 'notified')
    .where('at', '<', before)
    .where('detail', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('crises').select(sql.lit(1).as('one')).whereRef('crises.id', '=', 'crisis_events.crisis_id').where('crises.state', '=', 'closed')))
    .executeTakeFirst();
  return { deliveries: Number(deliveries.numDeletedRows), notices: Number(notices.numUpdatedRows) };
}

/** Audit entries older than `before` keep who, what, which target and when; their before/after go. */
export async function clearAuditDetails(db: Db, before: string): Promise<number> {
  const result = await db
    .updateTable('audit_log')
    .set({ before: null, after: null })
    .where('at', '<', before)
    // The purges' own entries hold only counts: they stay as the proof the purge ran.
    .where('action', '!=', 'retention.purge')
    .where((eb) => eb.or([eb('before', 'is not', null), eb('after', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Claims the Paris `day` for this process: false when another process (or an earlier run) has it. */
export async function claimDay(db: Db, day: string, at: string): Promise<boolean> {
  const inserted = await db.insertInto('retention_runs').values({ day, started_at: at, finished_at: null, counts: null }).onConflict((oc) => oc.column('day').doNothing()).returning('day').execute();
  return inserted.length === 1;
}

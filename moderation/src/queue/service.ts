import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CharterBook } from '../charter/versions.ts';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { OutboundDecision } from '../outbox/enqueue.ts';
import { HubError } from '../errors.ts';
import { appendEvent } from './events.ts';
import { decisionOf, judgeForQueue, judgedColumns, type JudgingLog } from './judging.ts';
import { stateForDecision, transition, type ItemSource, type ItemState, type ModerationAction } from './states.ts';
import type { ItemRow, ItemStore } from './store.ts';
import type { Clock } from '../clock.ts';

/** Someone acting in the console. */
export interface Actor {
  id: string;
  displayName: string;
  signature: string;
}

export interface NewItem {
  source: ItemSource;
  accountId: string;
  externalId: string;
  authorName: string;
  authorExternalId: string;
  text: string;
  createdAt: Date;
  permalink?: string | null;
  parentExternalId?: string | null;
  articleSlug?: string | null;
  worksiteSlug?: string | null;
  residence?: string | null;
  privateDetails?: Record<string, string> | null;
}

/** What changed, for live updates and for the site's cache. */
export interface QueueChange {
  itemId: string;
  source: string;
  state: ItemState;
  previousState: ItemState | null;
  articleSlug: string | null;
}

export interface QueueDeps {
  db: Db;
  items: ItemStore;
  charter: CharterBook;
  clock: Clock;
  onChange: (change: QueueChange) => void;
  /**
   * Outbox hook (see outbox/README.md): called inside the decision's transaction so that the
   * action on the social network is recorded together with the decision, or not at all.
   * Default: nothing goes out.
   */
  enqueueOutbound?: (trx: Transaction<Database>, item: ItemRow, decision: OutboundDecision) => Promise<void>;
  /**
   * Looks at each new item inside its ingest transaction (the crisis procedure): `prepare` reads
   * what it needs before the transaction, `record` writes with the transaction's connection.
   */
  onIngest?: IngestHook;
  /** Where an item the charter could not judge is reported (ids only, see judging.ts). */
  log?: JudgingLog;
}

export interface IngestHook<P = unknown> {
  prepare(now: Date): Promise<P>;
  record(trx: Transaction<Database>, item: ItemRow, prepared: P): Promise<void>;
}

/** What the network reports about an item already read: an edit of its text, or its removal. */
export type ItemChange = { text: string; editedAt: Date } | { removed: true; at: Date };

export const REMOVED_BY_AUTHOR = 'Supprimé par son auteur sur le réseau';

/** How strict a state is, for re-judging an edited item (see `update`). */
const STRICTNESS: Record<ItemState, number> = { approved: 0, answered: 0, new: 1, held: 1, escalated: 1, hidden: 2, rejected: 3, deleted: 4 };

const RECENT_WINDOW_MS = 60 * 60 * 1000;
export const MAX_TEXT = 5000;

/** The queue's behaviour: ingest under the charter, decisions by people, all as events. */
export function createQueue({ db, items, charter, clock, onChange, enqueueOutbound = async () => undefined, onIngest, log = { error: () => undefined } }: QueueDeps) {
  const changed = (row: ItemRow, previousState: ItemState | null) =>
    onChange({ itemId: row.id, source: row.source, state: row.state as ItemState, previousState, articleSlug: row.article_slug });

  async function ingest(input: NewItem): Promise<{ item: ItemRow; created: boolean }> {
    const existing = await items.findByExternal(db, input.source, input.accountId, input.externalId);
    if (existing) return { item: existing, created: false };
    const now = clock();
    const inForce = await charter.current();
    const { version } = inForce;
    const since = new Date(now.getTime() - RECENT_WINDOW_MS).toISOString();
    const recent = await items.recentByAuthor(db, input.source, input.authorExternalId, since);
    const id = randomUUID();
    const judgement = judgeForQueue({
      charter,
      inForce,
      item: { text: input.text, authorKey: `${input.source}:${input.authorExternalId}`, createdAt: input.createdAt },
      context: { now, recentByAuthor: recent.map((r) => ({ text: r.text, createdAt: new Date(r.created_at) })) },
      ids: { itemId: id, source: input.source, accountId: input.accountId, externalId: input.externalId },
      edit: false,
      log,
    });
    const { verdict } = judgement;
    const parent = input.parentExternalId ? await items.findByExternal(db, input.source, input.accountId, input.parentExternalId) : undefined;
    const at = now.toISOString();
    const state = stateForDecision(verdict.decision);
    const prepared = await onIngest?.prepare(now);
    const row: ItemRow = {
      id,
      source: input.source,
      account_id: input.accountId,
      external_id: input.externalId,
      author_name: input.authorName,
      author_external_id: input.authorExternalId,
      text: input.text,
      created_at: input.createdAt.toISOString(),
      ingested_at: at,
      updated_at: at,
      permalink: input.permalink ?? null,
      parent_id: parent?.id ?? null,
      thread_id: parent?.thread_id ?? id,
      article_slug: input.articleSlug ?? null,
      worksite_slug: input.worksiteSlug ?? null,
      residence: input.residence ?? null,
      state,
      ...judgedColumns(judgement, version),
      assigned_to: null,
      private_details: input.privateDetails ? JSON.stringify(input.privateDetails) : null,
    };
    const inserted = await db.transaction().execute(async (trx) => {
      if (!(await items.insertIfNew(trx, row))) return false;
      await items.count(trx, row, null, state);
      await appendEvent(trx, { itemId: id, kind: 'ingested', actor: 'system', toState: 'new', at });
      await appendEvent(trx, {
        itemId: id,
        kind: 'decision',
        ...decisionOf(judgement, 'Aucune règle de la charte ne s’applique.'),
        fromState: 'new',
        toState: state,
        ruleIds: verdict.ruleIds,
        charterVersion: version,
        at,
      });
      // Outbox: the charter's hide / reject of a network item is carried out on the network.
      await enqueueOutbound(trx, row, { action: 'charter', fromState: 'new', toState: state, at });
      await onIngest?.record(trx, row, prepared);
      return true;
    });
    if (!inserted) {
      // Another worker stored the same item between our read and our insert.
      return { item: (await items.findByExternal(db, input.source, input.accountId, input.externalId))!, created: false };
    }
    changed(row, null);
    return { item: row, created: true };
  }

  /**
   * The network says an item changed after we read it: its author edited the text, or removed
   * it. Idempotent: the same edit (same text) or a second removal changes nothing and appends
   * nothing. Returns null when the item is not in the queue (the caller may ingest it).
   *
   * Re-judging rule for an edit: the edited text is judged by the charter in force, and its
   * verdict's state is applied when (a) no person has decided on the item yet (no `decision` or
   * `reply` event by a `user:` actor), or (b) the verdict is STRICTER than the current state
   * (approved / answered < new / held / escalated < hidden < rejected). So an approved comment
   * edited into an insult is hidden again, while a comment a moderator hid is never put back on
   * show by an edit (a lenient verdict after a person's decision is only recorded in the event).
   * A deleted item keeps its state; only its text and the `edited` event change.
   */
  async function update(source: ItemSource, accountId: string, externalId: string, change: ItemChange): Promise<{ item: ItemRow; changed: boolean } | null> {
    const found = await items.findByExternal(db, source, accountId, externalId);
    if (!found) return null;
    const at = clock().toISOString();
    if ('removed' in change) {
      if (found.state === 'deleted') return { item: found, changed: false };
      const result = await db.transaction().execute(async (trx) => {
        const item = await items.getForUpdate(trx, found.id);
        if (!item || item.state === 'deleted') return null;
        await items.update(trx, item.id, { state: 'deleted', updated_at: at });
        await items.count(trx, item, item.state, 'deleted');
        await appendEvent(trx, {
          itemId: item.id,
          kind: 'decision',
          actor: 'system',
          fromState: item.state,
          toState: 'deleted',
          reason: REMOVED_BY_AUTHOR,
          payload: { removedAt: change.at.toISOString() },
          at,
        });
        // Nothing goes out: the item is already gone from the network.
        return { item: { ...item, state: 'deleted', updated_at: at }, previous: item.state as ItemState };
      });
      if (!result) return { item: (await items.get(db, found.id)) ?? found, changed: false };
      changed(result.item, result.previous);
      return { item: result.item, changed: true };
    }
    const text = change.text; // stored as ingest stores it, so equal texts compare equal
    if (text === found.text) return { item: found, changed: false };
    const inForce = await charter.current();
    const { version } = inForce;
    const now = clock();
    const since = new Date(now.getTime() - RECENT_WINDOW_MS).toISOString();
    // The author's other recent items (not this one's previous text) for flood / duplicate rules.
    const recent = (await items.recentByAuthor(db, source, found.author_external_id, since)).filter((r) => !(r.created_at === found.created_at && r.text === found.text));
    const judgement = judgeForQueue({
      charter,
      inForce,
      item: { text, authorKey: `${source}:${found.author_external_id}`, createdAt: new Date(found.created_at) },
      context: { now, recentByAuthor: recent.map((r) => ({ text: r.text, createdAt: new Date(r.created_at) })) },
      ids: { itemId: found.id, source, accountId, externalId },
      edit: true,
      log,
    });
    const { verdict } = judgement;
    const verdictState = stateForDecision(verdict.decision);
    const result = await db.transaction().execute(async (trx) => {
      const item = await items.getForUpdate(trx, found.id);
      if (!item || item.text === text) return null;
      // An edit older than the last one recorded (webhook and poll out of order) is ignored; a
      // second of tolerance, as webhook times are whole seconds.
      const last = await trx.selectFrom('item_events').select('payload').where('item_id', '=', item.id).where('kind', '=', 'edited').orderBy('id', 'desc').limit(1).executeTakeFirst();
      const lastEditedAt = last?.payload ? (JSON.parse(last.payload) as { editedAt?: string }).editedAt : undefined;
      if (lastEditedAt && Date.parse(lastEditedAt) - change.editedAt.getTime() > 1000) return null;
      const byPerson = await trx
        .selectFrom('item_events')
        .select('id')
        .where('item_id', '=', item.id)
        .where('kind', 'in', ['decision', 'reply'])
        .where('actor', 'like', 'user:%')
        .limit(1)
        .executeTakeFirst();
      const from = item.state as ItemState;
      const apply = from !== 'deleted' && (!byPerson || STRICTNESS[verdictState] > STRICTNESS[from]);
      const to: ItemState = apply ? verdictState : from;
      const judged = judgedColumns(judgement, version);
      const row: ItemRow = { ...item, text, state: to, updated_at: at, ...(apply ? judged : {}) };
      await items.update(trx, item.id, { text, state: to, updated_at: at, ...(apply ? judged : {}) });
      await items.count(trx, item, from, to);
      await appendEvent(trx, {
        itemId: item.id,
        kind: 'edited',
        actor: 'system',
        reason: 'Modifié par son auteur sur le réseau',
        payload: { previousText: item.text, text, editedAt: change.editedAt.toISOString(), verdict: verdictState, applied: apply && to !== from },
        at,
      });
      if (to !== from) {
        await appendEvent(trx, {
          itemId: item.id,
          kind: 'decision',
          ...decisionOf(judgement, 'Aucune règle de la charte ne s’applique au texte modifié.'),
          fromState: from,
          toState: to,
          ruleIds: verdict.ruleIds,
          charterVersion: version,
          at,
        });
        // Outbox: hide on the network when the edit makes it hidden; show it again only when the
        // charter had hidden it (no person decided, see the rule above).
        const wasHidden = from === 'hidden' || from === 'rejected';
        const isHidden = to === 'hidden' || to === 'rejected';
        if (isHidden && !wasHidden) await enqueueOutbound(trx, row, { action: 'charter', fromState: from, toState: to, at });
        if (wasHidden && !isHidden) await enqueueOutbound(trx, row, { action: 'unhide', fromState: from, toState: to, at });
      }
      return { item: row, previous: from };
    });
    if (!result) return { item: (await items.get(db, found.id)) ?? found, changed: false };
    changed(result.item, result.previous);
    return { item: result.item, changed: true };
  }

  async function decide(actor: Actor, itemId: string, action: Exclude<ModerationAction, 'reply'>, reason?: string | null) {
    const at = clock().toISOString();
    const result = await db.transaction().execute(async (trx) => {
      const item = await items.getForUpdate(trx, itemId);
      if (!item) throw new HubError('NOT_FOUND');
      const step = transition(item.state as ItemState, action);
      if (!step.ok) throw new HubError('INVALID_TRANSITION');
      if (!step.changed) return { item, previous: null };
      await items.update(trx, itemId, { state: step.to, updated_at: at });
      await items.count(trx, item, item.state, step.to);
      await appendEvent(trx, { itemId, kind: 'decision', actor: `user:${actor.id}`, fromState: item.state, toState: step.to, reason: reason ?? null, at });
      await audit(trx, { actor: `user:${actor.id}`, action: `item.${action}`, targetType: 'item', targetId: itemId, before: { state: item.state }, after: { state: step.to }, at });
      // Outbox: the decision's action on the network, in the same transaction.
      await enqueueOutbound(trx, item, { action, fromState: item.state, toState: step.to, at });
      return { item: { ...item, state: step.to, updated_at: at }, previous: item.state as ItemState };
    });
    if (result.previous) changed(result.item, result.previous);
    return result.item;
  }

  /**
   * A signed public reply written inside the caller's transaction: a claim's reply is committed
   * together with the claim (claims/service.ts). `author.actor` is recorded as is (« user:<id> »,
   * « astreinte »…). The caller reports the change with `notifyChange` once committed.
   */
  async function replyWithin(trx: Transaction<Database>, author: { actor: string; signature: string }, itemId: string, text: string) {
    const body = text.trim();
    if (!body) throw new HubError('INVALID_INPUT', { message: 'La réponse est vide.' });
    if (body.length > MAX_TEXT) throw new HubError('TOO_LARGE');
    const signed = `${body}\n— ${author.signature}`;
    const at = clock().toISOString();
    const item = await items.getForUpdate(trx, itemId);
    if (!item) throw new HubError('NOT_FOUND');
    const step = transition(item.state as ItemState, 'reply');
    if (!step.ok) throw new HubError('INVALID_TRANSITION');
    await items.update(trx, itemId, { state: step.to, updated_at: at });
    await items.count(trx, item, item.state, step.to);
    await appendEvent(trx, { itemId, kind: 'reply', actor: author.actor, fromState: item.state, toState: step.to, payload: { text: signed }, at });
    await audit(trx, { actor: author.actor, action: 'item.reply', targetType: 'item', targetId: itemId, before: { state: item.state }, after: { state: step.to, reply: signed }, at });
    // Outbox: the signed reply published on the network, in the same transaction.
    await enqueueOutbound(trx, item, { action: 'reply', fromState: item.state, toState: step.to, text: signed, at });
    return { item: { ...item, state: step.to, updated_at: at }, previous: item.state as ItemState };
  }

  async function reply(actor: Actor, itemId: string, text: string) {
    const result = await db.transaction().execute((trx) => replyWithin(trx, { actor: `user:${actor.id}`, signature: actor.signature }, itemId, text));
    changed(result.item, result.previous);
    return result.item;
  }

  async function assign(actor: Actor, itemId: string, userId: string | null) {
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const item = await items.getForUpdate(trx, itemId);
      if (!item) throw new HubError('NOT_FOUND');
      await items.update(trx, itemId, { assigned_to: userId, updated_at: at });
      await appendEvent(trx, { itemId, kind: 'assign', actor: `user:${actor.id}`, payload: { to: userId }, at });
      await audit(trx, { actor: `user:${actor.id}`, action: 'item.assign', targetType: 'item', targetId: itemId, before: { assignedTo: item.assigned_to }, after: { assignedTo: userId }, at });
      return { ...item, assigned_to: userId, updated_at: at };
    });
  }

  async function note(actor: Actor, itemId: string, text: string) {
    const body = text.trim();
    if (!body) throw new HubError('INVALID_INPUT', { message: 'La note est vide.' });
    if (body.length > MAX_TEXT) throw new HubError('TOO_LARGE');
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const item = await items.get(trx, itemId);
      if (!item) throw new HubError('NOT_FOUND');
      await appendEvent(trx, { itemId, kind: 'note', actor: `user:${actor.id}`, payload: { text: body }, at });
      await audit(trx, { actor: `user:${actor.id}`, action: 'item.note', targetType: 'item', targetId: itemId, after: { note: body }, at });
      return item;
    });
  }

  /** The same decision on many items; each is decided on its own, failures are reported. */
  async function bulkDecide(actor: Actor, itemIds: string[], action: Exclude<ModerationAction, 'reply'>, reason?: string | null) {
    const done: ItemRow[] = [];
    const failed: { itemId: string; message: string }[] = [];
    for (const itemId of itemIds.slice(0, 200)) {
      try {
        done.push(await decide(actor, itemId, action, reason));
      } catch (error) {
        failed.push({ itemId, message: error instanceof HubError ? error.publicMessage : 'Erreur inattendue.' });
      }
    }
    return { done, failed };
  }

  return { ingest, update, decide, reply, replyWithin, notifyChange: changed, assign, note, bulkDecide };
}

export type Queue = ReturnType<typeof createQueue>;

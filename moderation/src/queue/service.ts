import type { Transaction } from 'kysely';
import type { CharterBook } from '../charter/versions.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { OutboundDecision } from '../outbox/enqueue.ts';
import { HubError } from '../errors.ts';
import { createApplyEvent } from './apply.ts';
import { createIngest, type IngestHook } from './ingest.ts';
import type { JudgingLog } from './judging.ts';
import { transition, type ItemState, type ModerationAction } from './states.ts';
import type { ItemRow, ItemStore } from './store.ts';
import type { Clock } from '../clock.ts';

/** Someone acting in the console. */
export interface Actor {
  id: string;
  displayName: string;
  signature: string;
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

export const MAX_TEXT = 5000;

export { REMOVED_BY_AUTHOR, type IngestHook, type ItemChange, type NewItem } from './ingest.ts';

/** The queue's behaviour: ingest under the charter, decisions by people, all as events. */
export function createQueue({ db, items, charter, clock, onChange, enqueueOutbound = async () => undefined, onIngest, log = { error: () => undefined } }: QueueDeps) {
  const applyEvent = createApplyEvent({ items, enqueueOutbound });
  const changed = (row: ItemRow, previousState: ItemState | null) =>
    onChange({ itemId: row.id, source: row.source, state: row.state as ItemState, previousState, articleSlug: row.article_slug });
  const { ingest, update } = createIngest({ db, items, charter, clock, onIngest, log, applyEvent, changed });

  async function decide(actor: Actor, itemId: string, action: Exclude<ModerationAction, 'reply'>, reason?: string | null) {
    const at = clock().toISOString();
    const result = await db.transaction().execute(async (trx) => {
      const item = await items.getForUpdate(trx, itemId);
      if (!item) throw new HubError('NOT_FOUND');
      const step = transition(item.state as ItemState, action);
      if (!step.ok) throw new HubError('INVALID_TRANSITION');
      if (!step.changed) return { item, previous: null };
      return applyEvent(trx, item, {
        at,
        events: [{ kind: 'decision', actor: `user:${actor.id}`, fromState: item.state, toState: step.to, reason: reason ?? null }],
        audit: { actor: `user:${actor.id}`, action: `item.${action}`, before: { state: item.state }, after: { state: step.to } },
        // Outbox: the decision's action on the network, in the same transaction.
        outbound: [{ action }],
      });
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
    const { item: replied } = await applyEvent(trx, item, {
      at,
      events: [{ kind: 'reply', actor: author.actor, fromState: item.state, toState: step.to, payload: { text: signed } }],
      audit: { actor: author.actor, action: 'item.reply', before: { state: item.state }, after: { state: step.to, reply: signed } },
      // Outbox: the signed reply published on the network, in the same transaction.
      outbound: [{ action: 'reply', text: signed }],
    });
    return { item: replied, previous: item.state as ItemState };
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
      const applied = await applyEvent(trx, item, {
        at,
        columns: { assigned_to: userId },
        events: [{ kind: 'assign', actor: `user:${actor.id}`, payload: { to: userId } }],
        audit: { actor: `user:${actor.id}`, action: 'item.assign', before: { assignedTo: item.assigned_to }, after: { assignedTo: userId } },
      });
      return applied.item;
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
      const applied = await applyEvent(trx, item, {
        at,
        events: [{ kind: 'note', actor: `user:${actor.id}`, payload: { text: body } }],
        audit: { actor: `user:${actor.id}`, action: 'item.note', after: { note: body } },
      });
      return applied.item;
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

  return {
    ingest,
    update,
    decide,
    reply,
    replyWithin,
    notifyChange: changed,
    assign,
    note,
    bulkDecide,
    /** Records a change to an item in the caller's transaction (apply.ts): a claim's `claim` event. */
    applyEvent,
  };
}

export type Queue = ReturnType<typeof createQueue>;

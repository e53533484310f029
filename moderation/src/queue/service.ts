import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CharterBook } from '../charter/versions.ts';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { OutboundDecision } from '../outbox/enqueue.ts';
import { HubError } from '../errors.ts';
import { appendEvent } from './events.ts';
import { stateForDecision, transition, type ItemSource, type ItemState, type ModerationAction } from './states.ts';
import type { ItemRow, ItemStore } from './store.ts';

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
  clock: () => Date;
  onChange: (change: QueueChange) => void;
  /**
   * Outbox hook (see outbox/README.md): called inside the decision's transaction so that the
   * action on the social network is recorded together with the decision, or not at all.
   * Default: nothing goes out.
   */
  enqueueOutbound?: (trx: Transaction<Database>, item: ItemRow, decision: OutboundDecision) => Promise<void>;
}

const RECENT_WINDOW_MS = 60 * 60 * 1000;
export const MAX_TEXT = 5000;

/** The queue's behaviour: ingest under the charter, decisions by people, all as events. */
export function createQueue({ db, items, charter, clock, onChange, enqueueOutbound = async () => undefined }: QueueDeps) {
  const changed = (row: ItemRow, previousState: ItemState | null) =>
    onChange({ itemId: row.id, source: row.source, state: row.state as ItemState, previousState, articleSlug: row.article_slug });

  async function ingest(input: NewItem): Promise<{ item: ItemRow; created: boolean }> {
    const existing = await items.findByExternal(db, input.source, input.accountId, input.externalId);
    if (existing) return { item: existing, created: false };
    const now = clock();
    const { compiled, version } = await charter.current();
    const since = new Date(now.getTime() - RECENT_WINDOW_MS).toISOString();
    const recent = await items.recentByAuthor(db, input.source, input.authorExternalId, since);
    const verdict = charter.judge(compiled, { text: input.text, authorKey: `${input.source}:${input.authorExternalId}`, createdAt: input.createdAt }, {
      now,
      recentByAuthor: recent.map((r) => ({ text: r.text, createdAt: new Date(r.created_at) })),
    });
    const parent = input.parentExternalId ? await items.findByExternal(db, input.source, input.accountId, input.parentExternalId) : undefined;
    const id = randomUUID();
    const at = now.toISOString();
    const state = stateForDecision(verdict.decision);
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
      severity: verdict.severity,
      rule_ids: JSON.stringify(verdict.ruleIds),
      charter_version: version,
      personal_data: JSON.stringify(verdict.personalData),
      request_category: verdict.request?.category ?? null,
      negative_score: verdict.negative.score,
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
        actor: verdict.ruleIds.length ? `rule:${verdict.ruleIds.join(',')}` : 'rule:aucune',
        fromState: 'new',
        toState: state,
        reason: verdict.matches.map((m) => m.reason).join(' ; ') || 'Aucune règle de la charte ne s’applique.',
        ruleIds: verdict.ruleIds,
        charterVersion: version,
        at,
      });
      // Outbox: the charter's hide / reject of a network item is carried out on the network.
      await enqueueOutbound(trx, row, { action: 'charter', fromState: 'new', toState: state, at });
      return true;
    });
    if (!inserted) {
      // Another worker stored the same item between our read and our insert.
      return { item: (await items.findByExternal(db, input.source, input.accountId, input.externalId))!, created: false };
    }
    changed(row, null);
    return { item: row, created: true };
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

  async function reply(actor: Actor, itemId: string, text: string) {
    const body = text.trim();
    if (!body) throw new HubError('INVALID_INPUT', { message: 'La réponse est vide.' });
    if (body.length > MAX_TEXT) throw new HubError('TOO_LARGE');
    const signed = `${body}\n— ${actor.signature}`;
    const at = clock().toISOString();
    const result = await db.transaction().execute(async (trx) => {
      const item = await items.getForUpdate(trx, itemId);
      if (!item) throw new HubError('NOT_FOUND');
      const step = transition(item.state as ItemState, 'reply');
      if (!step.ok) throw new HubError('INVALID_TRANSITION');
      await items.update(trx, itemId, { state: step.to, updated_at: at });
      await items.count(trx, item, item.state, step.to);
      await appendEvent(trx, { itemId, kind: 'reply', actor: `user:${actor.id}`, fromState: item.state, toState: step.to, payload: { text: signed }, at });
      await audit(trx, { actor: `user:${actor.id}`, action: 'item.reply', targetType: 'item', targetId: itemId, before: { state: item.state }, after: { state: step.to, reply: signed }, at });
      // Outbox: the signed reply published on the network, in the same transaction.
      await enqueueOutbound(trx, item, { action: 'reply', fromState: item.state, toState: step.to, text: signed, at });
      return { item: { ...item, state: step.to, updated_at: at }, previous: item.state as ItemState };
    });
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

  return { ingest, decide, reply, assign, note, bulkDecide };
}

export type Queue = ReturnType<typeof createQueue>;

/**
 * Items as their sources report them: `ingest` stores a new one under the charter, `update`
 * follows an edit or a removal on the network. Both record through the queue's `applyEvent`.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CharterBook } from '../charter/versions.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { ApplyEvent, Change, ChangeEvent } from './apply.ts';
import { decidedByPerson, lastEditedAtOf } from './events.ts';
import { decisionOf, judgeForQueue, judgedColumns, type JudgingLog } from './judging.ts';
import { stateForDecision, type ItemSource, type ItemState } from './states.ts';
import type { ItemRow, ItemStore } from './store.ts';
import type { Clock } from '../clock.ts';

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

/** Looks at each new item inside its ingest transaction (the crisis procedure, `QueueDeps.onIngest`). */
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

export interface IngestDeps {
  db: Db;
  items: ItemStore;
  charter: CharterBook;
  clock: Clock;
  onIngest?: IngestHook;
  log: JudgingLog;
  applyEvent: ApplyEvent;
  /** Reports a committed change (the queue's `onChange`). */
  changed: (row: ItemRow, previousState: ItemState | null) => void;
}

export function createIngest({ db, items, charter, clock, onIngest, log, applyEvent, changed }: IngestDeps) {
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
      await applyEvent(trx, row, {
        at,
        inserted: true,
        events: [
          { kind: 'ingested', actor: 'system', toState: 'new' },
          { kind: 'decision', ...decisionOf(judgement, 'Aucune règle de la charte ne s’applique.'), fromState: 'new', toState: state, ruleIds: verdict.ruleIds, charterVersion: version },
        ],
        // Outbox: the charter's hide / reject of a network item is carried out on the network.
        outbound: [{ action: 'charter' }],
      });
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
        // Nothing goes out: the item is already gone from the network.
        return applyEvent(trx, item, {
          at,
          events: [{ kind: 'decision', actor: 'system', fromState: item.state, toState: 'deleted', reason: REMOVED_BY_AUTHOR, payload: { removedAt: change.at.toISOString() } }],
        });
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
      const lastEditedAt = await lastEditedAtOf(trx, item.id);
      if (lastEditedAt && Date.parse(lastEditedAt) - change.editedAt.getTime() > 1000) return null;
      const byPerson = await decidedByPerson(trx, item.id);
      const from = item.state as ItemState;
      const apply = from !== 'deleted' && (!byPerson || STRICTNESS[verdictState] > STRICTNESS[from]);
      const to: ItemState = apply ? verdictState : from;
      const events: ChangeEvent[] = [
        {
          kind: 'edited',
          actor: 'system',
          reason: 'Modifié par son auteur sur le réseau',
          payload: { previousText: item.text, text, editedAt: change.editedAt.toISOString(), verdict: verdictState, applied: apply && to !== from },
        },
      ];
      const outbound: Change['outbound'] = [];
      if (to !== from) {
        events.push({ kind: 'decision', ...decisionOf(judgement, 'Aucune règle de la charte ne s’applique au texte modifié.'), fromState: from, toState: to, ruleIds: verdict.ruleIds, charterVersion: version });
        // Outbox: hide on the network when the edit makes it hidden; show it again only when the
        // charter had hidden it (no person decided, see the rule above).
        const wasHidden = from === 'hidden' || from === 'rejected';
        const isHidden = to === 'hidden' || to === 'rejected';
        if (isHidden && !wasHidden) outbound.push({ action: 'charter' });
        if (wasHidden && !isHidden) outbound.push({ action: 'unhide' });
      }
      // The state is written even when unchanged, as an edit always was.
      return applyEvent(trx, item, { at, columns: { text, state: to, ...(apply ? judgedColumns(judgement, version) : {}) }, events, outbound });
    });
    if (!result) return { item: (await items.get(db, found.id)) ?? found, changed: false };
    changed(result.item, result.previous);
    return { item: result.item, changed: true };
  }

  return { ingest, update };
}

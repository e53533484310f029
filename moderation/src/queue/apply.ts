/**
 * The queue's one way to record a change to an item, inside the caller's transaction. Every
 * write to an item (ingest, an edit or a removal on the network, a decision, a reply, an
 * assignment, a note, a claim) is described as a `Change` and applied here, always in the same
 * order: the row, the counts, the events, the audit entry, the outbox rows.
 */
import type { Transaction } from 'kysely';
import { audit, type AuditEntry } from '../audit/audit.ts';
import type { Database } from '../db/schema.ts';
import type { OutboundDecision } from '../outbox/enqueue.ts';
import { appendEvent, type ItemEvent } from './events.ts';
import type { ItemState } from './states.ts';
import type { ItemRow, ItemStore } from './store.ts';

/** An event of the change: the item and the time are the change's. */
export type ChangeEvent = Omit<ItemEvent, 'itemId' | 'at'>;

export interface Change {
  at: string;
  /**
   * Appended in this order. The item's state is derived from them: the `toState` of the last
   * event that has one (none: the state does not change).
   */
  events: ChangeEvent[];
  /** Columns written with the state and `updated_at` (an edit's text and verdict, an assignment). */
  columns?: Partial<ItemRow>;
  /**
   * The row was inserted just now, already in its state (ingest): it is counted from no state
   * and not updated. Otherwise the row is updated when the change has columns or a state.
   */
  inserted?: boolean;
  /** The audit entry; its target is the item unless given (a claim names itself). */
  audit?: Omit<AuditEntry, 'at' | 'targetType' | 'targetId'> & Partial<Pick<AuditEntry, 'targetType' | 'targetId'>>;
  /**
   * What goes out on the network, in order, through the queue's `enqueueOutbound`. The states
   * are the last state-changing event's `fromState` and `toState`.
   */
  outbound?: Pick<OutboundDecision, 'action' | 'text'>[];
}

export interface Applied {
  /** The item as it is after the change. */
  item: ItemRow;
  /** Its state before (null: a new item). */
  previous: ItemState | null;
}

export interface ApplyDeps {
  items: Pick<ItemStore, 'update' | 'count'>;
  enqueueOutbound: (trx: Transaction<Database>, item: ItemRow, decision: OutboundDecision) => Promise<void>;
}

export type ApplyEvent = (trx: Transaction<Database>, item: ItemRow, change: Change) => Promise<Applied>;

/** `applyEvent(trx, item, change)`: `item` is the row as read (locked) in `trx`, before the change. */
export function createApplyEvent({ items, enqueueOutbound }: ApplyDeps): ApplyEvent {
  return async function applyEvent(trx, item, change) {
    const { at, events, columns } = change;
    const decisive = events.findLast((e) => e.toState != null);
    const from = change.inserted ? null : (item.state as ItemState);
    const to = (decisive?.toState ?? item.state) as ItemState;
    let row = item;
    if (!change.inserted && (columns || decisive)) {
      const set: Partial<ItemRow> = { ...columns, ...(decisive ? { state: to } : {}), updated_at: at };
      await items.update(trx, item.id, set);
      row = { ...item, ...set };
    }
    if (decisive) await items.count(trx, item, from, to);
    for (const event of events) await appendEvent(trx, { itemId: item.id, ...event, at });
    if (change.audit) await audit(trx, { targetType: 'item', targetId: item.id, ...change.audit, at });
    for (const out of change.outbound ?? []) {
      await enqueueOutbound(trx, row, { action: out.action, fromState: decisive?.fromState ?? null, toState: to, ...(out.text === undefined ? {} : { text: out.text }), at });
    }
    return { item: row, previous: from };
  };
}

/**
 * The life of an item in the queue. Decisions never erase: each is an event, and the state is
 * derived from the last one. A rejected or deleted item stays visible to moderators.
 */
export const ITEM_STATES = ['new', 'approved', 'held', 'hidden', 'rejected', 'deleted', 'answered', 'escalated'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_SOURCES = ['site_comment', 'site_contact', 'facebook_comment', 'facebook_post', 'x_reply', 'x_mention'] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];

export type ModerationAction = 'approve' | 'hold' | 'hide' | 'unhide' | 'reject' | 'delete' | 'reply';

const TARGET: Record<ModerationAction, ItemState> = {
  approve: 'approved',
  hold: 'held',
  hide: 'hidden',
  unhide: 'approved',
  reject: 'rejected',
  delete: 'deleted',
  reply: 'answered',
};

const ALLOWED_FROM: Record<ModerationAction, readonly ItemState[]> = {
  approve: ['new', 'held', 'hidden', 'rejected', 'escalated'],
  hold: ['new', 'approved', 'escalated', 'answered'],
  hide: ['new', 'approved', 'held', 'escalated', 'answered', 'rejected'],
  unhide: ['hidden'],
  reject: ['new', 'approved', 'held', 'hidden', 'escalated', 'answered'],
  delete: ['new', 'approved', 'held', 'hidden', 'rejected', 'escalated', 'answered'],
  reply: ['new', 'approved', 'held', 'escalated', 'answered'],
};

export type Transition = { ok: true; to: ItemState; changed: boolean } | { ok: false };

/**
 * Where `action` takes an item in state `from`. Asking for the state the item is already in is
 * accepted and changes nothing (a double click, a retried request).
 */
export function transition(from: ItemState, action: ModerationAction): Transition {
  const to = TARGET[action];
  if (from === to && action !== 'reply') return { ok: true, to, changed: false };
  if (!ALLOWED_FROM[action].includes(from)) return { ok: false };
  return { ok: true, to, changed: from !== to };
}

/** What tenants may see on the site. */
export const PUBLIC_STATES: readonly ItemState[] = ['approved', 'answered'];

/** The charter's decision as a state. */
export function stateForDecision(decision: 'approve' | 'hold' | 'hide' | 'reject'): ItemState {
  return ({ approve: 'approved', hold: 'held', hide: 'hidden', reject: 'rejected' } as const)[decision];
}

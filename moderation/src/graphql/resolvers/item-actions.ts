import { transition, type ItemState, type ModerationAction } from '../../queue/states.ts';

/** Every action on an item, in the order of the console's buttons; the Record makes it complete. */
export const ITEM_ACTIONS = Object.keys({
  approve: true,
  hold: true,
  hide: true,
  unhide: true,
  reject: true,
  delete: true,
  reply: true,
} satisfies Record<ModerationAction, true>) as ModerationAction[];

/**
 * What the service accepts from `state` (`transition` in queue/states.ts), a decision that only
 * repeats the current state included: approving an approved item is accepted and changes nothing.
 */
export function acceptedActions(state: string): ModerationAction[] {
  return ITEM_ACTIONS.filter((action) => transition(state as ItemState, action).ok);
}

/**
 * What is worth offering from `state`: accepted and doing something. A decision must change the
 * state; a reply always does something (it publishes a message), even on an answered item.
 */
export function allowedActions(state: string): ModerationAction[] {
  return ITEM_ACTIONS.filter((action) => {
    const step = transition(state as ItemState, action);
    return step.ok && (step.changed || action === 'reply');
  });
}

import { describe, expect, it } from 'vitest';
import { ITEM_STATES, transition, type ModerationAction } from '../../queue/states.ts';
import type { GraphQLEnumType } from 'graphql';
import { buildSchema } from '../schema.ts';
import { ITEM_ACTIONS, acceptedActions, allowedActions } from './item-actions.ts';

/** The table the console kept in detail.js before Item.allowedActions: its buttons must not change. */
const CONSOLE_ALLOWED_FROM: Record<ModerationAction, readonly string[]> = {
  approve: ['new', 'held', 'hidden', 'rejected', 'escalated'],
  hold: ['new', 'approved', 'escalated', 'answered'],
  hide: ['new', 'approved', 'held', 'escalated', 'answered', 'rejected'],
  unhide: ['hidden'],
  reject: ['new', 'approved', 'held', 'hidden', 'escalated', 'answered'],
  delete: ['new', 'approved', 'held', 'hidden', 'rejected', 'escalated', 'answered'],
  reply: ['new', 'approved', 'held', 'escalated', 'answered'],
};
/** …and where a decision led, for the decisions it let through although their button was off. */
const CONSOLE_TARGET_STATE: Partial<Record<ModerationAction, string>> = { approve: 'approved', hold: 'held', hide: 'hidden', unhide: 'approved', reject: 'rejected', delete: 'deleted' };
const ACTIONS = Object.keys(CONSOLE_ALLOWED_FROM) as ModerationAction[];

describe('Item.allowedActions and Item.acceptedActions', () => {
  it.each(ITEM_STATES)('from %s: the buttons the console enabled', (state) => {
    expect(allowedActions(state)).toEqual(ACTIONS.filter((action) => CONSOLE_ALLOWED_FROM[action].includes(state)));
  });

  it.each(ITEM_STATES)('from %s: what the console sent, and the service accepts', (state) => {
    const sent = ACTIONS.filter((action) => CONSOLE_ALLOWED_FROM[action].includes(state) || CONSOLE_TARGET_STATE[action] === state);
    expect(acceptedActions(state)).toEqual(sent);
    expect(acceptedActions(state)).toEqual(ACTIONS.filter((action) => transition(state, action).ok));
  });

  it('examples', () => {
    expect(allowedActions('new')).toEqual(['approve', 'hold', 'hide', 'reject', 'delete', 'reply']);
    expect(allowedActions('hidden')).toEqual(['approve', 'unhide', 'reject', 'delete']);
    expect(allowedActions('answered')).toContain('reply');
    expect(allowedActions('approved')).not.toContain('approve');
    expect(acceptedActions('approved')).toContain('approve');
    expect(acceptedActions('approved')).toContain('unhide');
    expect(allowedActions('deleted')).toEqual([]);
    expect(acceptedActions('deleted')).toEqual(['delete']);
    expect(allowedActions('unknown')).toEqual([]);
  });

  it('the GraphQL enum ItemAction lists every action', () => {
    // No instanceof: the schema's graphql copy may not be the one this file imports.
    const type = buildSchema().getType('ItemAction') as GraphQLEnumType | undefined;
    expect(type?.astNode?.kind).toBe('EnumTypeDefinition');
    expect(type!.getValues().map((value) => value.name)).toEqual(ITEM_ACTIONS);
  });
});

import { describe, expect, it } from 'vitest';
import { transition, type ItemState, type ModerationAction } from './states.ts';

describe('transition', () => {
  it.each<[ItemState, ModerationAction, ItemState]>([
    ['new', 'approve', 'approved'],
    ['held', 'approve', 'approved'],
    ['approved', 'hide', 'hidden'],
    ['hidden', 'unhide', 'approved'],
    ['new', 'reject', 'rejected'],
    ['rejected', 'approve', 'approved'],
    ['held', 'reply', 'answered'],
    ['answered', 'reply', 'answered'],
    ['rejected', 'delete', 'deleted'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toMatchObject({ ok: true, to });
  });

  it.each<[ItemState, ModerationAction]>([
    ['deleted', 'approve'],
    ['deleted', 'reply'],
    ['rejected', 'reply'],
    ['hidden', 'reply'],
  ])('refuses %s --%s-->', (from, action) => {
    expect(transition(from, action)).toEqual({ ok: false });
  });

  it('accepts asking for the current state again, changing nothing', () => {
    expect(transition('approved', 'approve')).toEqual({ ok: true, to: 'approved', changed: false });
    expect(transition('deleted', 'delete')).toEqual({ ok: true, to: 'deleted', changed: false });
  });
});

import { describe, expect, it } from 'vitest';
import { floodPhase } from './flood.ts';
import { minutesAgo, rule, run } from './test-support.ts';

const flood = rule('rafale', { kind: 'flood', maxItems: 5, windowMinutes: 10 });
const posts = (...minutes: number[]) => minutes.map((m, i) => ({ text: `message ${i}`, createdAt: minutesAgo(m) }));

describe('flood phase', () => {
  it('holds the sixth message within ten minutes', () => {
    const patch = run(floodPhase, [flood], 'encore un', { recentByAuthor: posts(1, 2, 4, 6, 9) });
    expect(patch.matches).toEqual([{ ruleId: 'rafale', action: 'hold', severity: 'medium', reason: '6 messages en 10 min (maximum 5)' }]);
  });

  it('lets the fifth through', () => {
    expect(run(floodPhase, [flood], 'encore un', { recentByAuthor: posts(1, 2, 4, 6) }).matches).toEqual([]);
  });

  it('forgets messages older than the window', () => {
    expect(run(floodPhase, [flood], 'encore un', { recentByAuthor: posts(1, 2, 4, 10, 11, 30) }).matches).toEqual([]);
  });

  it('counts from context.now, not from the clock', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const recentByAuthor = [1, 2, 3, 4, 5].map((m) => ({ text: 'x', createdAt: new Date(now.getTime() - m * 60_000) }));
    expect(run(floodPhase, [flood], 'encore un', { now, recentByAuthor }).matches).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { latestDigestTime, parisDay, parisTime } from './clock';

describe('Paris clock', () => {
  it('places an hour on a Paris day, winter and summer', () => {
    expect(new Date(parisTime('2026-01-15', 17)).toISOString()).toBe('2026-01-15T16:00:00.000Z');
    expect(new Date(parisTime('2026-07-15', 17)).toISOString()).toBe('2026-07-15T15:00:00.000Z');
    // The days the clocks change.
    expect(new Date(parisTime('2026-03-29', 17)).toISOString()).toBe('2026-03-29T15:00:00.000Z');
    expect(new Date(parisTime('2026-10-25', 17)).toISOString()).toBe('2026-10-25T16:00:00.000Z');
    expect(new Date(parisTime('2026-03-29', 0)).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('names the Paris day of an instant', () => {
    expect(parisDay(Date.parse('2026-07-15T22:30:00Z'))).toBe('2026-07-16');
    expect(parisDay(Date.parse('2026-01-15T22:30:00Z'))).toBe('2026-01-15');
  });
});

describe('latestDigestTime', () => {
  it.each([
    ['2026-07-15T16:00:00Z', '2026-07-15', '2026-07-15T15:00:00.000Z'],
    ['2026-07-15T15:00:00Z', '2026-07-15', '2026-07-15T15:00:00.000Z'],
    ['2026-07-15T14:59:59Z', '2026-07-14', '2026-07-14T15:00:00.000Z'],
    ['2026-01-01T00:30:00Z', '2025-12-31', '2025-12-31T16:00:00.000Z'],
    ['2026-03-29T10:00:00Z', '2026-03-28', '2026-03-28T16:00:00.000Z'],
  ])('at %s the last digest is the one of %s (%s)', (now, day, at) => {
    const latest = latestDigestTime(Date.parse(now), 17);
    expect(latest.day).toBe(day);
    expect(new Date(latest.at).toISOString()).toBe(at);
  });
});

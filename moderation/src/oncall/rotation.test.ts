import { describe, expect, it } from 'vitest';
import { rotationWeek, shiftWeek, turnOf } from './rotation.ts';

const at = (iso: string) => new Date(iso);

describe('rotationWeek', () => {
  it('numbers weeks from Monday 1 January 2024 09:00 Paris', () => {
    expect(rotationWeek(at('2024-01-01T08:00:00Z'))).toMatchObject({ index: 0, monday: '2024-01-01' });
    expect(rotationWeek(at('2024-01-01T07:59:59Z'))).toMatchObject({ index: -1, monday: '2023-12-25' });
    expect(rotationWeek(at('2024-01-08T08:00:00Z')).index).toBe(1);
  });

  it('switches on Monday at 09:00 Paris, not at midnight', () => {
    // Monday 23 November 2026: 08:59 is still the previous week, 09:00 the new one.
    const before = rotationWeek(at('2026-11-23T07:59:00Z'));
    const after = rotationWeek(at('2026-11-23T08:00:00Z'));
    expect(before.monday).toBe('2026-11-16');
    expect(after.monday).toBe('2026-11-23');
    expect(after.index).toBe(before.index + 1);
    expect(after.start.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(before.end.toISOString()).toBe(after.start.toISOString());
    // Sunday 23:00 belongs to the week that started the Monday before.
    expect(rotationWeek(at('2026-11-29T22:00:00Z')).monday).toBe('2026-11-23');
  });

  it('keeps Monday 09:00 Paris across changes of time (a 167-hour and a 169-hour week)', () => {
    const spring = rotationWeek(at('2026-03-25T12:00:00Z'));
    expect(spring.start.toISOString()).toBe('2026-03-23T08:00:00.000Z'); // UTC+1
    expect(spring.end.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // UTC+2
    const autumn = rotationWeek(at('2026-10-21T12:00:00Z'));
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(169);
    expect(shiftWeek(spring, 1).start.toISOString()).toBe(spring.end.toISOString());
  });
});

describe('turnOf', () => {
  const people = ['Julie', 'Karim', 'Sophie'];

  it('takes turns week by week, and wraps around', () => {
    expect([0, 1, 2, 3, 4].map((i) => turnOf(people, i))).toEqual(['Julie', 'Karim', 'Sophie', 'Julie', 'Karim']);
  });

  it('works before the anchor and with nobody', () => {
    expect(turnOf(people, -1)).toBe('Sophie');
    expect(turnOf([], 5)).toBeNull();
  });
});

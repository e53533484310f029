import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, frenchDate, frenchDateTime, frenchMonth, parisDay, parisInstant } from './index.ts';

describe('Paris time, whatever the machine zone', () => {
  it('writes dates as French readers expect, in Paris time', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    expect(frenchDate('2026-12-31T23:30:00Z')).toBe('1 janvier 2027');
    expect(frenchDateTime(Date.parse('2026-11-28T22:00:00Z'))).toBe('samedi 28 novembre 2026 à 23:00');
    expect(frenchMonth(new Date('2026-11-30T23:30:00Z'))).toBe('décembre 2026');
  });

  it('tells the Paris day across both clock changes', () => {
    expect(parisDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(parisDay(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    expect(parisInstant('2026-10-25', 12 * 60).toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  it('counts calendar days over month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-25', '2027-01-01')).toBe(7);
  });
});

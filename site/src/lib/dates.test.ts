import { describe, expect, it } from 'vitest';
import { formatDate, formatPeriod, isoDay } from './dates.ts';

describe('French dates in Paris time', () => {
  it('reads a calendar day as that day whatever the zone', () => {
    expect(formatDate('2026-12-08')).toBe('8 décembre 2026');
    expect(isoDay('2026-12-08')).toBe('2026-12-08');
  });
  it('puts a late-evening UTC instant on the next Paris day', () => {
    expect(isoDay('2026-06-30T22:30:00Z')).toBe('2026-07-01');
  });
  it('words a period', () => {
    expect(formatPeriod('2026-03-02', '2027-06-30')).toBe('du 2 mars 2026 au 30 juin 2027');
    expect(formatPeriod('2026-03-02', null)).toBe('à partir du 2 mars 2026');
    expect(formatPeriod(null, null)).toBe('');
  });
});

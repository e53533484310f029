import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, parseCalendar, type OfficeCalendar } from './calendar.ts';
import { describeStatus } from './describe.ts';
import { closureOn, holidayOn, isOfficeHours, nextOpening, officeStatus } from './office-hours.ts';

const at = (iso: string) => new Date(iso);
const alsace: OfficeCalendar = { ...DEFAULT_CALENDAR, region: 'alsace-moselle' };

describe('public holidays', () => {
  it.each([
    ['2026-12-25T09:00:00Z', 'Noël'], // a Friday
    ['2026-07-14T08:00:00Z', 'Fête Nationale de la France'], // a Tuesday
    ['2027-03-29T08:00:00Z', 'Lundi de Pâques'], // Easter Monday 2027, summer time since the day before
    ['2026-05-14T08:00:00Z', 'Ascension'],
  ])('%s is « %s » and not office hours', (iso, name) => {
    expect(holidayOn(at(iso), DEFAULT_CALENDAR)).toBe(name);
    expect(isOfficeHours(at(iso), DEFAULT_CALENDAR)).toBe(false);
  });

  it('takes the Paris day, not the UTC one: 24 December 23:30 UTC is already Christmas in Paris', () => {
    expect(holidayOn(at('2026-12-24T23:30:00Z'), DEFAULT_CALENDAR)).toBe('Noël');
    expect(holidayOn(at('2026-12-24T22:30:00Z'), DEFAULT_CALENDAR)).toBeNull();
  });

  it('does not count observances (Pentecost Sunday) as holidays', () => {
    expect(holidayOn(at('2026-05-24T10:00:00Z'), DEFAULT_CALENDAR)).toBeNull();
    expect(holidayOn(at('2026-05-25T10:00:00Z'), DEFAULT_CALENDAR)).toBe('Lundi de Pentecôte');
  });

  it('adds Good Friday and 26 December in Alsace-Moselle only', () => {
    const goodFriday = at('2027-03-26T09:00:00Z'); // Friday 10:00 in Paris
    expect(holidayOn(goodFriday, DEFAULT_CALENDAR)).toBeNull();
    expect(isOfficeHours(goodFriday, DEFAULT_CALENDAR)).toBe(true);
    expect(holidayOn(goodFriday, alsace)).toBe('Vendredi saint');
    expect(isOfficeHours(goodFriday, alsace)).toBe(false);
    const boxingDay = at('2028-12-26T09:00:00Z'); // a Tuesday
    expect(isOfficeHours(boxingDay, DEFAULT_CALENDAR)).toBe(true);
    expect(holidayOn(boxingDay, alsace)).toBe('Lendemain de Noël');
  });
});

describe('isOfficeHours (default: Monday to Friday, 9:00 to 18:00, Paris)', () => {
  it.each([
    ['2026-11-24T09:00:00Z', true, 'Tuesday 10:00'],
    ['2026-11-28T22:00:00Z', false, 'Saturday 23:00'],
    ['2026-11-29T10:00:00Z', false, 'Sunday 11:00'],
    ['2026-11-24T07:59:59Z', false, 'Tuesday 08:59:59'],
    ['2026-11-24T08:00:00Z', true, 'Tuesday 09:00'],
    ['2026-11-24T16:59:59Z', true, 'Tuesday 17:59:59'],
    ['2026-11-24T17:00:00Z', false, 'Tuesday 18:00, closed'],
    ['2026-07-01T06:59:00Z', false, 'Wednesday 08:59, summer time'],
    ['2026-07-01T07:00:00Z', true, 'Wednesday 09:00, summer time'],
    ['2026-07-01T15:59:00Z', true, 'Wednesday 17:59, summer time'],
    ['2026-07-01T16:00:00Z', false, 'Wednesday 18:00, summer time'],
  ])('%s → %s (%s)', (iso, expected) => {
    expect(isOfficeHours(at(iso), DEFAULT_CALENDAR)).toBe(expected);
  });

  // Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026.
  it.each([
    ['2026-03-27T16:59:00Z', true, 'Friday 17:59 before the spring change (UTC+1)'],
    ['2026-03-27T17:00:00Z', false, 'Friday 18:00 before the spring change'],
    ['2026-03-30T06:59:00Z', false, 'Monday 08:59 after it (UTC+2)'],
    ['2026-03-30T07:00:00Z', true, 'Monday 09:00 after it'],
    ['2026-10-23T15:59:00Z', true, 'Friday 17:59 before the autumn change (UTC+2)'],
    ['2026-10-23T16:00:00Z', false, 'Friday 18:00 before the autumn change'],
    ['2026-10-26T07:30:00Z', false, 'Monday 08:30 after it (UTC+1)'],
    ['2026-10-26T08:00:00Z', true, 'Monday 09:00 after it'],
  ])('across a change of time: %s → %s (%s)', (iso, expected) => {
    expect(isOfficeHours(at(iso), DEFAULT_CALENDAR)).toBe(expected);
  });

  it('honours several ranges a day (a lunch break)', () => {
    const split = parseCalendar({ ...DEFAULT_CALENDAR, hours: { ...DEFAULT_CALENDAR.hours, tuesday: [{ start: '13:30', end: '18:00' }, { start: '09:00', end: '12:30' }] } });
    expect(isOfficeHours(at('2026-11-24T11:15:00Z'), split)).toBe(true); // 12:15
    expect(isOfficeHours(at('2026-11-24T11:45:00Z'), split)).toBe(false); // 12:45
    expect(nextOpening(at('2026-11-24T11:45:00Z'), split).toISOString()).toBe('2026-11-24T12:30:00.000Z'); // 13:30
  });
});

describe('exceptional closures', () => {
  const bridge = parseCalendar({ ...DEFAULT_CALENDAR, closures: [{ from: '2026-05-15', to: '2026-05-15', label: 'Fermeture exceptionnelle — pont de l’Ascension' }] });

  it('closes the office all day, with its label', () => {
    const friday = at('2026-05-15T08:00:00Z');
    expect(isOfficeHours(friday, DEFAULT_CALENDAR)).toBe(true);
    expect(isOfficeHours(friday, bridge)).toBe(false);
    expect(closureOn(friday, bridge)?.label).toBe('Fermeture exceptionnelle — pont de l’Ascension');
    expect(closureOn(at('2026-05-18T08:00:00Z'), bridge)).toBeNull();
  });

  it('covers every day from `from` to `to`, Paris days', () => {
    const summer = parseCalendar({ ...DEFAULT_CALENDAR, closures: [{ from: '2026-08-10', to: '2026-08-14', label: 'Fermeture estivale' }] });
    expect(isOfficeHours(at('2026-08-09T22:30:00Z'), summer)).toBe(false); // Monday 10 August 00:30 Paris, closed anyway
    expect(isOfficeHours(at('2026-08-14T14:00:00Z'), summer)).toBe(false);
    expect(nextOpening(at('2026-08-10T08:00:00Z'), summer).toISOString()).toBe('2026-08-17T07:00:00.000Z');
  });

  it('says so in the status line', () => {
    const status = officeStatus(at('2026-05-15T08:00:00Z'), bridge);
    expect(describeStatus(status)).toBe('En ce moment : hors heures de bureau (fermeture exceptionnelle : Fermeture exceptionnelle — pont de l’Ascension) — réouverture lundi 18 mai à 09:00');
  });
});

describe('nextOpening', () => {
  it('is the instant itself during office hours', () => {
    expect(nextOpening(at('2026-11-24T09:00:00Z'), DEFAULT_CALENDAR).toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('is Monday 09:00 after a weekend, whatever the change of time in between', () => {
    expect(nextOpening(at('2026-03-28T22:00:00Z'), DEFAULT_CALENDAR).toISOString()).toBe('2026-03-30T07:00:00.000Z'); // 09:00 UTC+2
    expect(nextOpening(at('2026-10-23T17:00:00Z'), DEFAULT_CALENDAR).toISOString()).toBe('2026-10-26T08:00:00.000Z'); // 09:00 UTC+1
  });

  it('skips holidays: from Christmas Eve evening to Monday 28 December', () => {
    expect(nextOpening(at('2026-12-24T17:30:00Z'), DEFAULT_CALENDAR).toISOString()).toBe('2026-12-28T08:00:00.000Z');
  });

  it('is later the same morning before opening', () => {
    expect(nextOpening(at('2026-11-24T05:00:00Z'), DEFAULT_CALENDAR).toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('handles a range that starts in the hour skipped in spring', () => {
    const night = parseCalendar({ ...DEFAULT_CALENDAR, hours: { ...DEFAULT_CALENDAR.hours, sunday: [{ start: '02:30', end: '05:00' }] } });
    // Sunday 29 March 2026, 02:30 does not exist in Paris: the range opens at 03:30 summer time.
    expect(nextOpening(at('2026-03-28T22:00:00Z'), night).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(isOfficeHours(at('2026-03-29T01:30:00Z'), night)).toBe(true);
  });
});

describe('the status line', () => {
  it('reads « heures de bureau » during them', () => {
    expect(describeStatus(officeStatus(at('2026-11-24T09:00:00Z'), DEFAULT_CALENDAR))).toBe('En ce moment : heures de bureau');
  });

  it('names the holiday', () => {
    const status = officeStatus(at('2026-12-25T10:00:00Z'), DEFAULT_CALENDAR);
    expect(status).toMatchObject({ open: false, holiday: 'Noël', closure: null });
    expect(describeStatus(status)).toBe('En ce moment : hors heures de bureau (jour férié : Noël) — réouverture lundi 28 décembre à 09:00');
  });
});

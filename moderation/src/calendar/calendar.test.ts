import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, parseCalendar } from './calendar.ts';
import { holidaysOf } from './holidays.ts';
import { parisInstant, parisTime } from '@hub/integrations/paris-time';

const withHours = (day: string, ranges: unknown) => ({ ...DEFAULT_CALENDAR, hours: { ...DEFAULT_CALENDAR.hours, [day]: ranges } });
const problem = (value: unknown) => {
  try {
    parseCalendar(value);
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as { publicMessage: string }).publicMessage };
  }
  return null;
};

describe('parseCalendar', () => {
  it('accepts the default and sorts ranges and closures', () => {
    expect(parseCalendar(DEFAULT_CALENDAR)).toEqual(DEFAULT_CALENDAR);
    const parsed = parseCalendar({
      ...withHours('monday', [{ start: '14:00', end: '18:00' }, { start: '09:00', end: '12:00' }]),
      closures: [{ from: '2026-12-31', to: '2026-12-31', label: ' Saint-Sylvestre ' }, { from: '2026-05-15', to: '2026-05-15', label: 'Pont' }],
    });
    expect(parsed.hours.monday.map((r) => r.start)).toEqual(['09:00', '14:00']);
    expect(parsed.closures.map((c) => c.label)).toEqual(['Pont', 'Saint-Sylvestre']);
  });

  it.each([
    [withHours('monday', [{ start: '9h', end: '18:00' }]), 'Lundi, plage 1 : Heure d’ouverture invalide : format attendu HH:MM (par exemple 09:00).'],
    [withHours('tuesday', [{ start: '18:00', end: '09:00' }]), 'Mardi, plage 1 : L’heure de fermeture doit être après l’heure d’ouverture.'],
    [withHours('friday', [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }]), 'Vendredi : Les plages de ce jour se chevauchent.'],
    [{ ...DEFAULT_CALENDAR, hours: Object.fromEntries(Object.keys(DEFAULT_CALENDAR.hours).map((d) => [d, []])) }, 'Le bureau doit ouvrir au moins une plage dans la semaine.'],
    [{ ...DEFAULT_CALENDAR, region: 'bretagne' }, 'Région inconnue.'],
    [{ ...DEFAULT_CALENDAR, closures: [{ from: '2026-05-16', to: '2026-05-15', label: 'Pont' }] }, 'Fermeture 1 : La fermeture se termine avant de commencer.'],
    [{ ...DEFAULT_CALENDAR, closures: [{ from: '2026-02-30', to: '2026-03-01', label: 'Pont' }] }, 'Fermeture 1 : Cette date n’existe pas.'],
    [{ ...DEFAULT_CALENDAR, closures: [{ from: '2026-05-15', to: '2026-05-15', label: '  ' }] }, 'Fermeture 1 : Le libellé de la fermeture est obligatoire.'],
  ])('refuses %j in French', (value, message) => {
    expect(problem(value)).toEqual({ code: 'INVALID_CALENDAR', message });
  });

  it('allows a range that ends at midnight', () => {
    expect(parseCalendar(withHours('saturday', [{ start: '20:00', end: '24:00' }])).hours.saturday).toEqual([{ start: '20:00', end: '24:00' }]);
  });
});

describe('holidaysOf', () => {
  it('lists the eleven national public holidays of 2026, in order', () => {
    const list = holidaysOf(2026, null);
    expect(list).toHaveLength(11);
    expect(list[0]).toEqual({ date: '2026-01-01', name: 'Nouvel An' });
    expect(list.at(-1)).toEqual({ date: '2026-12-25', name: 'Noël' });
    expect(list.map((h) => h.date)).toContain('2026-07-14');
  });

  it('adds two days in Alsace-Moselle and one in Guadeloupe', () => {
    expect(holidaysOf(2026, 'alsace-moselle')).toHaveLength(13);
    expect(holidaysOf(2026, 'guadeloupe').find((h) => h.date === '2026-05-27')?.name).toBe('Abolition de l’esclavage');
  });
});

describe('Paris time', () => {
  it('reads the wall clock and the offset', () => {
    expect(parisTime(new Date('2026-01-15T08:30:00Z'))).toEqual({ date: '2026-01-15', weekday: 4, minutes: 570, year: 2026, offset: 60 });
    expect(parisTime(new Date('2026-07-15T08:30:00Z')).offset).toBe(120);
  });

  it('goes back from the wall clock, around both changes of time', () => {
    expect(parisInstant('2026-03-29', 60).toISOString()).toBe('2026-03-29T00:00:00.000Z'); // 01:00 UTC+1
    expect(parisInstant('2026-03-29', 180).toISOString()).toBe('2026-03-29T01:00:00.000Z'); // 03:00 UTC+2
    expect(parisInstant('2026-10-25', 9 * 60).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(parisInstant('2026-10-24', 1440).toISOString()).toBe('2026-10-24T22:00:00.000Z'); // midnight, still UTC+2
  });
});

/**
 * French public holidays from date-holidays. Only days of type « public » count (not Pentecost
 * Sunday nor Mother's Day, which date-holidays lists as observances). A region adds its local
 * days: date-holidays names them by département — Alsace-Moselle is any of 57, 67, 68 (Good
 * Friday and 26 December), the overseas départements have their abolition-of-slavery day.
 */
import Holidays from 'date-holidays';

export const REGIONS = {
  'alsace-moselle': { label: 'Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle)', state: '67' },
  guadeloupe: { label: 'Guadeloupe', state: 'GP' },
  martinique: { label: 'Martinique', state: 'MQ' },
  guyane: { label: 'Guyane', state: 'GF' },
  'la-reunion': { label: 'La Réunion', state: 'RE' },
  mayotte: { label: 'Mayotte', state: 'YT' },
  'saint-martin': { label: 'Saint-Martin', state: 'MF' },
  'saint-barthelemy': { label: 'Saint-Barthélemy', state: 'BL' },
} as const;

export type Region = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as Region[];
export const NATIONAL_LABEL = 'France métropolitaine (jours fériés nationaux)';

export interface PublicHoliday {
  /** YYYY-MM-DD, a Paris calendar day. */
  date: string;
  /** Its French name, e.g. « Noël ». */
  name: string;
}

const engines = new Map<string, Holidays>();
const byYear = new Map<string, Map<string, string>>();

function engine(region: Region | null): Holidays {
  const key = region ?? 'national';
  let found = engines.get(key);
  if (!found) {
    found = region ? new Holidays('FR', REGIONS[region].state, { languages: ['fr'], types: ['public'] }) : new Holidays('FR', { languages: ['fr'], types: ['public'] });
    engines.set(key, found);
  }
  return found;
}

/** The year's public holidays by day, computed once per region and year. */
function daysOf(year: number, region: Region | null): Map<string, string> {
  const key = `${region ?? 'national'}:${year}`;
  let days = byYear.get(key);
  if (!days) {
    days = new Map();
    for (const holiday of engine(region).getHolidays(year, 'fr')) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      // Two holidays on one day (rare): both names, once each.
      days.set(date, days.has(date) ? `${days.get(date)} et ${holiday.name}` : holiday.name);
    }
    byYear.set(key, days);
  }
  return days;
}

/** The public holidays of `year`, in date order. */
export function holidaysOf(year: number, region: Region | null): PublicHoliday[] {
  return [...daysOf(year, region).entries()].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

/** The French name of the public holiday on `date` (YYYY-MM-DD), or null. */
export function holidayNameOn(date: string, region: Region | null): string | null {
  return daysOf(Number(date.slice(0, 4)), region).get(date) ?? null;
}

export const regionLabel = (region: Region | null) => (region ? REGIONS[region].label : NATIONAL_LABEL);

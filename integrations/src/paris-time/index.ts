/**
 * Paris time for the whole hub, whatever the machine's TZ: wall-clock time from an instant and
 * back (office hours, on-call rotation, the daily digest, X's daily budget, claim references), and
 * dates written in French for tenants and staff. Summer time comes from the time-zone database
 * through Intl, never by hand. The one place that names Europe/Paris.
 */
const TIME_ZONE = 'Europe/Paris';
const formatter = parisFormatter(
  {
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
  'en-GB',
);
const WEEKDAY_NUMBER: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface ParisTime {
  /** The Paris calendar day, YYYY-MM-DD. */
  date: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  /** Minutes since local midnight, 0 to 1439. */
  minutes: number;
  year: number;
  /** Paris offset from UTC at that instant, in minutes (60 in winter, 120 in summer). */
  offset: number;
}

export function parisTime(at: Date): ParisTime {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(at)) parts[part.type] = part.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAY_NUMBER[parts.weekday!]!, minutes: hour * 60 + minute, year, offset };
}

/**
 * The instant at which Paris clocks show `date` + `minutes` (minutes may reach 1440: the next
 * midnight). A time skipped by the spring change (02:30 on the last Sunday of March) gives the
 * instant one hour later on the clock (03:30); a time shown twice in October gives the second.
 */
export function parisInstant(date: string, minutes: number): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  let at = wall - parisTime(new Date(wall)).offset * 60_000;
  at = wall - parisTime(new Date(at)).offset * 60_000;
  return new Date(at);
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The Paris calendar day of an instant, `YYYY-MM-DD`. */
export function parisDay(at: Date): string {
  return parisTime(at).date;
}

/** A formatter in Paris time (French unless told otherwise), for formats the ones below lack. */
export function parisFormatter(options: Intl.DateTimeFormatOptions, locale = 'fr-FR'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: TIME_ZONE });
}

const longDate = parisFormatter({ dateStyle: 'long' });
const longDateTime = parisFormatter({ dateStyle: 'full', timeStyle: 'short' });
const monthYear = parisFormatter({ month: 'long', year: 'numeric' });

type Instant = Date | string | number;

/** « 22 octobre 2026 ». */
export const frenchDate = (at: Instant): string => longDate.format(new Date(at));
/** « samedi 28 novembre 2026 à 23:00 ». */
export const frenchDateTime = (at: Instant): string => longDateTime.format(new Date(at));
/** « décembre 2026 ». */
export const frenchMonth = (at: Instant): string => monthYear.format(new Date(at));

/**
 * Pure questions on an office calendar, at an instant. Everything is read on Paris clocks
 * (parisTime), never in the machine's zone, so the answers hold across summer-time changes.
 */
import { WEEKDAYS, toMinutes, type Closure, type OfficeCalendar } from './calendar.ts';
import { holidayNameOn } from './holidays.ts';
import { addDays, parisInstant, parisTime } from '@hub/integrations/paris-time';

/** How far nextOpening looks ahead: a year and a closure of a year cannot hide every opening. */
const SEARCH_DAYS = 800;

/** The public holiday on that instant's Paris day (its French name), or null. */
export function holidayOn(at: Date, calendar: OfficeCalendar): string | null {
  return holidayNameOn(parisTime(at).date, calendar.region);
}

/** The exceptional closure covering that instant's Paris day, or null. */
export function closureOn(at: Date, calendar: OfficeCalendar): Closure | null {
  return closureOnDate(parisTime(at).date, calendar);
}

function closureOnDate(date: string, calendar: OfficeCalendar): Closure | null {
  return calendar.closures.find((c) => c.from <= date && date <= c.to) ?? null;
}

const closedAllDay = (date: string, calendar: OfficeCalendar) => closureOnDate(date, calendar) !== null || holidayNameOn(date, calendar.region) !== null;

/** Whether `at` falls in an opening range of its Paris weekday, on a day neither a holiday nor closed. */
export function isOfficeHours(at: Date, calendar: OfficeCalendar): boolean {
  const paris = parisTime(at);
  if (closedAllDay(paris.date, calendar)) return false;
  return calendar.hours[WEEKDAYS[paris.weekday - 1]!].some((r) => toMinutes(r.start) <= paris.minutes && paris.minutes < toMinutes(r.end));
}

/**
 * The first instant, from `at` on, at which the office is open: `at` itself during office
 * hours. Throws when the calendar never opens in the next 800 days (a valid calendar opens
 * at least once a week, and closures last a year at most).
 */
export function nextOpening(at: Date, calendar: OfficeCalendar): Date {
  let date = parisTime(at).date;
  for (let i = 0; i < SEARCH_DAYS; i++, date = addDays(date, 1)) {
    if (closedAllDay(date, calendar)) continue;
    // getUTCDay counts from Sunday; the calendar's weeks start on Monday.
    const weekday = WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
    const ranges = [...calendar.hours[weekday]].sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
    for (const range of ranges) {
      const start = parisInstant(date, toMinutes(range.start));
      const end = parisInstant(date, toMinutes(range.end));
      if (at < start) return start;
      if (at < end) return at;
    }
  }
  throw new Error('the office calendar never opens');
}

export interface OfficeStatus {
  open: boolean;
  /** The public holiday of the day, if any. */
  holiday: string | null;
  /** The exceptional closure of the day, if any. */
  closure: Closure | null;
  /** When the office opens next (`at` itself when open). */
  nextOpening: Date;
  /** The Paris day at `at`, YYYY-MM-DD: the console's « today » comes from the service's clock. */
  today: string;
}

/** Everything the console's status line says, at once. */
export function officeStatus(at: Date, calendar: OfficeCalendar): OfficeStatus {
  return { open: isOfficeHours(at, calendar), holiday: holidayOn(at, calendar), closure: closureOn(at, calendar), nextOpening: nextOpening(at, calendar), today: parisTime(at).date };
}

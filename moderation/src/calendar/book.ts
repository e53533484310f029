/**
 * The office calendar in force, kept in the settings table: read by every worker (the
 * dashboard, the escalation), edited by administrators in the console, each edit audited.
 */
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { HubError } from '../errors.ts';
import { readSettingRow, writeSetting } from '../settings/store.ts';
import { DEFAULT_CALENDAR, parseCalendar, type OfficeCalendar } from './calendar.ts';
import { holidaysOf, REGION_CODES, type PublicHoliday, type Region } from './holidays.ts';
import { isOfficeHours, officeStatus, type OfficeStatus } from './office-hours.ts';
import type { Clock } from '../clock.ts';

export const CALENDAR_SETTING = 'office_calendar';

export interface StoredCalendar {
  calendar: OfficeCalendar;
  /** null while the default is in force. */
  updatedAt: string | null;
  updatedBy: string | null;
}

export function createCalendarBook({ db, clock, log }: { db: Db; clock: Clock; log?: (message: string) => void }) {
  // The parsed calendar of the last stored text: validation runs once per edit, not per call.
  let cached: { text: string; calendar: OfficeCalendar } | null = null;

  async function stored(): Promise<StoredCalendar> {
    const row = await readSettingRow<unknown>(db, CALENDAR_SETTING);
    if (!row) return { calendar: DEFAULT_CALENDAR, updatedAt: null, updatedBy: null };
    const text = JSON.stringify(row.value);
    if (cached?.text !== text) {
      try {
        cached = { text, calendar: parseCalendar(row.value) };
      } catch (error) {
        // Only a hand edit of the database gets here; the office must still open and close.
        log?.(`stored office calendar is invalid, default used: ${(error as Error).message}`);
        cached = { text, calendar: DEFAULT_CALENDAR };
      }
    }
    return { calendar: cached.calendar, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }

  /** The calendar in force (Monday to Friday 9:00–18:00 until an administrator saves one). */
  async function current(): Promise<OfficeCalendar> {
    return (await stored()).calendar;
  }

  /** Validates and saves `calendar` (HubError INVALID_CALENDAR in French otherwise). */
  async function save(calendar: unknown, actor: string): Promise<OfficeCalendar> {
    const valid = parseCalendar(calendar);
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      const before = await readSettingRow<unknown>(trx, CALENDAR_SETTING);
      await writeSetting(trx, CALENDAR_SETTING, valid, { actor, at });
      await audit(trx, { actor, action: 'office_calendar.save', targetType: 'settings', targetId: CALENDAR_SETTING, before: before?.value ?? DEFAULT_CALENDAR, after: valid, at });
    });
    return valid;
  }

  async function isOpenNow(): Promise<boolean> {
    return isOfficeHours(clock(), await current());
  }

  async function statusNow(): Promise<OfficeStatus> {
    return officeStatus(clock(), await current());
  }

  /** Public holidays of `year`: for `region` when given (null: national only), else the calendar's region. */
  async function holidays(year: number, region?: string | null): Promise<PublicHoliday[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HubError('INVALID_INPUT', { message: 'Année invalide : entre 2000 et 2100.' });
    if (region === undefined) return holidaysOf(year, (await current()).region);
    if (region === null || region === '') return holidaysOf(year, null);
    if (!REGION_CODES.includes(region as Region)) throw new HubError('INVALID_CALENDAR', { message: 'Région inconnue.' });
    return holidaysOf(year, region as Region);
  }

  return { current, stored, save, isOpenNow, statusNow, holidays };
}

export type CalendarBook = ReturnType<typeof createCalendarBook>;

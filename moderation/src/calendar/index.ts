export { createCalendarBook, CALENDAR_SETTING, type CalendarBook, type StoredCalendar } from './book.ts';
export { DEFAULT_CALENDAR, WEEKDAYS, WEEKDAY_LABELS, parseCalendar, type Closure, type OfficeCalendar, type TimeRange, type Weekday } from './calendar.ts';
export { REGIONS, REGION_CODES, holidaysOf, regionLabel, type PublicHoliday, type Region } from './holidays.ts';
export { closureOn, holidayOn, isOfficeHours, nextOpening, officeStatus, type OfficeStatus } from './office-hours.ts';
export { describeStatus } from './describe.ts';
export { parisTime, type ParisTime } from '@hub/integrations/paris-time';

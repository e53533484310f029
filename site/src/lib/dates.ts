/** Dates as tenants read them: French, in Paris time, whatever the server's zone. */
const TIME_ZONE = 'Europe/Paris';

const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: TIME_ZONE });
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE });
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: TIME_ZONE });

/** A Strapi `date` ("2026-12-08") is a calendar day: read it at noon UTC so no zone shifts it. */
function toDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

export const formatDate = (value: string) => longDate.format(toDate(value));
export const formatDateTime = (value: string) => dateTime.format(toDate(value));
export const formatMonth = (value: string) => monthYear.format(toDate(value));

/** « du 8 décembre 2026 au 12 décembre 2026 », « à partir du … », or an empty string. */
export function formatPeriod(from?: string | null, to?: string | null): string {
  if (from && to) return `du ${formatDate(from)} au ${formatDate(to)}`;
  if (from) return `à partir du ${formatDate(from)}`;
  if (to) return `jusqu’au ${formatDate(to)}`;
  return '';
}

/** For <time datetime>: the calendar day in Paris. */
export function isoDay(value: string): string {
  return toDate(value).toLocaleDateString('sv-SE', { timeZone: TIME_ZONE });
}

/** Dates as tenants read them: French, in Paris time, whatever the server's zone. */
import { frenchDate, frenchDateTime, frenchMonth, parisDay } from '@hub/integrations/paris-time';

/** A Strapi `date` ("2026-12-08") is a calendar day: read it at noon UTC so no zone shifts it. */
function toDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

export const formatDate = (value: string) => frenchDate(toDate(value));
export const formatDateTime = (value: string) => frenchDateTime(toDate(value));
export const formatMonth = (value: string) => frenchMonth(toDate(value));

/** « du 8 décembre 2026 au 12 décembre 2026 », « à partir du … », or an empty string. */
export function formatPeriod(from?: string | null, to?: string | null): string {
  if (from && to) return `du ${formatDate(from)} au ${formatDate(to)}`;
  if (from) return `à partir du ${formatDate(from)}`;
  if (to) return `jusqu’au ${formatDate(to)}`;
  return '';
}

/** For <time datetime>: the calendar day in Paris. */
export function isoDay(value: string): string {
  return parisDay(toDate(value));
}

import { addDays, parisDay as dayOf, parisInstant } from '@hub/integrations/paris-time';

/** The daily digest's times, in Paris (summer and winter time from the shared Paris-time module). */

/** The Paris calendar day of an instant, `YYYY-MM-DD`. */
export function parisDay(at: number): string {
  return dayOf(new Date(at));
}

/** The instant of `hour`:00 Paris time on `day`. */
export function parisTime(day: string, hour: number): number {
  return parisInstant(day, hour * 60).getTime();
}

/** The latest digest time at or before `now`: today's at `hour` if it has passed, else yesterday's. */
export function latestDigestTime(now: number, hour: number): { day: string; at: number } {
  const today = parisDay(now);
  const at = parisTime(today, hour);
  if (at <= now) return { day: today, at };
  const yesterday = addDays(today, -1);
  return { day: yesterday, at: parisTime(yesterday, hour) };
}

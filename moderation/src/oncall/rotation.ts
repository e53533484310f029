/**
 * The weekly rotation rule, pure. A rotation week starts on Monday at 09:00, Paris time, and
 * ends the next Monday at 09:00 (the hand-over happens at the start of a working day, not at
 * midnight on Sunday). Weeks are numbered from a fixed anchor, Monday 1 January 2024 09:00, so
 * that the order does not depend on when the service started: in week n, the active members of
 * a level, in rotation order, are on call in turn: member n mod (number of active members).
 * Adding, removing, deactivating or moving a member therefore changes who is on call from now on.
 * The switch stays on Monday 09:00 even when that Monday is a public holiday.
 */
import { addDays, daysBetween, parisInstant, parisTime } from '@hub/integrations/paris-time';

export const ROTATION_ANCHOR = '2024-01-01';
/** 09:00, in minutes after midnight. */
export const SWITCH_MINUTES = 9 * 60;

export interface RotationWeek {
  /** Weeks since the anchor (negative before it). */
  index: number;
  /** The Paris Monday the week starts on, YYYY-MM-DD. */
  monday: string;
  /** Monday 09:00 Paris. */
  start: Date;
  /** The next Monday 09:00 Paris (excluded). */
  end: Date;
}

export function rotationWeek(at: Date): RotationWeek {
  const paris = parisTime(at);
  let monday = addDays(paris.date, 1 - paris.weekday);
  if (paris.weekday === 1 && paris.minutes < SWITCH_MINUTES) monday = addDays(monday, -7);
  return weekOf(monday);
}

/** The rotation week `weeks` after `week` (before it when negative). */
export function shiftWeek(week: RotationWeek, weeks: number): RotationWeek {
  return weekOf(addDays(week.monday, 7 * weeks));
}

function weekOf(monday: string): RotationWeek {
  return {
    index: Math.round(daysBetween(ROTATION_ANCHOR, monday) / 7),
    monday,
    start: parisInstant(monday, SWITCH_MINUTES),
    end: parisInstant(addDays(monday, 7), SWITCH_MINUTES),
  };
}

/** Whose turn it is in week `index`, among `members` already in rotation order (null if none). */
export function turnOf<T>(members: readonly T[], index: number): T | null {
  if (!members.length) return null;
  return members[((index % members.length) + members.length) % members.length]!;
}

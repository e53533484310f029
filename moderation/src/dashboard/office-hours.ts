/**
 * Whether an instant falls in the landlord's office hours: Monday to Friday, 9:00 to 18:00,
 * Paris time. (The full calendar — public holidays, closures — comes with the on-call work.)
 */
const weekdayHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', hourCycle: 'h23' });

export function isOfficeHours(at: Date): boolean {
  const parts = Object.fromEntries(weekdayHour.formatToParts(at).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  return !['Sat', 'Sun'].includes(parts.weekday!) && hour >= 9 && hour < 18;
}

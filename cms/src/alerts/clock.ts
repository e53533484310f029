/**
 * Paris wall-clock arithmetic for the daily digest, without a time-zone library: the offset is
 * read from Intl at the instant concerned, so summer and winter time both come out right.
 */
const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parisParts(at: number) {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), mi: Number(parts.minute), s: Number(parts.second) };
}

/** Paris minus UTC at that instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffsetMs(at: number): number {
  const p = parisParts(at);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(at / 1000) * 1000;
}

/** The Paris calendar day of an instant, `YYYY-MM-DD`. */
export function parisDay(at: number): string {
  const p = parisParts(at);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** The instant of `hour`:00 Paris time on `day`. */
export function parisTime(day: string, hour: number): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  let at = wall - parisOffsetMs(wall);
  at = wall - parisOffsetMs(at);
  return at;
}

function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The latest digest time at or before `now`: today's at `hour` if it has passed, else yesterday's. */
export function latestDigestTime(now: number, hour: number): { day: string; at: number } {
  const today = parisDay(now);
  const at = parisTime(today, hour);
  if (at <= now) return { day: today, at };
  const yesterday = previousDay(today);
  return { day: yesterday, at: parisTime(yesterday, hour) };
}

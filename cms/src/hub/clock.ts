/**
 * The CMS process's one clock for the hub's own code: sending, alerts and digests, subscription
 * links and limits, signed notices. Created once in `src/index.ts` from the configuration; tests
 * that need a later day move it with HUB_CLOCK_SHIFT_HOURS, and every part moves together.
 * Strapi's own timestamps (publishedAt, updatedAt) stay Strapi's.
 */
export type Clock = () => Date;

export function createClock(shiftHours: number): Clock {
  const shiftMs = shiftHours * 3_600_000;
  return () => new Date(Date.now() + shiftMs);
}

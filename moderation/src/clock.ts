/**
 * The service's time. One clock per process, chosen where the process is wired (`main.ts`: the
 * system clock; tests: a clock they set and move). Everything the service computes from the time
 * of day — sessions and their cookies, leases, office hours, rotations, signatures, purges — reads
 * this clock, never `Date.now()` or `new Date()`: mixing the two makes a session born expired as
 * soon as a test's chosen day is in the past.
 */
export type Clock = () => Date;

/** The real time, for the process's composition root only. */
export const systemClock: Clock = () => new Date();

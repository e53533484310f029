import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * One id per request, carried from the site to the moderation service in `X-Request-Id` and
 * written in every log line of both (docs/ops/README.md, « Journaux »): what the landlord's
 * support needs to follow one visitor's comment from the site's log to moderation's.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

const VALID = /^[A-Za-z0-9._-]{8,64}$/;

/** The caller's id when it is a plausible one (a proxy's, the site's), else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && VALID.test(given) ? given : randomUUID();
}

// One store per process, even when a bundler copies this module (the site's Astro build does):
// the server that sets the id and the code that reads it must share it.
const KEY = Symbol.for('hub.request-id');
const holder = globalThis as { [KEY]?: AsyncLocalStorage<string> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<string>());

/** Runs `work` with `id` as the current request's id. */
export const withRequestId = <T>(id: string, work: () => T): T => storage.run(id, work);

/** The current request's id, or undefined outside a request (workers, timers). */
export const currentRequestId = (): string | undefined => storage.getStore();

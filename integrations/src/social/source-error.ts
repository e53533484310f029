/**
 * What the social adapters throw: the kind of failure (so a poller can wait out a rate limit,
 * mark a token broken or just try again) and the answer's headers. Never carries a token.
 */
import type { RateLimitHeaders } from '../rate-limit/wait.ts';

export type SourceErrorKind = 'rate_limit' | 'auth' | 'transient' | 'other';

export class SourceError extends Error {
  readonly kind: SourceErrorKind;
  readonly headers: RateLimitHeaders;

  constructor(kind: SourceErrorKind, message: string, headers: Record<string, unknown> | null | undefined = undefined) {
    super(message);
    this.name = 'SourceError';
    this.kind = kind;
    this.headers = headersOf(headers);
  }
}

/** Plain header objects (axios, twitter-api-v2) as a `get(name)` view. */
export function headersOf(headers: Record<string, unknown> | null | undefined): RateLimitHeaders {
  return {
    get: (name) => {
      const value = headers?.[name] ?? headers?.[name.toLowerCase()];
      if (value === undefined || value === null) return undefined;
      return Array.isArray(value) ? String(value[0]) : String(value);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries transient failures (5xx) a few times with a short backoff; anything else is thrown at once. */
export async function retryTransient<T>(call: () => Promise<T>, attempts = 3, baseMs = 50): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SourceError) || error.kind !== 'transient' || attempt + 1 >= attempts) throw error;
      await sleep(baseMs * 2 ** attempt);
    }
  }
}

/**
 * How long a connector must wait after a network said « too many requests », read from the
 * answer's own headers: X's `x-rate-limit-reset` (epoch seconds), the standard `retry-after`
 * (seconds or an HTTP date), Meta's usage headers (`estimated_time_to_regain_access`, minutes).
 * Falls back to a capped exponential backoff when the answer says nothing.
 */
export interface RateLimitHeaders {
  get(name: string): string | null | undefined;
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

const MINUTE = 60_000;

function fromRetryAfter(value: string, now: number): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at - now;
}

function fromMetaUsage(value: string): number | undefined {
  try {
    const usage = JSON.parse(value) as Record<string, unknown>;
    const entries = Object.values(usage).flatMap((v) => (Array.isArray(v) ? v : [v]));
    const minutes = entries
      .map((e) => (e && typeof e === 'object' ? Number((e as Record<string, unknown>).estimated_time_to_regain_access) : NaN))
      .filter((m) => Number.isFinite(m));
    return minutes.length ? Math.max(...minutes) * MINUTE : undefined;
  } catch {
    return undefined;
  }
}

export function rateLimitWaitMs(headers: RateLimitHeaders, now: number, attempt: number): number {
  const candidates: (number | undefined)[] = [];
  const reset = headers.get('x-rate-limit-reset');
  if (reset && /^\d+$/.test(reset)) candidates.push(Number(reset) * 1000 - now);
  const retryAfter = headers.get('retry-after');
  if (retryAfter) candidates.push(fromRetryAfter(retryAfter.trim(), now));
  for (const name of ['x-business-use-case-usage', 'x-page-usage', 'x-app-usage']) {
    const value = headers.get(name);
    if (value) candidates.push(fromMetaUsage(value));
  }
  const known = candidates.filter((c): c is number => c !== undefined);
  if (known.length) return Math.max(0, ...known);
  return Math.min(15 * MINUTE, 1000 * 2 ** Math.max(0, attempt));
}

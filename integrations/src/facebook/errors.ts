/**
 * What a Graph API error means for the hub, in one table for reading (facebook/source.ts) and
 * writing (outbound/facebook.ts): the two once disagreed (80001 a rate limit for one only).
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
export type GraphErrorKind = 'rate_limit' | 'auth' | 'gone' | 'transient' | 'other';

/** The SDK's FacebookRequestError, as far as the hub reads it. */
interface SdkError {
  name?: string;
  status?: number | null;
  message?: string;
  response?: { code?: number; error_subcode?: number; is_transient?: boolean; message?: string } | null;
  headers?: Record<string, unknown> | null;
}

export interface GraphError {
  kind: GraphErrorKind;
  /** Graph's error code (-1 when the request never got an answer). */
  code: number;
  subcode: number | null;
  status: number | null;
  /** Graph's own words, without the token. */
  detail: string;
  headers: Record<string, unknown> | null;
  /** The request got no answer from Graph (network, DNS, timeout). */
  unreached: boolean;
}

/** Application, user, Page and ad-account request limits (4, 17, 32, 613, 80001…). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001]);
/** The access token expired, was revoked, or the session is invalid. */
const AUTH_CODES = new Set([190, 102]);
/** The object no longer exists (or cannot be seen with this token). */
const GONE_CODES = new Set([100]);

export function readGraphError(error: unknown): GraphError {
  const e = error as SdkError;
  if (e?.name !== 'FacebookRequestError') {
    return { kind: 'transient', code: -1, subcode: null, status: null, detail: e?.message ?? String(error), headers: null, unreached: true };
  }
  const code = e.response?.code ?? -1;
  const status = e.status ?? null;
  const base = { code, subcode: e.response?.error_subcode ?? null, status, detail: e.response?.message ?? e.message ?? '', headers: e.headers ?? null, unreached: false };
  if (RATE_LIMIT_CODES.has(code)) return { kind: 'rate_limit', ...base };
  if (AUTH_CODES.has(code)) return { kind: 'auth', ...base };
  if ((status ?? 0) >= 500 || status === 0 || e.response?.is_transient === true || code === 1 || code === 2) return { kind: 'transient', ...base };
  if (GONE_CODES.has(code)) return { kind: 'gone', ...base };
  return { kind: 'other', ...base };
}

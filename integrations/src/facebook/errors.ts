/**
 * What a Graph API error means for the hub, in one table for reading (read.ts) and writing
 * (write.ts): the two once disagreed (80001 a rate limit for one only).
 * https://developers.facebook.com/docs/graph-api/guides/error-handling
 */
import { IntegrationError } from '../errors/index.ts';

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

/** For the readers (polling): what the poller does depends on the kind. */
/** The SDK's error as an IntegrationError (no token in the message). */
export function classifyFacebookError(error: unknown): IntegrationError {
  const found = readGraphError(error);
  if (found.unreached) return new IntegrationError(`Facebook : ${found.detail}`, { kind: 'transient' });
  const message = `Facebook ${found.status ?? '?'} (code ${found.code}${found.subcode ? `/${found.subcode}` : ''}) : ${found.detail}`;
  const kind = found.kind === 'gone' ? 'other' : found.kind;
  return new IntegrationError(message, { kind, headers: found.headers });
}

/** For the writers (the outbox): French message, retryable or not. */
/** Graph's refusal as an `IntegrationError` (French message, retryable or not). */
export function facebookFailure(error: unknown): IntegrationError {
  const found = readGraphError(error);
  if (found.unreached) return new IntegrationError(`Facebook injoignable : ${found.detail}`, { kind: 'transient', cause: error });
  if (found.kind === 'rate_limit') return new IntegrationError(`Facebook limite les appels (code ${found.code}).`, { kind: 'rate_limit', retryAfterMs: 60_000, cause: error });
  // Kept in the outbox, tried again: the action waits for a person to renew the Page's token.
  if (found.kind === 'auth') return new IntegrationError(`Le jeton de la Page a expiré ou est invalide : ${found.detail}`, { kind: 'auth', retryable: true, cause: error });
  return new IntegrationError(`Facebook a répondu ${found.status || '?'} : ${found.detail}`, { kind: found.kind === 'transient' ? 'transient' : 'refused', responseCode: found.status || undefined, cause: error });
}

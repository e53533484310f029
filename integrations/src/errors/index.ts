/**
 * The one error the hub's connectors throw when the world outside fails them: a social network,
 * the SMTP server, the CRM, the on-call webhook. Callers decide from `kind` (wait out a rate
 * limit, mark a token broken) and `retryable` (try again later, or give up and tell a person);
 * `retryAfterMs` when the other side said when. The message is French, for the console, and never
 * carries a token or a password.
 */
import { headersOf, type RateLimitHeaders } from '../rate-limit/wait.ts';

export type FailureKind = 'rate_limit' | 'auth' | 'transient' | 'refused' | 'other';

export interface IntegrationErrorOptions {
  /** What went wrong; without it, `retryable` says it: transient, or refused. */
  kind?: FailureKind;
  /** Whether trying again later may help; by default, for a rate limit or a transient failure. */
  retryable?: boolean;
  retryAfterMs?: number;
  /** The answer's headers (rate-limit budgets), when there was an answer. */
  headers?: Record<string, unknown> | null;
  /** The SMTP or HTTP status of the answer, when there was one. */
  responseCode?: number;
  cause?: unknown;
}

export class IntegrationError extends Error {
  readonly kind: FailureKind;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly headers: RateLimitHeaders;
  readonly responseCode: number | undefined;

  constructor(message: string, options: IntegrationErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'IntegrationError';
    this.kind = options.kind ?? (options.retryable ? 'transient' : 'refused');
    this.retryable = options.retryable ?? (this.kind === 'rate_limit' || this.kind === 'transient');
    this.retryAfterMs = options.retryAfterMs;
    this.headers = headersOf(options.headers);
    this.responseCode = options.responseCode;
  }
}

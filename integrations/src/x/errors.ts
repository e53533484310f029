/**
 * X's refusals (twitter-api-v2's ApiResponseError) as the hub's IntegrationError, in one place:
 * for the reader (the poller waits out a rate limit, marks a token broken) and for the writer
 * (the outbox tries again or gives up). Never a token in the message.
 */
import { ApiResponseError } from 'twitter-api-v2';
import { IntegrationError } from '../errors/index.ts';

/** For the reader: the kind decides what the poller does. */
export function classifyXError(error: unknown): IntegrationError {
  if (error instanceof ApiResponseError) {
    const message = `X ${error.code} : ${error.data?.title ?? error.message}`;
    const headers = error.headers as Record<string, unknown>;
    if (error.rateLimitError || error.code === 429) return new IntegrationError(message, { kind: 'rate_limit', headers });
    if (error.code === 401 || error.code === 403) return new IntegrationError(message, { kind: 'auth', headers });
    if (error.code >= 500) return new IntegrationError(message, { kind: 'transient', headers });
    return new IntegrationError(message, { kind: 'other', headers });
  }
  return new IntegrationError(`X : ${error instanceof Error ? error.message : String(error)}`, { kind: 'transient' });
}

/** For the writer: French message, retryable or not, and when X says it may be tried again. */
export function xFailure(error: unknown): IntegrationError {
  if (error instanceof ApiResponseError) {
    if (error.rateLimitError) {
      const reset = error.rateLimit?.reset;
      return new IntegrationError('X limite les appels.', { kind: 'rate_limit', retryAfterMs: reset ? Math.max(0, reset * 1000 - Date.now()) : 60_000, cause: error });
    }
    const detail = (error.data as { detail?: string; title?: string })?.detail ?? error.message;
    const retryable = error.code >= 500 || error.code === 401;
    return new IntegrationError(`X a répondu ${error.code} : ${detail}`, { kind: error.code === 401 ? 'auth' : retryable ? 'transient' : 'refused', retryable, responseCode: error.code, cause: error });
  }
  return new IntegrationError(`X injoignable : ${error instanceof Error ? error.message : String(error)}`, { kind: 'transient', cause: error });
}

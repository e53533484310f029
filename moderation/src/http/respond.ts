import type { ServerResponse } from 'node:http';
import { ERRORS, HubError } from '../errors.ts';

const STATUS: Partial<Record<keyof typeof ERRORS, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  DUPLICATE: 409,
  CLAIM_NOT_FOUND: 404,
  CLAIM_SIGNATURE_INVALID: 401,
  CLAIM_TRANSITION: 409,
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** A plain-text answer (a webhook handshake, an acknowledgement). */
export function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

/** A user-caused failure as `{ error: { code, message } }` in French; anything else as INTERNAL. */
export function sendError(res: ServerResponse, error: unknown, log: (e: unknown) => void) {
  if (error instanceof HubError) {
    sendJson(res, STATUS[error.code] ?? 400, { error: { code: error.code, message: error.publicMessage } });
    return;
  }
  log(error);
  sendJson(res, 500, { error: { code: 'INTERNAL', message: ERRORS.INTERNAL } });
}

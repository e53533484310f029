import { timingSafeEqual } from 'node:crypto';
import { signNotice } from '@hub/integrations/site-notice';

/**
 * The hub ↔ CRM signature, both ways: `X-Hub-Timestamp` (milliseconds since the epoch) and
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. The timestamp
 * is inside the signature so that a captured request cannot be replayed later than ±5 minutes.
 */
export const MAX_SKEW_MS = 5 * 60_000;

/** The same signature as the hub's other signed notices (site cache, on-call webhook). */
export const signClaimBody = signNotice;

/** The headers of a signed request. */
export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(now.getTime());
  return { 'x-hub-timestamp': timestamp, 'x-hub-signature-256': signClaimBody(secret, timestamp, body) };
}

export type SignatureCheck = { ok: true } | { ok: false; detail: string };

/** Checks the timestamp window and the signature, in constant time. */
export function checkClaimSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: string, now: number): SignatureCheck {
  if (!secret) return { ok: false, detail: 'CLAIMS_WEBHOOK_SECRET not set' };
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return { ok: false, detail: 'missing timestamp' };
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, detail: 'timestamp out of window' };
  const expected = Buffer.from(signClaimBody(secret, timestamp, body));
  const given = Buffer.from(signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, detail: 'bad signature' };
  return { ok: true };
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hub's one signature for what crosses processes (CMS → site, CMS → moderation, hub ↔ CRM,
 * on-call webhooks): `X-Hub-Timestamp` (milliseconds since the epoch) and
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. The timestamp
 * is inside the signature, so a captured request cannot be replayed beyond ±5 minutes.
 */
export const MAX_SKEW_MS = 5 * 60_000;

export const TIMESTAMP_HEADER = 'x-hub-timestamp';
export const SIGNATURE_HEADER = 'x-hub-signature-256';

export function signBody(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The headers of a signed request sent at `now`. */
export function signedHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(now.getTime());
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signBody(secret, timestamp, body) };
}

export type SignatureCheck = { ok: true } | { ok: false; detail: string };

export interface SignedRequest {
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  body: string;
}

/** The timestamp window, then the signature in constant time. `detail` is for the logs, never for the caller. */
export function checkSignature(secret: string, request: SignedRequest, now: number): SignatureCheck {
  if (!secret) return { ok: false, detail: 'secret not set' };
  const { timestamp, signature, body } = request;
  if (!timestamp || !/^\d{1,16}$/.test(timestamp)) return { ok: false, detail: 'missing timestamp' };
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, detail: 'timestamp out of window' };
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, detail: 'bad signature' };
  return { ok: true };
}

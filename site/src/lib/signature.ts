import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_SKEW_MS = 5 * 60 * 1000;

export function sign(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * Checks a change notice from the CMS: HMAC of `timestamp.body` with the shared secret, and a
 * timestamp within five minutes so a captured notice cannot be replayed later.
 */
export function verifyNotice(
  secret: string,
  notice: { timestamp: string | null; signature: string | null; body: string },
  now: number,
): boolean {
  if (!secret || !notice.timestamp || !notice.signature) return false;
  const at = Number(notice.timestamp);
  if (!Number.isFinite(at) || Math.abs(now - at) > MAX_SKEW_MS) return false;
  const expected = Buffer.from(sign(secret, notice.timestamp, notice.body));
  const given = Buffer.from(notice.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

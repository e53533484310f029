import crypto from 'node:crypto';

/**
 * Signed links: `base64url(JSON payload).base64url(HMAC-SHA256)`. The payload is not secret
 * (an id, a topic, an expiry) but cannot be changed without the key, so a link can be neither
 * forged nor bent to another subscriber or topic.
 */
export type TokenPayload =
  /** Confirm one subscription (double opt-in); `x` = expiry, epoch seconds. */
  | { p: 'confirm'; s: number; t: string; x: number }
  /** Unsubscribe from one topic. No expiry: RFC 8058 links must keep working. */
  | { p: 'unsubscribe'; s: number; t: string }
  /** The preferences page of one subscriber; `x` = expiry, epoch seconds. */
  | { p: 'preferences'; s: number; x: number };

export type TokenPurpose = TokenPayload['p'];

export type TokenCheck<P extends TokenPurpose> =
  | { ok: true; payload: Extract<TokenPayload, { p: P }> }
  | { ok: false; reason: 'invalid' | 'expired' };

const TOKEN_MAX = 1000;

function mac(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('base64url');
}

export function signToken(secret: string, payload: TokenPayload): string {
  if (!secret) throw new Error('HUB_SUBSCRIPTION_SECRET is empty: links cannot be signed');
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** Checks the signature first, then the purpose, then the expiry against `now`. */
export function verifyToken<P extends TokenPurpose>(secret: string, token: unknown, purpose: P, now: Date): TokenCheck<P> {
  if (!secret || typeof token !== 'string' || token.length > TOKEN_MAX) return { ok: false, reason: 'invalid' };
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (payload.p !== purpose || !Number.isSafeInteger(payload.s) || (payload.s as number) <= 0) return { ok: false, reason: 'invalid' };
  if ('t' in payload && typeof payload.t !== 'string') return { ok: false, reason: 'invalid' };
  if (purpose !== 'unsubscribe') {
    if (typeof payload.x !== 'number') return { ok: false, reason: 'invalid' };
    if (payload.x * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  }
  return { ok: true, payload: payload as Extract<TokenPayload, { p: P }> };
}

/** Epoch seconds `hours` after `now`. */
export function expiryAfter(now: Date, hours: number): number {
  return Math.floor(now.getTime() / 1000) + Math.round(hours * 3600);
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link stands for: this crisis, paged to this person at this level. */
export interface AckClaim {
  crisisId: string;
  memberId: string;
  level: number;
}

/** A link read back: its claim and when it stops working (epoch 0 for a link signed before links expired). */
export interface ReadAckClaim extends AckClaim {
  expiresAt: Date;
}

/** How long an acknowledgement link works by default (ONCALL_ACK_LINK_HOURS). */
export const ACK_LINK_HOURS = 72;

/**
 * The token of an acknowledgement link: the claim, its expiry (seconds since the epoch) and
 * their HMAC with the service's secret. It also stops working when the crisis is closed.
 */
export function ackToken(secret: string, claim: AckClaim, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify([claim.crisisId, claim.memberId, claim.level, Math.floor(expiresAt.getTime() / 1000)])).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/** The claim of a well-signed token (expired or not: the caller says which), or null. */
export function readAckToken(secret: string, token: string): ReadAckClaim | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined || token.length > 600) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [crisisId, memberId, level, expires] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, string, number, number | undefined];
    if (typeof crisisId !== 'string' || typeof memberId !== 'string' || typeof level !== 'number') return null;
    if (expires !== undefined && !Number.isSafeInteger(expires)) return null;
    return { crisisId, memberId, level, expiresAt: new Date((expires ?? 0) * 1000) };
  } catch {
    return null;
  }
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`ack.${body}`).digest('base64url');
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link stands for: this crisis, paged to this person at this level. */
export interface AckClaim {
  crisisId: string;
  memberId: string;
  level: number;
}

/**
 * The token of an acknowledgement link: the claim and its HMAC with the service's secret. It does
 * not expire on its own; it stops working when the crisis is closed.
 */
export function ackToken(secret: string, claim: AckClaim): string {
  const body = Buffer.from(JSON.stringify([claim.crisisId, claim.memberId, claim.level])).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function readAckToken(secret: string, token: string): AckClaim | null {
  const [body, signature] = token.split('.');
  if (!body || !signature || token.length > 600) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [crisisId, memberId, level] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as [string, string, number];
    return typeof crisisId === 'string' && typeof memberId === 'string' && typeof level === 'number' ? { crisisId, memberId, level } : null;
  } catch {
    return null;
  }
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`ack.${body}`).digest('base64url');
}

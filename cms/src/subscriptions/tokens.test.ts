import { describe, expect, it } from 'vitest';
import { expiryAfter, signToken, verifyToken } from './tokens';

const secret = 'test-secret';
const now = new Date('2025-06-01T10:00:00Z');

describe('signed links', () => {
  it('round-trips a confirmation until it expires', () => {
    const token = signToken(secret, { p: 'confirm', s: 7, t: 'newsletter', x: expiryAfter(now, 48) });
    expect(verifyToken(secret, token, 'confirm', now)).toEqual({ ok: true, payload: { p: 'confirm', s: 7, t: 'newsletter', x: expiryAfter(now, 48) } });
    expect(verifyToken(secret, token, 'confirm', new Date(now.getTime() + 49 * 3600_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another key, another purpose, a changed payload, garbage', () => {
    const token = signToken(secret, { p: 'unsubscribe', s: 7, t: 'newsletter' });
    expect(verifyToken(secret, token, 'unsubscribe', now).ok).toBe(true);
    expect(verifyToken('other', token, 'unsubscribe', now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyToken(secret, token, 'confirm', now)).toEqual({ ok: false, reason: 'invalid' });
    const [, mac] = token.split('.');
    const bent = Buffer.from(JSON.stringify({ p: 'unsubscribe', s: 8, t: 'newsletter' })).toString('base64url');
    expect(verifyToken(secret, `${bent}.${mac}`, 'unsubscribe', now)).toEqual({ ok: false, reason: 'invalid' });
    for (const junk of ['', 'a.b', 'a.b.c', 42, null, 'x'.repeat(2000)]) expect(verifyToken(secret, junk, 'unsubscribe', now).ok).toBe(false);
  });

  it('never signs nor accepts with an empty secret', () => {
    expect(() => signToken('', { p: 'unsubscribe', s: 1, t: 'newsletter' })).toThrow();
    expect(verifyToken('', 'a.b', 'unsubscribe', now).ok).toBe(false);
  });
});

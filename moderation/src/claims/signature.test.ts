import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, signBody, signedHeaders } from './signature.ts';

const SECRET = 'grc-secret';
const body = JSON.stringify({ reference: 'REC-2026-000001', status: 'en_cours' });
const now = Date.parse('2026-11-28T22:00:00Z');

describe('the hub ↔ CRM signature', () => {
  it('is sha256=HMAC(secret, timestamp + "." + body), as a receiver computes it', () => {
    const headers = signedHeaders(SECRET, body, new Date(now));
    expect(headers['x-hub-timestamp']).toBe(String(now));
    const expected = 'sha256=' + createHmac('sha256', SECRET).update(`${now}.${body}`).digest('hex');
    expect(headers['x-hub-signature-256']).toBe(expected);
  });

  it('accepts a fresh signed update', () => {
    const ts = String(now - 60_000);
    expect(checkSignature(SECRET, { timestamp: ts, signature: signBody(SECRET, ts, body), body }, now)).toEqual({ ok: true });
  });

  it.each([
    ['no secret configured', '', String(now), () => signBody(SECRET, String(now), body), body],
    ['no timestamp', SECRET, undefined, () => signBody(SECRET, String(now), body), body],
    ['a timestamp 6 minutes old', SECRET, String(now - 6 * 60_000), () => signBody(SECRET, String(now - 6 * 60_000), body), body],
    ['a wrong secret', SECRET, String(now), () => signBody('other', String(now), body), body],
    ['a tampered body', SECRET, String(now), () => signBody(SECRET, String(now), body), body.replace('en_cours', 'resolue')],
    ['no signature', SECRET, String(now), () => undefined, body],
  ])('refuses %s', (_, secret, ts, sign, sent) => {
    expect(checkSignature(secret, { timestamp: ts, signature: sign(), body: sent }, now).ok).toBe(false);
  });
});

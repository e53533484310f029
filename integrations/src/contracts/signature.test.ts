import { describe, expect, it } from 'vitest';
import { checkSignature, signBody, signedHeaders } from './signature.ts';

const secret = 's3cret';
const now = Date.parse('2026-11-28T10:00:00Z');
const body = '{"model":"api::article.article","action":"publish"}';
const timestamp = String(now - 1000);

describe('the hub’s signature of what crosses processes', () => {
  it('signs the headers a receiver checks', () => {
    const headers = signedHeaders(secret, body, new Date(now));
    expect(checkSignature(secret, { timestamp: headers['x-hub-timestamp'], signature: headers['x-hub-signature-256'], body }, now)).toEqual({ ok: true });
  });
  it('accepts a fresh notice signed with the shared secret', () => {
    expect(checkSignature(secret, { timestamp, signature: signBody(secret, timestamp, body), body }, now).ok).toBe(true);
  });
  it.each([
    ['another secret', { timestamp, signature: signBody('other', timestamp, body), body }],
    ['a changed body', { timestamp, signature: signBody(secret, timestamp, body), body: body + ' ' }],
    ['no signature', { timestamp, signature: null, body }],
    ['a replay ten minutes later', { timestamp: String(now - 600_000), signature: signBody(secret, String(now - 600_000), body), body }],
    ['a timestamp that is not a number', { timestamp: 'abc', signature: signBody(secret, 'abc', body), body }],
  ])('refuses %s', (_, notice) => {
    expect(checkSignature(secret, notice, now).ok).toBe(false);
  });
  it('refuses everything when no secret is configured', () => {
    expect(checkSignature('', { timestamp, signature: signBody('', timestamp, body), body }, now).ok).toBe(false);
  });
});

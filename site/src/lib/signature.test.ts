import { describe, expect, it } from 'vitest';
import { sign, verifyNotice } from './signature.ts';

const secret = 's3cret';
const now = Date.parse('2026-11-28T10:00:00Z');
const body = '{"model":"api::article.article","action":"publish"}';
const timestamp = String(now - 1000);

describe('verifyNotice', () => {
  it('accepts a fresh notice signed with the shared secret', () => {
    expect(verifyNotice(secret, { timestamp, signature: sign(secret, timestamp, body), body }, now)).toBe(true);
  });
  it.each([
    ['another secret', { timestamp, signature: sign('other', timestamp, body), body }],
    ['a changed body', { timestamp, signature: sign(secret, timestamp, body), body: body + ' ' }],
    ['no signature', { timestamp, signature: null, body }],
    ['a replay ten minutes later', { timestamp: String(now - 600_000), signature: sign(secret, String(now - 600_000), body), body }],
    ['a timestamp that is not a number', { timestamp: 'abc', signature: sign(secret, 'abc', body), body }],
  ])('refuses %s', (_, notice) => {
    expect(verifyNotice(secret, notice, now)).toBe(false);
  });
  it('refuses everything when no secret is configured', () => {
    expect(verifyNotice('', { timestamp, signature: sign('', timestamp, body), body }, now)).toBe(false);
  });
});

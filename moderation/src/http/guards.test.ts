import type { IncomingMessage } from 'node:http';
import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { clientAddress, parseTrustedProxies, siteToken } from './guards.ts';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const request = (token?: string | string[]) => ({ headers: token === undefined ? {} : { 'x-hub-site-token': token } }) as unknown as IncomingMessage;
const refusal = (run: () => void) => {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code?: string; publicMessage?: string }).code + ': ' + (error as { publicMessage?: string }).publicMessage;
  }
};

describe('siteToken', () => {
  it('lets the site in with its token and refuses anything else, in French', () => {
    const guard = siteToken('site-token-for-tests');
    expect(refusal(() => guard(request('site-token-for-tests')))).toBeNull();
    for (const wrong of ['site-token-for-test', 'site-token-for-testsX', '', undefined, ['site-token-for-tests']]) {
      expect(refusal(() => guard(request(wrong)))).toBe('UNAUTHENTICATED: Jeton du site absent ou invalide.');
    }
  });
  it('refuses everyone when no token is configured', () => {
    expect(refusal(() => siteToken('')(request('')))).toMatch(/^UNAUTHENTICATED/);
  });
  it('compares in constant time: timingSafeEqual on two digests of the same length', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    siteToken('site-token-for-tests')(request('site-token-for-tests'));
    refusal(() => siteToken('site-token-for-tests')(request('court')));
    expect(spy).toHaveBeenCalledTimes(2);
    for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
  });
});

describe('clientAddress behind reverse proxies', () => {
  const req = (remoteAddress: string, forwarded?: string | string[]) => ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

  it('reads MODERATION_TRUSTED_PROXIES and refuses a malformed list', () => {
    expect(parseTrustedProxies('')).not.toBeNull();
    expect(parseTrustedProxies(' 10.0.0.1, 192.168.0.0/16 ,fd00::/8')).not.toBeNull();
    for (const bad of ['proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', '::1/129', '10.0.0.0/x']) expect(parseTrustedProxies(bad)).toBeNull();
  });

  it('uses the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(req('203.0.113.9', '198.51.100.1'), parseTrustedProxies('')!)).toBe('203.0.113.9');
    expect(clientAddress(req('::ffff:203.0.113.9'), parseTrustedProxies('')!)).toBe('203.0.113.9');
  });

  it('behind a trusted proxy, takes the right-most address that is not a proxy (a spoofed left part is ignored)', () => {
    const proxies = parseTrustedProxies('10.0.0.0/8, 192.168.1.2')!;
    expect(clientAddress(req('10.0.0.5', '203.0.113.9'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(req('::ffff:10.0.0.5', '1.2.3.4, 203.0.113.9, 192.168.1.2'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.5', ['1.2.3.4', '203.0.113.9']), proxies)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.5'), proxies)).toBe('10.0.0.5');
    expect(clientAddress(req('10.0.0.5', 'pas-une-adresse'), proxies)).toBe('10.0.0.5');
    expect(clientAddress(req('198.51.100.7', '203.0.113.9'), proxies)).toBe('198.51.100.7');
  });
});

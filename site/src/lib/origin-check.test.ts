import { describe, expect, it } from 'vitest';
import { isForbiddenCrossSitePost } from './origin-check.ts';

const site = 'https://www.bailleur.example';
const req = (method: string, path: string, headers: Record<string, string>) => [new Request(site + path, { method, headers, body: method === 'GET' ? undefined : 'x=1' }), new URL(site + path)] as const;

describe('isForbiddenCrossSitePost', () => {
  it.each([
    ['GET', '/contact', {}, false],
    ['POST', '/contact', { 'content-type': 'application/x-www-form-urlencoded', origin: site }, false],
    ['POST', '/contact', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, true],
    ['POST', '/contact', { 'content-type': 'multipart/form-data; boundary=x' }, true],
    ['POST', '/api/revalidate', { 'content-type': 'application/json' }, false],
    ['POST', '/api/revalidate', {}, true],
    // RFC 8058: the mail provider's server posts with no Origin.
    ['POST', '/abonnements/desinscription', { 'content-type': 'application/x-www-form-urlencoded' }, false],
    ['POST', '/abonnements/desinscription/autre', { 'content-type': 'application/x-www-form-urlencoded' }, true],
    ['POST', '/abonnements', { 'content-type': 'application/x-www-form-urlencoded' }, true],
  ])('%s %s %j → %s', (method, path, headers, forbidden) => {
    const [request, url] = req(method, path, headers);
    expect(isForbiddenCrossSitePost(request, url)).toBe(forbidden);
  });
});

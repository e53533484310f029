import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { postSigned } from '@hub/integrations/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * A page the cache holds is sent as stored: compressed once (brotli, gzip), with its length, a
 * strong ETag per encoding and 304 when the browser has it, HEAD without the body, and headers that
 * let a proxy keep it while asking again.
 */
let hub: TestHub;
const article = demoContent.articles[0]!;

/** A raw HTTP exchange (fetch would decompress and hide Content-Length). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const url = new URL(hub.siteUrl + path);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

describe('a cached page', () => {
  it('comes compressed in the encoding asked, with its length, and reads the same', async () => {
    const path = `/articles/${article.slug}`;
    const first = await get(path);
    expect(first.headers['x-cache']).toBe('MISS');
    const plain = await get(path);
    expect(plain.headers['x-cache']).toBe('HIT');
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.toString('utf8')).toContain(article.title);
    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const gzip = await get(path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    for (const answer of [plain, br, gzip]) {
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
    }
    expect(new Set([plain, br, gzip].map((a) => a.headers.etag)).size).toBe(3);
  });

  it('answers 304 to a browser that has this version, and HEAD without the body', async () => {
    const path = `/articles/${article.slug}`;
    const br = await get(path, { 'accept-encoding': 'br' });
    const again = await get(path, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
    expect((await get(path, { 'accept-encoding': 'br', 'if-none-match': '"autre-version"' })).status).toBe(200);
    const head = await get(path, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(br.headers['content-length']);
    expect(head.headers['x-content-type-options']).toBe('nosniff');
  });

  it('is a new version after a publish: the old ETag no longer matches', async () => {
    const path = '/actualites';
    await get(path);
    const before = await get(path);
    expect(before.headers['x-cache']).toBe('HIT');
    // The CMS's notice, signed as the CMS signs it.
    const dropped = await postSigned(`${hub.siteUrl}/api/revalidate`, { model: 'api::article.article', action: 'publish' }, { secret: hub.secrets.HUB_REVALIDATE_SECRET, clock: () => new Date() });
    expect(dropped.delivered).toBe(true);
    const after = await get(path, { 'if-none-match': String(before.headers.etag) });
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.status).toBe(200);
  });
});

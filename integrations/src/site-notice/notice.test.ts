import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSiteNotifier, parseSiteUrls } from './notice.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A site instance's /api/revalidate that records the notices it gets. */
async function siteInstance() {
  const got: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ path: req.url, signed: typeof req.headers['x-hub-signature-256'] === 'string', body: JSON.parse(body) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/revalidate`, got };
}

const clock = () => new Date('2026-12-08T10:00:00Z');
const change = { model: 'api::article.article', action: 'publish', documentId: 'd1' };

describe('the site notice', () => {
  it('reaches every instance listed in SITE_REVALIDATE_URL, signed', async () => {
    const [a, b] = [await siteInstance(), await siteInstance()];
    const notifier = createSiteNotifier(`${a.url}, ${b.url}`, 'secret', { clock });
    expect(await notifier.notify(change)).toBe(true);
    for (const site of [a, b]) expect(site.got).toEqual([{ path: '/api/revalidate', signed: true, body: change }]);
  });

  it('says which instance it could not reach, and still tells the others', async () => {
    const a = await siteInstance();
    const logs: string[] = [];
    const notifier = createSiteNotifier(`http://127.0.0.1:1/api/revalidate,${a.url}`, 'secret', { clock, log: (m) => logs.push(m) });
    expect(await notifier.notify(change)).toBe(false);
    expect(a.got).toHaveLength(1);
    expect(logs).toEqual([expect.stringContaining('not delivered to http://127.0.0.1:1/api/revalidate')]);
  });

  it('reads one URL, a list, or nothing; refuses anything else', () => {
    expect(parseSiteUrls('')).toEqual([]);
    expect(parseSiteUrls('http://10.0.0.1:4321/api/revalidate')).toEqual(['http://10.0.0.1:4321/api/revalidate']);
    expect(parseSiteUrls('http://a:1/x , https://b/x')).toEqual(['http://a:1/x', 'https://b/x']);
    expect(parseSiteUrls('http://a:1/x,pas-une-adresse')).toBeNull();
  });
});

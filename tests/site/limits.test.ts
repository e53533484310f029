import { readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * Request bodies are capped while they stream in: a 10 MB chunked upload without Content-Length
 * is refused (413) long before it ends, and the site's memory stays flat. And a query string
 * cannot fill the page cache (a small one here, a few pages, so that eviction shows).
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ siteEnv: { PAGE_CACHE_MB: '0.25' } });
});
afterAll(async () => {
  await hub?.stop();
});

const TOTAL = 10 * 1024 * 1024;
const CHUNK = 64 * 1024;

/** The site process's resident memory, in bytes. */
function siteRss(): number {
  const status = readFileSync(`/proc/${hub.site.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

interface Outcome {
  status: number;
  body: string;
  /** Bytes written when the answer came. */
  sentWhenAnswered: number;
  elapsedMs: number;
  rssGrowth: number;
}

/** POSTs `TOTAL` bytes in chunks (Transfer-Encoding: chunked, no Content-Length), watching memory. */
function chunkedPost(path: string, headers: Record<string, string>): Promise<Outcome> {
  const url = new URL(hub.siteUrl + path);
  const baseline = siteRss();
  let peak = baseline;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, siteRss());
    } catch {
      // The process is gone: the test fails on the answer.
    }
  }, 10);
  const started = Date.now();
  let sent = 0;
  let answered = false;
  return new Promise<Outcome>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    const finish = (outcome: Omit<Outcome, 'rssGrowth' | 'elapsedMs'>) => {
      clearInterval(sampler);
      peak = Math.max(peak, siteRss());
      resolve({ ...outcome, elapsedMs: Date.now() - started, rssGrowth: peak - baseline });
    };
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), sentWhenAnswered });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (error) => {
      // The site closes the connection after its 413: writing on is refused, which is expected.
      if (!answered) setTimeout(() => !answered && (clearInterval(sampler), reject(error)), 1000);
    });
    const chunk = Buffer.alloc(CHUNK, 'a');
    const pump = () => {
      while (!answered && !req.destroyed && sent < TOTAL) {
        sent += CHUNK;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered && !req.destroyed) req.end();
    };
    pump();
  });
}

describe('request bodies are capped while they stream in', () => {
  beforeAll(async () => {
    // Loads the pages' code first, so that what is measured is the upload only.
    const form = { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl };
    for (const body of ['nom=Paul', `message=${'a'.repeat(100 * 1024)}`]) await (await fetch(`${hub.siteUrl}/contact`, { method: 'POST', headers: form, body })).arrayBuffer();
    await (await fetch(`${hub.siteUrl}/api/revalidate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).arrayBuffer();
  });

  it('refuses a 10 MB chunked form post with a French 413, before the upload ends, with flat memory', async () => {
    const outcome = await chunkedPost('/contact', { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl });
    expect(outcome.status).toBe(413);
    expect(outcome.body).toContain('trop volumineux');
    expect(outcome.sentWhenAnswered).toBeLessThan(TOTAL);
    expect(outcome.elapsedMs).toBeLessThan(3000);
    expect(outcome.rssGrowth).toBeLessThan(5 * 1024 * 1024);
  });

  it('refuses a 10 MB chunked change notice with a 413 before reading it all or checking its signature', async () => {
    const outcome = await chunkedPost('/api/revalidate', { 'content-type': 'application/json' });
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toEqual({ error: 'Requête trop volumineuse.' });
    expect(outcome.sentWhenAnswered).toBeLessThan(TOTAL);
    expect(outcome.elapsedMs).toBeLessThan(3000);
    expect(outcome.rssGrowth).toBeLessThan(5 * 1024 * 1024);
  });

  it('refuses an announced oversized form at once, and still takes a normal one', async () => {
    const big = await fetch(`${hub.siteUrl}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl },
      body: `message=${'a'.repeat(100 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('trop volumineux');
    const small = await fetch(`${hub.siteUrl}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl },
      body: new URLSearchParams({ nom: 'Paul', coordonnees: '06 11 22 33 44', objet: 'Autre', message: 'Ma boîte aux lettres est cassée.', site_web: '' }).toString(),
    });
    expect(small.status).toBe(400);
    expect(await small.text()).toContain('Merci de cocher la case de consentement.');
  });

  it('keeps serving after the refusals', async () => {
    expect((await fetch(`${hub.siteUrl}/robots.txt`)).status).toBe(200);
  });
});

describe('unknown query parameters and the page cache', () => {
  const cacheState = async (path: string) => {
    const res = await fetch(hub.siteUrl + path);
    await res.arrayBuffer();
    return res.headers.get('x-cache');
  };

  it('neither creates entries nor evicts pages', async () => {
    await cacheState('/chantiers');
    expect(await cacheState('/chantiers')).toBe('HIT');
    for (let i = 0; i < 40; i++) {
      expect(await cacheState(`/chantiers?x=${i}`), `?x=${i}`).toBe('HIT');
      await cacheState(`/actualites?utm_source=lettre-${i}`);
      await cacheState(`/recherche?q=mot-${i}`);
      await cacheState(`/actualites?page=${1000 + i}`);
    }
    expect(await cacheState('/chantiers')).toBe('HIT');
  });

  it('still keeps the pages a link of the site gives', async () => {
    await cacheState('/actualites?page=1');
    expect(await cacheState('/actualites?page=1')).toBe('HIT');
  });

  it('gives the canonical address without the unknown parameters', async () => {
    const html = await (await fetch(`${hub.siteUrl}/actualites?utm_source=lettre&page=1`)).text();
    expect(html).toMatch(/<link rel="canonical" href="[^"]*\/actualites\?page=1">/);
  });
});

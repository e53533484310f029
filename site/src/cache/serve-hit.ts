import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageCache } from './index.ts';
import { cacheKey, isUncachedPath, type CachedPage } from './page-cache.ts';

/**
 * Browsers and proxies may keep a public page but must ask again each time (a publish shows within
 * 2 s); asking again costs a 304 thanks to the ETag.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** Headers of the rendered page that describe its body as Astro sent it, replaced here. */
const BODY_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'etag', 'cache-control', 'vary', 'x-cache']);

type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding the browser takes, brotli first (`Accept-Encoding` with its q-values). */
export function chooseEncoding(header: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

/** Text answers say their charset (Astro's `text/html` does not). */
const withCharset = (name: string, value: string) => (name === 'content-type' && /^text\//.test(value) && !/charset=/i.test(value) ? `${value}; charset=utf-8` : value);

const bodyOf = (page: CachedPage, encoding: Encoding) => (encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.body) ?? page.body;

/** Whether `If-None-Match` names this version (`*`, or the tag, weak or strong). */
const matches = (header: string | undefined, etag: string) => !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

/**
 * Serves a page the cache holds, before Astro: the stored bytes in the encoding the browser takes,
 * with `Content-Length`, a strong `ETag` per encoding, `304` on `If-None-Match`, `HEAD` without the
 * body. The security headers are already on `res` (site/server.ts). False when the cache has no
 * such page: Astro renders it (and keeps it, middleware.ts).
 */
export function serveCachedPage(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(req.url ?? '/', 'http://site.local');
  if (isUncachedPath(url.pathname)) return false;
  const key = cacheKey(url);
  const page = key === null ? undefined : pageCache.get(key);
  if (!page?.etag) return false;
  const encoding = page.br && page.gzip ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
  const etag = `"${page.etag}${encoding === 'identity' ? '' : `-${encoding}`}"`;
  for (const [name, value] of page.headers) if (!BODY_HEADERS.has(name)) res.setHeader(name, withCharset(name, value));
  res.setHeader('vary', 'Accept-Encoding');
  res.setHeader('cache-control', PUBLIC_PAGE_CACHE_CONTROL);
  res.setHeader('etag', etag);
  res.setHeader('x-cache', 'HIT');
  if (page.status === 200 && matches(req.headers['if-none-match'], etag)) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  const body = bodyOf(page, encoding);
  res.statusCode = page.status;
  if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
  res.setHeader('content-length', body.byteLength);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

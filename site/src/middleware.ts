import { defineMiddleware } from 'astro:middleware';
import { pageCache } from './cache/index.ts';
import { cacheKey } from './cache/page-cache.ts';

const CACHEABLE_STATUS = new Set([200, 404]);
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** Paths that are never cached here: the CMS's signal and the image proxy (own cache). */
const isUncached = (path: string) => path.startsWith('/api/') || path.startsWith('/uploads/');

function withHeaders(response: Response, cacheState: 'HIT' | 'MISS'): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set('x-cache', cacheState);
  return response;
}

/**
 * Serves rendered pages from memory; renders and keeps them on a miss. When the CMS is down,
 * what is cached still serves; the rest gets the error page, which then says « indisponible ».
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  if (request.method !== 'GET' || isUncached(url.pathname)) return next();

  const key = cacheKey(url);
  const cached = pageCache.get(key);
  if (cached) {
    return withHeaders(new Response(cached.body, { status: cached.status, headers: cached.headers }), 'HIT');
  }

  const response = await next();
  if (!CACHEABLE_STATUS.has(response.status) || response.headers.has('x-hub-no-store')) {
    response.headers.delete('x-hub-no-store');
    return withHeaders(response, 'MISS');
  }
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers.entries()];
  pageCache.set(key, { status: response.status, headers, body });
  return withHeaders(new Response(body, { status: response.status, headers }), 'MISS');
});

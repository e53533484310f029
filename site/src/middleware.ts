import { defineMiddleware } from 'astro:middleware';
import { pageCache } from './cache/index.ts';
import { cacheKey } from './cache/page-cache.ts';
import { crossSiteRefusal, isForbiddenCrossSitePost } from './lib/origin-check.ts';

const CACHEABLE_STATUS = new Set([200, 404]);
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** Paths that are never cached here: the CMS's signal and the image proxy (own cache). */
const isUncached = (path: string) => path.startsWith('/api/') || path.startsWith('/uploads/');
/**
 * Subscription pages: signed links and personal data, never cached, their address never sent to
 * another site as referrer (`same-origin`, not `no-referrer`: with the latter a browser posts
 * forms with `Origin: null`, which the cross-site check refuses).
 */
const isSubscriptionPage = (path: string) => path === '/abonnements' || path.startsWith('/abonnements/');

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
  // astro.config.mjs turns Astro's own check off so that one-click unsubscribe can be exempt.
  if (isForbiddenCrossSitePost(request, url)) return withHeaders(crossSiteRefusal(request), 'MISS');
  if (isSubscriptionPage(url.pathname)) {
    const rendered = await next();
    // A copy: a redirect's headers may be immutable.
    const response = withHeaders(new Response(rendered.body, rendered), 'MISS');
    response.headers.set('referrer-policy', 'same-origin');
    return response;
  }
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

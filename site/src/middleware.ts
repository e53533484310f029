import { defineMiddleware } from 'astro:middleware';
import { pageCache } from './cache/index.ts';
import { cacheKey, isPrivatePath, isUncachedPath, keptPage } from './cache/page-cache.ts';
import { bodyFits, bodyLimitFor, tooLarge } from './lib/body.ts';
import { crossSiteRefusal, isForbiddenCrossSitePost } from './lib/origin-check.ts';
import { withSecurityHeaders } from './lib/security-headers.ts';

const CACHEABLE_STATUS = new Set([200, 404]);

function withHeaders(response: Response, cacheState: 'HIT' | 'MISS'): Response {
  const secured = withSecurityHeaders(response);
  secured.headers.set('x-cache', cacheState);
  return secured;
}

/** Drops the pages' internal « do not keep » mark (on a copy when the headers are immutable). */
function withoutNoStoreMark(response: Response): Response {
  if (!response.headers.has('x-hub-no-store')) return response;
  const copy = new Response(response.body, response);
  copy.headers.delete('x-hub-no-store');
  return copy;
}

/**
 * Serves rendered pages from memory; renders and keeps them on a miss. When the CMS is down,
 * what is cached still serves; the rest gets the error page, which then says « indisponible ».
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { request, url } = context;
  // astro.config.mjs turns Astro's own check off so that one-click unsubscribe can be exempt.
  if (isForbiddenCrossSitePost(request, url)) return withHeaders(crossSiteRefusal(request), 'MISS');
  // Every body is measured while it streams in, before a page or endpoint reads it (413 past the limit).
  if (request.method !== 'GET' && request.method !== 'HEAD' && !(await bodyFits(request, bodyLimitFor(url.pathname)))) {
    return withHeaders(tooLarge(url.pathname), 'MISS');
  }
  // Subscription pages and /mes-donnees (signed links, personal data): never cached, their address
  // never sent to another site as referrer (`same-origin`, not `no-referrer`: with the latter a
  // browser posts forms with `Origin: null`, which the cross-site check refuses).
  if (isPrivatePath(url.pathname)) {
    const rendered = await next();
    // A copy: a redirect's headers may be immutable.
    const response = withHeaders(new Response(rendered.body, rendered), 'MISS');
    response.headers.set('referrer-policy', 'same-origin');
    return response;
  }
  if (request.method !== 'GET' || isUncachedPath(url.pathname)) return withSecurityHeaders(await next());

  // Null for a search, a personal link or an odd value: rendered each time, never kept (cannot evict a page).
  const key = cacheKey(url);
  const cached = key === null ? undefined : pageCache.get(key);
  if (cached) {
    return withHeaders(new Response(cached.body, { status: cached.status, headers: cached.headers }), 'HIT');
  }

  const response = await next();
  if (!CACHEABLE_STATUS.has(response.status) || response.headers.has('x-hub-no-store')) return withHeaders(withoutNoStoreMark(response), 'MISS');
  // Read whole even when not kept: a CMS failure while rendering then shows the error page.
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers.entries()];
  // A 404 with a query (e.g. `?page=` past the last page) is not kept: any number would make one.
  if (key !== null && !(response.status === 404 && url.search !== '')) pageCache.set(key, keptPage(response.status, headers, body));
  return withHeaders(new Response(body, { status: response.status, headers }), 'MISS');
});

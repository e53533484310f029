/**
 * Astro's `security.checkOrigin`, redone here so one address can be exempt: RFC 8058 one-click
 * unsubscribe, which mail providers POST from their servers with no Origin header. It is safe to
 * exempt: the signed token in its address is the whole authority, and all it can do is stop e-mails.
 * Same rule as Astro's otherwise: a non-GET form post (or a request with no content type) whose
 * Origin is not the site's own is refused.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const EXEMPT_PATHS = new Set(['/abonnements/desinscription']);

export function isForbiddenCrossSitePost(request: Request, url: URL): boolean {
  if (SAFE_METHODS.has(request.method) || EXEMPT_PATHS.has(url.pathname)) return false;
  const sameOrigin = request.headers.get('origin') === url.origin;
  const type = request.headers.get('content-type');
  if (type !== null) return FORM_TYPES.some((t) => type.toLowerCase().includes(t)) && !sameOrigin;
  return !sameOrigin;
}

export function crossSiteRefusal(request: Request): Response {
  return new Response(`Cross-site ${request.method} form submissions are forbidden`, { status: 403 });
}

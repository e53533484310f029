import { config } from '../config.ts';

/**
 * Sent with every answer of the site (pages, feeds, API, media, errors; GET, HEAD and the rest).
 * No inline script nor inline style is allowed: styles and scripts are files under /_astro and /js.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
  ...(config.PUBLIC_SITE_URL.startsWith('https://') ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
};

/** Adds the headers; copies the response first when its headers are immutable (e.g. a redirect). */
export function withSecurityHeaders(response: Response): Response {
  let target = response;
  try {
    target.headers.set('x-content-type-options', 'nosniff');
  } catch {
    target = new Response(response.body, response);
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) target.headers.set(name, value);
  return target;
}

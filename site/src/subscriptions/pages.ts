/**
 * Pages under /abonnements carry signed links and personal data: never cached (here or by a
 * proxy), never indexed, and their address (with its token) not sent to other sites.
 */
export function privatePage(headers: Headers): void {
  headers.set('cache-control', 'private, no-store');
  headers.set('referrer-policy', 'same-origin');
  headers.set('x-robots-tag', 'noindex');
}

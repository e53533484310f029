/**
 * Set by site/server.ts on every request, from the socket and the trusted proxies
 * (SITE_TRUSTED_PROXIES); whatever a client sends under this name is replaced there.
 */
export const VISITOR_ADDRESS_HEADER = 'x-hub-visitor-address';

/** The visitor's address, as the forms' rate limits count it. */
export function visitorAddress(astro: { request: Request; clientAddress: string }): string {
  return astro.request.headers.get(VISITOR_ADDRESS_HEADER) ?? astro.clientAddress;
}

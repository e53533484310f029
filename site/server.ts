import http from 'node:http';
import { clientAddress, parseTrustedProxies } from '@hub/integrations/trusted-proxies';
import { config } from './src/config.ts';
import { SECURITY_HEADERS } from './src/lib/security-headers.ts';
import { VISITOR_ADDRESS_HEADER } from './src/lib/visitor.ts';

/**
 * The site's production server: Astro's Node handler (static files, then pages) under a plain
 * `node:http` server of ours. The adapter serves `/_astro`, `/js` and the favicon before any Astro
 * middleware runs, so the security headers are set here, on every answer, before either writes.
 * Here too the visitor's address is read once, behind the trusted proxies, for the forms' limits.
 */
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = new URL('./dist/server/entry.mjs', import.meta.url).href;
const { handler } = (await import(entry)) as { handler: http.RequestListener };

const trustedProxies = parseTrustedProxies(config.SITE_TRUSTED_PROXIES)!;

const server = http.createServer((req, res) => {
  req.headers[VISITOR_ADDRESS_HEADER] = clientAddress(req, trustedProxies);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  handler(req, res);
});

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  console.log(JSON.stringify({ level: 30, msg: `Site à l’écoute sur http://${host}:${port}` }));
});

/** A supervisor's SIGTERM: answers in hand finish (10 s at most), then the process exits 0. */
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
});

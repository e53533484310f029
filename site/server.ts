import http from 'node:http';
import { Counter, createMetrics, sendMetrics } from '@hub/integrations/metrics';
import { REQUEST_ID_HEADER, requestIdOf, withRequestId } from '@hub/integrations/request-id';
import { clientAddress, parseTrustedProxies } from '@hub/integrations/trusted-proxies';
import { serveCachedPage } from './src/cache/serve-hit.ts';
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

const metrics = createMetrics('site');
const pageCache = new Counter({ name: 'hub_page_cache_total', help: 'Pages servies depuis le cache (HIT) ou rendues (MISS)', labelNames: ['result'] as const, registers: [metrics.registry] });
/** The first segment of the address, for the metrics' route label: a known section, never a visitor's path. */
const SECTIONS = new Set(['_astro', 'js', 'api', 'uploads', 'articles', 'chantiers', 'tags', 'newsletters', 'abonnements', 'mes-donnees', 'rss', 'rss.xml', 'sitemap.xml', 'robots.txt', 'actualites', 'construction', 'rehabilitation', 'contact', 'recherche', 'suivi', 'favicon.svg', 'health', 'ready', 'metrics']);
const routeOf = (url = '/') => {
  const segment = url.split(/[/?]/)[1] ?? '';
  return segment === '' ? '/' : SECTIONS.has(segment) ? `/${segment}` : '/[page]';
};

/** `/ready`: the CMS answers (a page never seen could not be rendered without it). */
async function cmsReachable(): Promise<boolean> {
  try {
    const res = await fetch(new URL('/_health', config.CMS_URL), { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/** The supervisor's and the load balancer's probes, answered before Astro (never cached, never rendered). */
async function probe(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  const path = req.url?.split('?')[0];
  if (path === '/metrics' && req.method === 'GET') {
    await sendMetrics(req, res, metrics, config.METRICS_TOKEN);
    return true;
  }
  if (path !== '/health' && path !== '/ready') return false;
  const ok = path === '/health' || (await cmsReachable());
  const body = JSON.stringify(ok ? { ok } : { ok, problem: 'CMS injoignable' });
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

const server = http.createServer((req, res) => {
  req.headers[VISITOR_ADDRESS_HEADER] = clientAddress(req, trustedProxies);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const done = metrics.startTimer(req.method ?? 'GET');
  // Astro hands its headers to writeHead, where getHeader cannot see them: the page cache's state is read there.
  let cache: unknown;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const headers = args.find((a) => a && typeof a === 'object' && !Array.isArray(a)) as Record<string, unknown> | undefined;
    cache = headers?.['x-cache'];
    return writeHead(...args);
  }) as typeof res.writeHead;
  res.once('finish', () => {
    done(routeOf(req.url), res.statusCode);
    const state = cache ?? res.getHeader('x-cache');
    if (state === 'HIT' || state === 'MISS') pageCache.inc({ result: state });
  });
  // One id per visit, sent on to the moderation service (src/moderation/client.ts) and back to the proxy.
  const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, id);
  // A page the cache holds is sent from here, before Astro's pipeline (src/cache/serve-hit.ts).
  void withRequestId(id, () => probe(req, res).then((answered) => answered || serveCachedPage(req, res) || handler(req, res)));
});

const port = Number(process.env.PORT ?? 4321);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  console.log(JSON.stringify({ level: 30, msg: `Site à l’écoute sur http://${host}:${port}` }));
});

/** A supervisor's SIGTERM (or Ctrl-C): answers in hand finish (10 s at most), then the process exits 0. */
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}

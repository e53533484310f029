import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for each process of the hub (docs/ops/README.md), with prom-client: one
 * registry per process with Node's own metrics (memory, event loop, GC) and `hub_http_request_duration_seconds`
 * per route; each package adds what it knows (queue, outbox, page cache, newsletters).
 */
export function createMetrics(unit: 'cms' | 'site' | 'moderation') {
  const registry = new Registry();
  registry.setDefaultLabels({ unit });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'Durée des réponses HTTP, par route (le motif, jamais l’adresse réelle) et par code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    /** Times one answer: call at the start, then with the route and status once it is sent. */
    startTimer(method: string) {
      const end = httpDuration.startTimer({ method });
      return (route: string, status: number) => end({ route, status: String(status) });
    },
  };
}

export type HubMetrics = ReturnType<typeof createMetrics>;

// Loopback and private ranges (RFC 1918, RFC 4193, link-local): the landlord's own network.
const PRIVATE = new BlockList();
for (const [net, bits] of [['127.0.0.0', 8], ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['169.254.0.0', 16]] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read `/metrics`: a caller on loopback or a private address; anyone else only with
 * `Authorization: Bearer <METRICS_TOKEN>` when that token is set. (Behind a reverse proxy the
 * caller is the proxy: it must not forward `/metrics` from the internet — docs/deploy.md.)
 */
export function mayReadMetrics(remoteAddress: string | undefined, authorization: string | undefined, token: string): boolean {
  const address = (remoteAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(address);
  if (family && PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4')) return true;
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  return !!token && !!given && timingSafeEqual(digest(given), digest(token));
}

/** Answers GET /metrics on a node:http response: the text format, or 403 in French. */
export async function sendMetrics(req: IncomingMessage, res: ServerResponse, metrics: HubMetrics, token: string): Promise<void> {
  if (!mayReadMetrics(req.socket.remoteAddress, req.headers.authorization, token)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Accès refusé : les métriques se lisent depuis le réseau du bailleur, ou avec METRICS_TOKEN.');
    return;
  }
  const body = await metrics.registry.metrics();
  res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  res.end(body);
}

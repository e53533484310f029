import http from 'node:http';
import type { HubMetrics } from '@hub/integrations/metrics';
import { REQUEST_ID_HEADER, requestIdOf, withRequestId } from '@hub/integrations/request-id';
import { sendError } from './respond.ts';
import { createRouter, type Handler, type Route } from './routes.ts';

export interface HttpServerOptions {
  /** Every feature's routes (the composition root, ../http-routes.ts, gathers them). */
  routes: readonly Route[];
  /** The paths no route matches (the console's files); by default 404. */
  fallback?: Handler;
  log: { error(obj: object, msg: string): void; debug?(obj: object, msg: string): void };
  /** Run after the server has stopped (GraphQL's own shutdown). */
  onClose?: () => Promise<void>;
  /** Each answer's duration per route pattern (`/metrics`). */
  metrics?: HubMetrics;
}

/** The service's one HTTP server: one route table, one way to answer a failure. */
export function createServer({ routes, fallback, log, onClose, metrics }: HttpServerOptions) {
  const router = createRouter(routes, fallback);
  const server = http.createServer((req, res) => {
    const id = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, id);
    void withRequestId(id, () => answer(req, res));
  });
  async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = performance.now();
    const done = metrics?.startTimer(req.method ?? 'GET');
    res.once('finish', () => {
      const route = router.routeOf(req, url);
      done?.(route, res.statusCode);
      // The access line (LOG_LEVEL=debug): the route's pattern, never the path with its values.
      log.debug?.({ reqId: res.getHeader(REQUEST_ID_HEADER), method: req.method, route, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    });
    try {
      await router.dispatch(req, res, url);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      sendError(res, error, (e) => log.error({ err: e, path: url.pathname, caller: router.callerOf(req, url) }, 'request failed'));
    }
  }
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;

  return {
    server,
    listen: (port: number, host: string) => new Promise<number>((resolve) => server.listen(port, host, () => resolve((server.address() as { port: number }).port))),
    /** Stops accepting, then cuts open connections (keep-alive, live feeds) so nothing lingers. */
    async close() {
      const closed = new Promise((r) => server.close(r));
      server.closeAllConnections();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
      await onClose?.();
    },
  };
}

import http from 'node:http';
import path from 'node:path';
import type { ModerationConfig } from '../config.ts';
import { HubError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { createAckRoutes } from '../escalation/ack-routes.ts';
import { createClaimsRoutes } from '../claims/routes.ts';
import { createPublicRoutes } from '../public/routes.ts';
import type { Services } from '../services.ts';
import { createCmsPublishedRoute } from './cms-published.ts';
import { createGraphQLHandler } from './graphql.ts';
import { streamChanges } from './live.ts';
import { sendError, sendJson } from './respond.ts';
import { serveConsole } from './static.ts';

const CONSOLE_ROOT = path.resolve(import.meta.dirname, '..', 'console', 'public');

/** The service's one HTTP server: GraphQL, live feed, the site's public calls, the console. */
export async function createHttpServer(config: ModerationConfig, services: Services, logger: Logger) {
  const { clock } = services;
  const log = logger.child({ subsystem: 'http' });
  const graphql = await createGraphQLHandler(services, logger.child({ subsystem: 'graphql' }), config.MODERATION_PUBLIC_URL.startsWith('https:'));
  const publicRoutes = createPublicRoutes(services, config.MODERATION_SITE_TOKEN, clock);
  const claimsRoutes = createClaimsRoutes({ claims: services.claims, secret: config.CLAIMS_WEBHOOK_SECRET, siteToken: config.MODERATION_SITE_TOKEN, clock, log: logger.child({ subsystem: 'claims' }) });
  const acknowledgements = createAckRoutes({
    escalation: services.escalation,
    ackSecret: services.escalationSettings.ackSecret,
    onCallName: async (memberId) => (await services.roster.list()).find((m) => m.id === memberId)?.name ?? null,
  });
  const cmsPublished = createCmsPublishedRoute({ secret: config.HUB_REVALIDATE_SECRET, publishArticle: (p) => services.publishArticle(p), clock });

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/graphql') return await graphql.handle(req, res, url);
      if (url.pathname === '/health') return sendJson(res, 200, { ok: true });
      if (url.pathname === '/events') return await streamChanges(services, req, res);
      if (url.pathname === '/webhooks/facebook') return await services.facebookWebhook.handle(req, res, url);
      // Before publicRoutes, which answers 404 to any other /public/ path.
      if (await claimsRoutes(req, res, url)) return;
      if (await publicRoutes(req, res, url)) return;
      if (await cmsPublished(req, res, url)) return;
      if (await acknowledgements(req, res, url)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HubError('NOT_FOUND');
      await serveConsole(CONSOLE_ROOT, url.pathname, res);
    } catch (error) {
      if (res.headersSent) return res.destroy();
      sendError(res, error, (e) => log.error({ err: e, path: url.pathname }, 'request failed'));
    }
  });
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
      await graphql.stop();
    },
  };
}

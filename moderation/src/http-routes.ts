/**
 * The composition root of the HTTP edge: every feature's routes in one table, handed to
 * `http/server.ts` (which knows no feature). Adding a route: export it from its feature as a
 * `Route[]` and add it here (see http/README.md).
 */
import path from 'node:path';
import { sendMetrics, type HubMetrics } from '@hub/integrations/metrics';
import { createClaimsRoutes } from './claims/routes.ts';
import type { ModerationConfig } from './config.ts';
import { HubError } from './errors.ts';
import { createAckRoutes } from './escalation/ack-routes.ts';
import type { GraphQLContext } from './graphql/context.ts';
import { SESSION_COOKIE } from './graphql/resolvers/access.ts';
import { buildSchema } from './graphql/schema.ts';
import { readCookie } from './http/body.ts';
import { parseTrustedProxies } from './http/guards.ts';
import { createCmsPublishedRoutes } from './http/cms-published.ts';
import { createGraphQLRoutes } from './http/graphql.ts';
import { streamEvents } from './http/live.ts';
import { sendJson } from './http/respond.ts';
import type { Guard, Handler, Route } from './http/routes.ts';
import { createServer } from './http/server.ts';
import { serveConsole } from './http/static.ts';
import type { Logger } from './logger.ts';
import { createModerationMetrics } from './metrics/collectors.ts';
import { createPublicRoutes } from './public/routes.ts';
import type { QueueChange } from './queue/service.ts';
import { buildRegister } from './register/register.ts';
import { createPrivacyRoutes } from './register/routes.ts';
import type { Services } from './services.ts';

const CONSOLE_ROOT = path.resolve(import.meta.dirname, 'console', 'public');

/** The console's files for GET / HEAD on any other path (it routes by hash); else 404. */
const consoleFiles: Handler = async (req, res, { url }) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HubError('NOT_FOUND');
  await serveConsole(CONSOLE_ROOT, url.pathname, res);
};

/** Every route of the service, and what to stop with the server. */
export async function httpRoutes(config: ModerationConfig, services: Services, logger: Logger, metrics: HubMetrics = createModerationMetrics(services.db, services.clock)): Promise<{ routes: Route[]; stop(): Promise<void> }> {
  const { clock } = services;
  const probes: Route[] = [
    // Alive: the process answers (a supervisor restarts it otherwise).
    { method: '*', path: '/health', caller: 'anyone', handler: (_req, res) => sendJson(res, 200, { ok: true }) },
    // Ready: its database answers and is migrated (a load balancer sends it traffic only then).
    {
      method: '*',
      path: '/ready',
      caller: 'anyone',
      handler: async (_req, res) => {
        const ready = await services.ready();
        sendJson(res, ready.ok ? 200 : 503, ready.ok ? { ok: true, roles: config.MODERATION_ROLES } : { ok: false, problem: ready.problem });
      },
    },
    // Prometheus (docs/ops/README.md): the landlord's network, or METRICS_TOKEN.
    { method: 'GET', path: '/metrics', caller: 'anyone', handler: (req, res) => sendMetrics(req, res, metrics, config.METRICS_TOKEN) },
  ];
  // A workers-only process (MODERATION_ROLES=workers) answers its probes and nothing else.
  if (!config.MODERATION_ROLES.api) return { routes: probes, stop: async () => undefined };

  const secureCookies = config.MODERATION_PUBLIC_URL.startsWith('https:');
  // Checked by readConfig: null only for a list it refuses.
  const trustedProxies = parseTrustedProxies(config.MODERATION_TRUSTED_PROXIES) ?? undefined;
  const graphql = await createGraphQLRoutes<GraphQLContext>({
    schema: buildSchema(),
    logger: logger.child({ subsystem: 'graphql' }),
    introspection: config.MODERATION_GRAPHQL_INTROSPECTION,
    async context(req) {
      const sessionToken = readCookie(req, SESSION_COOKIE);
      return { services, user: await services.accounts.resolve(sessionToken), sessionToken, setCookies: [], secureCookies };
    },
  });
  /** A console session (the cookie), as for the API. */
  const session: Guard = async (req) => {
    if (!(await services.accounts.resolve(readCookie(req, SESSION_COOKIE)))) throw new HubError('UNAUTHENTICATED');
  };

  const routes: Route[] = [
    ...probes,
    ...graphql.routes,
    // The console's live feed: each queue change, pushed as it happens, until the session ends.
    {
      method: '*',
      path: '/events',
      caller: 'console',
      auth: session,
      handler: (req, res) =>
        streamEvents<QueueChange>(req, res, {
          event: 'queue',
          subscribe(send) {
            services.changes.on('change', send);
            return () => services.changes.off('change', send);
          },
        }, { until: (end) => services.accounts.watch(readCookie(req, SESSION_COOKIE), end) }),
    },
    ...services.facebookWebhook.routes,
    ...createClaimsRoutes({ claims: services.claims, db: services.db, secret: config.CLAIMS_WEBHOOK_SECRET, siteToken: config.MODERATION_SITE_TOKEN, clock, trustedProxies, log: logger.child({ subsystem: 'claims' }) }),
    ...createPublicRoutes(services, config.MODERATION_SITE_TOKEN, clock, trustedProxies),
    ...createPrivacyRoutes({ register: () => buildRegister(config), siteToken: config.MODERATION_SITE_TOKEN }),
    ...createCmsPublishedRoutes({ secret: config.CMS_PUBLISH_SECRET, publishArticle: (p) => services.publishArticle(p), clock }),
    ...createAckRoutes({
      escalation: services.escalation,
      ackSecret: services.escalationSettings.ackSecret,
      onCallMember: async (memberId) => (await services.roster.list()).find((m) => m.id === memberId) ?? null,
      clock,
    }),
  ];
  return { routes, stop: graphql.stop };
}

/** The service's one HTTP server: GraphQL, live feed, the site's public calls, webhooks, the console. */
export async function createHttpServer(config: ModerationConfig, services: Services, logger: Logger) {
  const metrics = createModerationMetrics(services.db, services.clock);
  const { routes, stop } = await httpRoutes(config, services, logger, metrics);
  const fallback = config.MODERATION_ROLES.api ? consoleFiles : undefined;
  return createServer({ routes, fallback, log: logger.child({ subsystem: 'http' }), onClose: stop, metrics });
}

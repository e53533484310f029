import type { Core } from '@strapi/strapi';
import { createMetrics, Gauge, mayReadMetrics } from '@hub/integrations/metrics';
import { SEND_TABLES } from '../mailing/schema';

interface Ctx {
  method: string;
  status: number;
  body: unknown;
  _matchedRoute?: string;
  req: { socket: { remoteAddress?: string } };
  get(name: string): string;
  set(name: string, value: string): void;
}

/**
 * The CMS's `/metrics` (docs/ops/README.md): Node's own, the answers' durations per route
 * pattern, and the newsletters' send log by state (what is left to send, what was sent: its
 * rate is Prometheus's `deriv`). Read by the landlord's network, or with METRICS_TOKEN.
 */
export function registerMetrics(strapi: Core.Strapi, token: string): void {
  const metrics = createMetrics('cms');
  new Gauge({
    name: 'hub_newsletter_recipients',
    help: 'Destinataires des envois de lettres et d’alertes, par état (pending, sending : restant à envoyer)',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      if (!(await strapi.db.connection.schema.hasTable(SEND_TABLES.log))) return;
      const rows = (await strapi.db.connection(SEND_TABLES.log).select('state').count({ n: '*' }).groupBy('state')) as { state: string; n: number | string }[];
      for (const row of rows) this.set({ state: row.state }, Number(row.n));
    },
  });
  strapi.server.use(async (ctx: Ctx, next: () => Promise<void>) => {
    const done = metrics.startTimer(ctx.method);
    try {
      await next();
    } finally {
      done(ctx._matchedRoute ?? 'other', ctx.status);
    }
  });
  strapi.server.routes([
    {
      method: 'GET',
      path: '/metrics',
      config: { auth: false },
      handler: async (ctx: Ctx) => {
        ctx.set('cache-control', 'no-store');
        if (!mayReadMetrics(ctx.req.socket.remoteAddress, ctx.get('authorization') || undefined, token)) {
          ctx.status = 403;
          ctx.body = 'Accès refusé : les métriques se lisent depuis le réseau du bailleur, ou avec METRICS_TOKEN.';
          return;
        }
        ctx.set('content-type', metrics.registry.contentType);
        ctx.body = await metrics.registry.metrics();
        ctx.status = 200;
      },
    },
  ] as never);
}

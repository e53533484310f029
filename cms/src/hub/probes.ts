import type { Core } from '@strapi/strapi';

interface Ctx {
  method: string;
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

/**
 * The probes every process of the hub answers (docs/deploy.md): `/health`, the process is alive;
 * `/ready`, its database answers (Strapi has run its migrations before it listens).
 */
export function registerProbes(strapi: Core.Strapi): void {
  const answer = (ctx: Ctx, ok: boolean, problem?: string) => {
    ctx.set('cache-control', 'no-store');
    ctx.status = ok ? 200 : 503;
    ctx.body = ok ? { ok } : { ok, problem };
  };
  strapi.server.routes([
    { method: 'GET', path: '/health', config: { auth: false }, handler: (ctx: Ctx) => answer(ctx, true) },
    {
      method: 'GET',
      path: '/ready',
      config: { auth: false },
      handler: async (ctx: Ctx) => {
        try {
          await strapi.db.connection.raw('select 1');
          answer(ctx, true);
        } catch {
          answer(ctx, false, 'base de données injoignable');
        }
      },
    },
  ] as never);
}

import type { Core } from '@strapi/strapi';
import { NewsletterError } from './errors';
import { NEWSLETTER, type NewsletterSending } from './service';

interface Ctx {
  params: { documentId: string };
  request: { body?: Record<string, unknown> };
  state: { user?: { id?: number | string } };
  status: number;
  body: unknown;
}

/** Whoever may publish newsletters may send them (the « Communication » role, administrators). */
const may = (action: 'read' | 'publish') => ({
  name: 'admin::hasPermissions',
  config: { actions: [[`plugin::content-manager.explorer.${action}`, NEWSLETTER]] },
});

function handle(work: (ctx: Ctx) => Promise<{ status?: number; data: unknown }>) {
  return async (ctx: Ctx) => {
    try {
      const { status = 200, data } = await work(ctx);
      ctx.status = status;
      ctx.body = { data };
    } catch (error) {
      if (!(error instanceof NewsletterError)) throw error;
      ctx.status = error.status;
      ctx.body = error.toJSON();
    }
  };
}

/**
 * Admin routes behind the sending panel of the newsletter edit view (admin session required):
 * GET /hub/newsletters/:documentId/sending, POST …/test { email }, POST …/send.
 */
export function registerNewsletterRoutes(strapi: Core.Strapi, sending: NewsletterSending): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '/hub/newsletters',
    routes: [
      {
        method: 'GET',
        path: '/:documentId/sending',
        handler: handle(async (ctx) => ({ data: await sending.status(ctx.params.documentId) })),
        config: { policies: ['admin::isAuthenticatedAdmin', may('read')] },
      },
      {
        method: 'POST',
        path: '/:documentId/test',
        handler: handle(async (ctx) => {
          await sending.sendTest(ctx.params.documentId, ctx.request.body?.email);
          return { data: { message: 'Lettre de test envoyée.' } };
        }),
        config: { policies: ['admin::isAuthenticatedAdmin', may('publish')] },
      },
      {
        method: 'POST',
        path: '/:documentId/send',
        handler: handle(async (ctx) => ({ status: 202, data: await sending.send(ctx.params.documentId, ctx.state.user?.id === undefined ? null : String(ctx.state.user.id)) })),
        config: { policies: ['admin::isAuthenticatedAdmin', may('publish')] },
      },
    ],
  } as never);
}

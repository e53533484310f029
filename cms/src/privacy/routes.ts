import type { Core } from '@strapi/strapi';
import type { Clock } from '../hub/clock';
import { sameToken } from '../hub/shared-token';
import { createPrivacyService, PrivacyRequestError, requestedEmails, type PrivacyService } from './service';

/**
 * The moderation service's calls for a tenant's rights, under /api/hub/privacy/*: outside Strapi's
 * Content API, each request holds `x-hub-privacy-token` (CMS_PRIVACY_TOKEN, which only the
 * moderation service and the CMS hold). Body: `{ emails: string[] }`.
 */
const PREFIX = '/api/hub/privacy';

interface Ctx {
  request: { body?: unknown; headers: Record<string, string | string[] | undefined> };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

const ROUTES: Array<{ path: string; run: (service: PrivacyService, emails: string[]) => Promise<unknown> }> = [
  { path: '/find', run: (service, emails) => service.find(emails) },
  { path: '/erase', run: (service, emails) => service.erase(emails) },
];

export function registerPrivacyRoutes(strapi: Core.Strapi, token: string, clock: Clock): void {
  let service: PrivacyService | null = null;
  strapi.server.routes(
    ROUTES.map(({ path, run }) => ({
      method: 'POST',
      path: `${PREFIX}${path}`,
      config: { auth: false },
      handler: async (ctx: Ctx) => {
        ctx.set('cache-control', 'no-store');
        if (!sameToken(token, ctx.request.headers['x-hub-privacy-token'])) {
          ctx.status = 401;
          ctx.body = { error: { code: 'unauthorized', message: 'Jeton manquant ou invalide.' } };
          return;
        }
        try {
          const body = ctx.request.body as { emails?: unknown } | undefined;
          service ??= createPrivacyService(strapi.db.connection, clock);
          ctx.body = await run(service, requestedEmails(body?.emails));
          ctx.status = 200;
        } catch (error) {
          if (!(error instanceof PrivacyRequestError)) throw error;
          ctx.status = 400;
          ctx.body = { error: { code: 'invalid_request', message: error.message } };
        }
      },
    })) as never,
  );
}

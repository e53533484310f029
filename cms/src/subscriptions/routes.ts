import type { EraseRequest, LinkActionRequest, PreferencesLinkRequest, SubscribeRequest, TokenRequest, Unchecked, UpdateRequest } from '@hub/integrations/contracts';
import type { Core } from '@strapi/strapi';
import { sameToken } from '../hub/shared-token';
import { SubscriptionError } from './errors';
import type { SubscriptionService } from './service';

/**
 * The site's server-to-server API, under /api/hub/subscriptions/*. Not Strapi's Content API: the
 * routes skip Strapi's auth and check their own header, `x-hub-subscriptions-token`, which only
 * the site holds. Browsers never reach them (the site calls them from its server). The requests'
 * fields are the contract's (@hub/integrations/contracts, subscriptions.ts); the service checks
 * each value itself.
 */
type Body = Record<string, unknown>;
type Handler = (service: SubscriptionService, body: Body) => Promise<unknown> | unknown;

/** The request's fields, by the contract's names, each still to be checked. */
const fields = <T>(body: Body) => body as Unchecked<T>;

const PREFIX = '/api/hub/subscriptions';
const IP_MAX = 64;

const ip = (body: Unchecked<{ ip: string }>) => (typeof body.ip === 'string' ? body.ip.slice(0, IP_MAX) : '');

const HANDLERS: Array<{ method: 'GET' | 'POST'; path: string; handler: Handler }> = [
  { method: 'GET', path: '/consent', handler: (s) => s.consent() },
  {
    method: 'POST',
    path: '/subscribe',
    handler: (s, body) => {
      const b = fields<SubscribeRequest>(body);
      return s.subscribe({ email: b.email, topic: b.topic, frequency: b.frequency, consentVersion: b.consentVersion, ip: ip(b) });
    },
  },
  {
    method: 'POST',
    path: '/confirm',
    handler: (s, body) => {
      const b = fields<LinkActionRequest>(body);
      return s.confirm({ token: b.token, apply: b.apply === true });
    },
  },
  {
    method: 'POST',
    path: '/unsubscribe',
    handler: (s, body) => {
      const b = fields<LinkActionRequest>(body);
      return s.unsubscribe({ token: b.token, apply: b.apply === true });
    },
  },
  { method: 'POST', path: '/unsubscribe/link', handler: (s, b) => s.sendManagementLink({ token: fields<TokenRequest>(b).token }) },
  { method: 'POST', path: '/preferences', handler: (s, b) => s.preferences({ token: fields<TokenRequest>(b).token }) },
  {
    method: 'POST',
    path: '/preferences/update',
    handler: (s, body) => {
      const b = fields<UpdateRequest>(body);
      return s.update({ token: b.token, topic: b.topic, action: b.action, frequency: b.frequency });
    },
  },
  { method: 'POST', path: '/preferences/export', handler: (s, b) => s.exportData({ token: fields<TokenRequest>(b).token }) },
  {
    method: 'POST',
    path: '/preferences/erase',
    handler: (s, body) => {
      const b = fields<EraseRequest>(body);
      return s.erase({ token: b.token, confirm: b.confirm });
    },
  },
  {
    method: 'POST',
    path: '/preferences/link',
    handler: (s, body) => {
      const b = fields<PreferencesLinkRequest>(body);
      return s.sendPreferencesLink({ email: b.email, ip: ip(b) });
    },
  },
];

interface Ctx {
  request: { body?: unknown; headers: Record<string, string | string[] | undefined> };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

export function registerSubscriptionRoutes(strapi: Core.Strapi, siteToken: string, service: () => SubscriptionService): void {
  strapi.server.routes(
    HANDLERS.map(({ method, path, handler }) => ({
      method,
      path: `${PREFIX}${path}`,
      config: { auth: false },
      handler: async (ctx: Ctx) => {
        ctx.set('cache-control', 'no-store');
        if (!sameToken(siteToken, ctx.request.headers['x-hub-subscriptions-token'])) {
          const error = new SubscriptionError('unauthorized');
          ctx.status = error.status;
          ctx.body = error.toJSON();
          return;
        }
        const raw = ctx.request.body;
        const body: Body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Body) : {};
        try {
          ctx.body = await handler(service(), body);
          ctx.status = 200;
        } catch (error) {
          if (error instanceof SubscriptionError) {
            ctx.status = error.status;
            ctx.body = error.toJSON();
            return;
          }
          strapi.log.error(`subscriptions: ${method} ${path} failed: ${(error as Error).message}`);
          ctx.status = 500;
          ctx.body = { error: { code: 'internal', field: null, message: 'Une erreur est survenue. Merci de réessayer dans quelques minutes.' } };
        }
      },
    })) as never,
  );
}

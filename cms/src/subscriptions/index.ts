import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { createMailer } from '@hub/integrations/mail';
import type { Clock } from '../hub/clock';
import type { HubConfig } from '../hub/config';
import { strapiCatalog } from './catalog';
import { registerSubscriptionRoutes } from './routes';
import { createSubscriptionService, type SubscriptionService } from './service';

/** The landlord's name for e-mails: the display name of MAIL_FROM. */
export function senderName(from: string): string {
  const quoted = /^\s*"([^"]+)"/.exec(from);
  const bare = /^\s*([^<"]+?)\s*</.exec(from);
  return quoted?.[1] ?? bare?.[1] ?? 'Votre bailleur';
}

/**
 * Wires the subscription side: routes now (register), the service on first use (Strapi's
 * database is open by then). The mailer is the hub's shared one (integrations/src/mail).
 */
export function registerSubscriptions(strapi: Core.Strapi, config: HubConfig, clock: Clock): void {
  let service: SubscriptionService | null = null;
  const get = () => {
    service ??= createSubscriptionService({
      knex: strapi.db.connection,
      links: { publicSiteUrl: config.PUBLIC_SITE_URL, secret: config.HUB_SUBSCRIPTION_SECRET },
      mailer: createMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, letterbox: path.resolve(config.HUB_DATA_DIR, 'letterbox') }),
      catalog: strapiCatalog(strapi),
      siteName: senderName(config.MAIL_FROM),
      perIpPerHour: config.SUBSCRIBE_LIMIT_PER_IP,
      now: clock,
      log: { info: (m) => strapi.log.info(m), warn: (m) => strapi.log.warn(m) },
    });
    return service;
  };
  registerSubscriptionRoutes(strapi, config.HUB_SUBSCRIPTIONS_TOKEN, get);
  if (!config.HUB_SUBSCRIPTION_SECRET || !config.HUB_SUBSCRIPTIONS_TOKEN) {
    strapi.log.warn('subscriptions: HUB_SUBSCRIPTION_SECRET or HUB_SUBSCRIPTIONS_TOKEN is empty, subscriptions are closed');
  }
}

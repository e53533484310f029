import type { Core } from '@strapi/strapi';
import { createDigestScheduler, digestKind } from '../alerts/digest';
import { ensureAlertTables } from '../alerts/schema';
import { broadcastKind } from '../mailing/broadcast';
import { createMailing, type Mailing } from '../mailing';
import { createSendLogPurge } from '../mailing/retention';
import { registerNewsletterRoutes } from '../newsletters/routes';
import { createNewsletterSending } from '../newsletters/service';
import type { Clock } from './clock';
import type { HubConfig } from './config';

export interface Sending {
  mailing: Mailing;
  stop(): Promise<void>;
}

/**
 * Wires the sending side in the CMS process: the send worker (newsletters, alerts, digests), the
 * newsletter admin routes, the daily digest clock. Called at bootstrap, after the subscription tables.
 */
export async function startSending(strapi: Core.Strapi, config: HubConfig, clock: Clock): Promise<Sending> {
  const knex = strapi.db.connection;
  const log = strapi.log;
  await ensureAlertTables(knex);
  const mailing = await createMailing(knex, config, clock, log);
  const mailOptions = { landlord: config.SITE_NAME, publicSiteUrl: config.PUBLIC_SITE_URL };
  mailing.start({
    alert: broadcastKind(mailing.message, 0),
    digest: digestKind(mailing.message, mailOptions, 1),
    newsletter: broadcastKind(mailing.message, 2),
  });
  registerNewsletterRoutes(strapi, createNewsletterSending(strapi, mailing, config));
  const digest = createDigestScheduler({ knex, mailing, hour: config.ALERT_DIGEST_HOUR, now: () => clock().getTime(), pollMs: 60_000, log });
  digest.start();
  const sendLogPurge = createSendLogPurge({ knex, days: config.retention.newsletterSendLog, now: () => clock().getTime(), pollMs: 3_600_000, log });
  sendLogPurge.start();
  log.info(`mailing: sending through ${config.SMTP_URL ? 'SMTP' : `the demo letterbox (${config.HUB_DATA_DIR}/letterbox)`}, ${config.NEWSLETTER_RATE_PER_SECOND} messages/s at most`);
  return {
    mailing,
    async stop() {
      digest.stop();
      sendLogPurge.stop();
      await mailing.stop();
    },
  };
}

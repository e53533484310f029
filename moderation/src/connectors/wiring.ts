import type { Clock } from '../clock.ts';
import type { ModerationConfig } from '../config.ts';
import type { Db, Dialect } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { Queue } from '../queue/service.ts';
import { createPoller } from './poller.ts';
import { accountsFromConfig } from './registry.ts';
import { socialAccountStates } from './state.ts';
import { createFacebookWebhook } from './webhook.ts';

interface ConnectorsWiring {
  db: Db;
  /** The database's dialect (how the webhook inbox claims its rows). */
  dialect: Dialect;
  config: ModerationConfig;
  clock: Clock;
  logger: Logger;
  queue: Queue;
}

/**
 * The social networks coming in: the poller of the configured Pages and X accounts (none in a
 * hub without accounts), the Facebook Page webhooks, and the accounts' reading state.
 */
export async function wireConnectors({ db, dialect, config, clock, logger, queue }: ConnectorsWiring) {
  const log = (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => logger[level](details ?? {}, message);
  const accounts = accountsFromConfig(config, { pageSize: config.SOCIAL_PAGE_SIZE });
  const poller = accounts.length
    ? createPoller({
        db,
        accounts,
        ingest: (item) => queue.ingest(item),
        update: (source, accountId, externalId, change) => queue.update(source, accountId, externalId, change),
        intervalMs: config.SOCIAL_POLL_SECONDS * 1000,
        now: clock,
        log,
        dailyReadBudget: config.TWITTER_DAILY_READ_BUDGET,
      })
    : undefined;
  // MODERATION_ROLES without `workers`: built (the API reads its state) but never started here.
  if (config.MODERATION_ROLES.workers) await poller?.start();
  // GET/POST /webhooks/facebook: changes pushed by Meta, signed, stored in `webhook_inbox`
  // before the 200 and applied by the drain started here (it first takes what a killed process left).
  const facebookWebhook = createFacebookWebhook({
    db,
    dialect,
    appSecret: config.FACEBOOK_APP_SECRET,
    verifyToken: config.FACEBOOK_VERIFY_TOKEN,
    pages: config.FACEBOOK_PAGES,
    queue,
    clock,
    log,
  });
  if (config.MODERATION_ROLES.workers) facebookWebhook.start();
  return {
    poller,
    facebookWebhook,
    socialAccounts: () => socialAccountStates(db, clock(), config.TWITTER_DAILY_READ_BUDGET),
    async stop() {
      await poller?.stop();
      // What is stored and due is applied before the database closes; the rest waits in the inbox.
      await facebookWebhook.idle();
      await facebookWebhook.stop();
    },
  };
}

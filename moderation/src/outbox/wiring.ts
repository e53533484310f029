import type { OutboundAdapter } from '@hub/integrations';
import { createFacebookOutbound } from '@hub/integrations/facebook';
import { createXOutbound } from '@hub/integrations/x';
import type { Clock } from '../clock.ts';
import type { ModerationConfig } from '../config.ts';
import type { Db, Dialect } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { enqueuePublication, type ArticlePublication, type PublicationAccount } from './enqueue.ts';
import type { OutboundNetworks } from './network.ts';
import { outboxRowsOf, publicationRowsOf } from './store.ts';
import { createOutboxWorker, DEFAULT_BACKOFF, type Delivery } from './worker.ts';

interface OutboxWiring {
  db: Db;
  dialect: Dialect;
  config: ModerationConfig;
  clock: Clock;
  logger: Logger;
}

/**
 * The outbox: one adapter per configured Page and X account, the worker that carries actions
 * out, and `deliveries`, where the features register what is not a network action (the CRM
 * push, the on-call e-mail and webhook) before `worker.start()`.
 */
export function wireOutbox({ db, dialect, config, clock, logger }: OutboxWiring) {
  const outbound = new Map<string, OutboundAdapter>();
  for (const page of config.FACEBOOK_PAGES) outbound.set(`facebook:${page.id}`, createFacebookOutbound(page, config.FACEBOOK_GRAPH_URL));
  for (const account of config.TWITTER_ACCOUNTS) outbound.set(`x:${account.id}`, createXOutbound(account, config.TWITTER_API_URL));
  const networks: OutboundNetworks = (network, accountId) => outbound.get(`${network}:${accountId}`);
  const deliveries: Record<string, Delivery> = {};
  const worker = createOutboxWorker({
    db,
    dialect,
    networks,
    deliveries,
    clock,
    pollMs: config.OUTBOX_POLL_MS,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    backoff: { ...DEFAULT_BACKOFF, baseMs: config.OUTBOX_RETRY_BASE_MS },
    log: logger.child({ subsystem: 'outbox' }),
  });

  /**
   * An article published in the CMS with « share on social networks »: one outbox row per
   * configured Page and X account (all of them), at most once per article and account.
   */
  async function publishArticle(publication: ArticlePublication): Promise<{ queued: number; accounts: number }> {
    const accounts: PublicationAccount[] = [
      ...config.FACEBOOK_PAGES.map((p) => ({ network: 'facebook' as const, accountId: p.id })),
      ...config.TWITTER_ACCOUNTS.map((a) => ({ network: 'x' as const, accountId: a.id })),
    ];
    const queued = await enqueuePublication(db, publication, { accounts, publicSiteUrl: config.PUBLIC_SITE_URL, at: clock().toISOString() });
    if (queued) worker.kick();
    return { queued, accounts: accounts.length };
  }

  return {
    worker,
    networks,
    deliveries,
    publishArticle,
    rowsOf: (itemId: string) => outboxRowsOf(db, itemId),
    publicationsOf: (documentId: string) => publicationRowsOf(db, documentId),
  };
}

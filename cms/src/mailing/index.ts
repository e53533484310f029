import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { createMailer, type Mailer } from '@hub/integrations/mail';
import type { Clock } from '../hub/clock';
import type { HubConfig } from '../hub/config';
import { suspendSubscriber, type SubscriptionLinks } from '../subscriptions/recipients';
import { createJob, type JobKindName } from './jobs';
import { leftoverSentIds, openSentJournal } from './journal';
import { dropAllLeases, isPostgres, markSentIds } from './log';
import { ensureSendTables } from './schema';
import { createSendWorker, type JobKind, type SenderLog, type SendWorker } from './worker';
import type { MessageContext } from './broadcast';

/** The sending side as the rest of the CMS sees it. */
export interface Mailing {
  knex: Knex;
  /** The bulk mailer (pool, rate limit), shared by the jobs and the test sends. */
  mailer: Mailer;
  message: MessageContext;
  /** The process's clock (hub/clock.ts). */
  clock: Clock;
  links: SubscriptionLinks;
  /** Creates a job and has it sent; null when a job with this key exists already. */
  enqueue(job: { key: string; kind: JobKindName; content: unknown; requestedBy?: string | null }): Promise<number | null>;
  /** A job was created outside `enqueue` (in a transaction of its own): send it now. */
  wake(): void;
  /** Starts the worker with the kinds of jobs it knows. */
  start(kinds: Record<JobKindName, JobKind>): void;
  stop(): Promise<void>;
}

/** Where the rows are written, where the messages go, how fast: all from the hub's config. */
export async function createMailing(knex: Knex, config: HubConfig, clock: Clock, log: SenderLog): Promise<Mailing> {
  await ensureSendTables(knex);
  // Messages a killed process had handed over but not yet marked in the database: marked now.
  const journalFolder = path.resolve(config.HUB_DATA_DIR, 'mailing');
  const leftover = leftoverSentIds(journalFolder, { sharedFolder: isPostgres(knex) });
  if (leftover.ids.length) {
    const marked = await markSentIds(knex, leftover.ids, clock().getTime());
    if (marked) log.info(`mailing: ${marked} message(s) accepted by the mail server just before the previous process stopped, marked sent`);
  }
  leftover.discard();
  const journal = openSentJournal(journalFolder);
  // SQLite means one CMS process: leases left by a killed one need not run out first.
  if (!isPostgres(knex)) await dropAllLeases(knex);
  const mailer = createMailer({
    url: config.SMTP_URL,
    from: config.MAIL_FROM,
    letterbox: path.resolve(config.HUB_DATA_DIR, 'letterbox'),
    pool: true,
    maxConnections: config.NEWSLETTER_SMTP_CONNECTIONS,
    ratePerSecond: config.NEWSLETTER_RATE_PER_SECOND,
  });
  const links = { publicSiteUrl: config.PUBLIC_SITE_URL, secret: config.HUB_SUBSCRIPTION_SECRET };
  const message: MessageContext = { knex, links, from: config.MAIL_FROM, clock };
  const rate = config.NEWSLETTER_RATE_PER_SECOND;
  let worker: SendWorker | null = null;
  return {
    knex,
    mailer,
    message,
    links,
    clock,
    async enqueue(job) {
      const id = await createJob(knex, { ...job, now: clock().getTime() });
      if (id !== null) worker?.wake();
      return id;
    },
    wake() {
      worker?.wake();
    },
    start(kinds) {
      worker = createSendWorker({
        knex,
        mailer,
        kinds,
        log,
        journal,
        now: () => clock().getTime(),
        owner: `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`,
        onHardBounce: (row, reason, at) => suspendSubscriber(knex, row.subscriberId, reason, at),
        settings: {
          // About five seconds of sending per claim, so leases stay short and other jobs get turns.
          batchSize: Math.max(10, Math.min(200, Math.round(rate * 5))),
          concurrency: config.NEWSLETTER_SMTP_CONNECTIONS,
          leaseMs: config.NEWSLETTER_LEASE_SECONDS * 1000,
          maxAttempts: config.NEWSLETTER_MAX_ATTEMPTS,
          retryBaseMs: config.NEWSLETTER_RETRY_SECONDS * 1000,
          pollMs: 1000,
        },
      });
      worker.start();
    },
    async stop() {
      if (worker) await worker.stop();
      else mailer.close();
    },
  };
}

import { EventEmitter } from 'node:events';
import path from 'node:path';
import { createSiteNotifier } from '@hub/integrations/site-notice';
import type { OutboundAdapter } from '@hub/integrations';
import { createFacebookOutbound } from '@hub/integrations/facebook';
import { createXOutbound } from '@hub/integrations/x';
import { createAccounts } from './access/accounts.ts';
import { createCharterBook } from './charter/versions.ts';
import { computeDashboard } from './dashboard/stats.ts';
import { loadPeriod } from './dashboard/store.ts';
import type { ModerationConfig } from './config.ts';
import { createPoller } from './connectors/poller.ts';
import { accountsFromConfig } from './connectors/registry.ts';
import { createFacebookWebhook } from './connectors/webhook.ts';
import { socialAccountStates } from './connectors/state.ts';
import { migrate, openDatabase } from './db/database.ts';
import type { Logger } from './logger.ts';
import { eventsOf } from './queue/events.ts';
import { createQueue, type QueueChange } from './queue/service.ts';
import { PUBLIC_STATES } from './queue/states.ts';
import { createItemStore } from './queue/store.ts';
import { DEFAULT_SAVED_REPLIES } from './queue/saved-replies.ts';
import { enqueueOutbound, enqueuePublication, type ArticlePublication, type PublicationAccount } from './outbox/enqueue.ts';
import type { OutboundNetworks } from './outbox/network.ts';
import { createOutboxWorker, DEFAULT_BACKOFF, type Delivery } from './outbox/worker.ts';
import { createClaimPush } from './claims/push.ts';
import { createClaims } from './claims/service.ts';
import { createMailer } from '@hub/integrations/mail';
import { createCalendarBook, isOfficeHours, parisTime } from './calendar/index.ts';
import { createRoster } from './oncall/roster.ts';
import { onCallEmailDelivery, onCallWebhookDelivery, openClaimDelivery } from './escalation/deliveries.ts';
import { createEscalation } from './escalation/service.ts';
import { createEscalationSettings } from './escalation/settings-book.ts';
import { remembered } from './settings/store.ts';
import type { Clock } from './clock.ts';

/** How long values read for every new item are remembered (calendar, escalation settings, on-call). */
const REREAD_MS = 3_000;

/**
 * Wires the service once: database, stores, domain services, and who hears about changes
 * (the console's live feed, the site's cache). Passed to the HTTP layer as one object.
 */
export async function createServices(config: ModerationConfig, logger: Logger, clock: Clock) {
  const { db, dialect } = openDatabase(config.databaseUrl);
  await migrate(db, dialect, clock());
  const changes = new EventEmitter<{ change: [QueueChange] }>();
  changes.setMaxListeners(0);
  const site = createSiteNotifier(config.SITE_REVALIDATE_URL, config.HUB_REVALIDATE_SECRET, { clock, log: (m) => logger.warn(m) });

  const items = createItemStore(db, dialect);
  const charter = createCharterBook({ db, clock });
  await charter.ensureDefault();
  const accounts = createAccounts({ db, clock, sessionHours: config.SESSION_HOURS });
  await accounts.ensureFirstAdmin(config.HUB_ADMIN_EMAIL, config.HUB_ADMIN_PASSWORD);

  // Outbox: actions on the networks, for the configured Pages and X accounts.
  const outbound = new Map<string, OutboundAdapter>();
  for (const page of config.FACEBOOK_PAGES) outbound.set(`facebook:${page.id}`, createFacebookOutbound(page, config.FACEBOOK_GRAPH_URL));
  for (const account of config.TWITTER_ACCOUNTS) outbound.set(`x:${account.id}`, createXOutbound(account, config.TWITTER_API_URL));
  const networks: OutboundNetworks = (network, accountId) => outbound.get(`${network}:${accountId}`);
  // Deliveries other than network actions (claims to the CRM, on-call notifications), by kind.
  const deliveries: Record<string, Delivery> = {};
  // Claims pushed to the landlord's CRM (claims/README.md); registered before the worker starts.
  if (config.CLAIMS_WEBHOOK_URL && !config.CLAIMS_WEBHOOK_SECRET) throw new Error('Configuration du service de modération invalide : CLAIMS_WEBHOOK_SECRET (obligatoire avec CLAIMS_WEBHOOK_URL)');
  deliveries.claim_push = createClaimPush({ db, dialect, url: config.CLAIMS_WEBHOOK_URL, secret: config.CLAIMS_WEBHOOK_SECRET, clock, log: logger.child({ subsystem: 'claims' }) });
  const outbox = createOutboxWorker({
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
  outbox.start();

  const onChange = (change: QueueChange) => {
    outbox.kick();
    changes.emit('change', change);
    const touchesSite = PUBLIC_STATES.includes(change.state) || (change.previousState !== null && PUBLIC_STATES.includes(change.previousState));
    if (change.source === 'site_comment' && touchesSite) void site.notify({ model: 'moderation.comment', action: change.state, documentId: change.articleSlug });
  };
  // The weekend crisis procedure: office calendar, on-call roster, escalation of new items.
  const calendar = createCalendarBook({ db, clock, log: (m) => logger.warn(m) });
  const roster = createRoster({ db, clock });
  const provisioned = await roster.provision(config.ONCALL_ROSTER);
  if (provisioned.added || provisioned.updated) logger.info({ subsystem: 'oncall', ...provisioned }, 'on-call roster provisioned from ONCALL_ROSTER');
  const escalationSettings = createEscalationSettings({ db, clock });
  // Read for every new item: remembered a few seconds (an edit on another worker applies within them).
  const calendarNow = remembered(REREAD_MS, () => calendar.current());
  const settingsNow = remembered(REREAD_MS, () => escalationSettings.read());
  const onCall = [remembered(REREAD_MS, () => roster.onCallAt(clock(), 1)), remembered(REREAD_MS, () => roster.onCallAt(clock(), 2))] as const;
  const escalation = createEscalation({
    db,
    clock,
    isOfficeHours: async (at) => isOfficeHours(at, await calendarNow.get()),
    onCallAt: (_at, level) => onCall[level - 1]!.get(),
    readSettings: () => settingsNow.get(),
    kick: () => outbox.kick(),
  });
  const mailer = createMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, letterbox: path.join(config.HUB_DATA_DIR, 'letterbox') });
  const onCallDeliveries = { escalation, mailer, clock, consoleUrl: config.MODERATION_PUBLIC_URL, ackSecret: escalationSettings.ackSecret, webhookSecret: config.ONCALL_WEBHOOK_SECRET };
  deliveries.oncall_email = onCallEmailDelivery(onCallDeliveries);
  deliveries.oncall_webhook = onCallWebhookDelivery(onCallDeliveries);
  const escalationTimer = setInterval(() => void escalation.tick().catch((error) => logger.warn({ err: error }, 'escalation tick failed')), config.ESCALATION_TICK_SECONDS * 1000);
  escalationTimer.unref();

  const queue = createQueue({ db, items, charter, clock, onChange, enqueueOutbound, onIngest: escalation, log: logger.child({ subsystem: 'queue' }) });
  const claims = createClaims({
    db,
    dialect,
    items,
    queue,
    charter,
    accounts,
    clock,
    crmConfigured: !!config.CLAIMS_WEBHOOK_URL,
    publicSiteUrl: config.PUBLIC_SITE_URL,
    kick: () => outbox.kick(),
  });
  deliveries.open_claim = openClaimDelivery(claims);

  const socialAccounts = accountsFromConfig(config, { pageSize: config.SOCIAL_PAGE_SIZE });
  const poller = socialAccounts.length
    ? createPoller({
        db,
        accounts: socialAccounts,
        ingest: (item) => queue.ingest(item),
        update: (source, accountId, externalId, change) => queue.update(source, accountId, externalId, change),
        intervalMs: config.SOCIAL_POLL_SECONDS * 1000,
        now: clock,
        log: (level, message, details) => logger[level](details ?? {}, message),
        dailyReadBudget: config.TWITTER_DAILY_READ_BUDGET,
      })
    : undefined;
  await poller?.start();
  // Facebook Page webhooks (GET/POST /webhooks/facebook): changes pushed by Meta, signed.
  const facebookWebhook = createFacebookWebhook({
    appSecret: config.FACEBOOK_APP_SECRET,
    verifyToken: config.FACEBOOK_VERIFY_TOKEN,
    pages: config.FACEBOOK_PAGES,
    queue,
    clock,
    log: (level, message, details) => logger[level](details ?? {}, message),
  });

  return {
    /** The process's one clock (clock.ts): the HTTP layer and the resolvers read it too. */
    clock,
    db,
    dialect,
    items,
    queue,
    charter,
    accounts,
    claims,
    changes,
    itemEvents: (itemId: string) => eventsOf(db, itemId),
    savedReplies: async () => DEFAULT_SAVED_REPLIES,
    async dashboard(days: number) {
      const now = clock();
      const { items: period, events } = await loadPeriod(db, now, days);
      return { today: parisTime(now).date, ...computeDashboard(period, events, await calendar.current()) };
    },
    /** The team's public replies to site comments, by comment. */
    async publicReplies(itemIds: string[]) {
      const byItem = new Map<string, { text: string; at: string }[]>();
      if (!itemIds.length) return byItem;
      const rows = await db.selectFrom('item_events').select(['item_id', 'payload', 'created_at']).where('kind', '=', 'reply').where('item_id', 'in', itemIds).orderBy('id').execute();
      for (const row of rows) {
        const text = (JSON.parse(row.payload ?? '{}') as { text?: string }).text;
        if (text) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), { text, at: row.created_at }]);
      }
      return byItem;
    },
    poller,
    facebookWebhook,
    /** The social accounts' reading state, for the console. */
    socialAccounts: () => socialAccountStates(db, clock(), config.TWITTER_DAILY_READ_BUDGET),
    /**
     * An article published in the CMS with « share on social networks »: one outbox row per
     * configured Page and X account (all of them), at most once per article and account.
     */
    async publishArticle(publication: ArticlePublication): Promise<{ queued: number; accounts: number }> {
      const targets: PublicationAccount[] = [
        ...config.FACEBOOK_PAGES.map((p) => ({ network: 'facebook' as const, accountId: p.id })),
        ...config.TWITTER_ACCOUNTS.map((a) => ({ network: 'x' as const, accountId: a.id })),
      ];
      const queued = await enqueuePublication(db, publication, { accounts: targets, publicSiteUrl: config.PUBLIC_SITE_URL, at: clock().toISOString() });
      if (queued) outbox.kick();
      return { queued, accounts: targets.length };
    },
    /** The outbox worker and the network adapters (console, tests). */
    outbox: {
      worker: outbox,
      networks,
      rowsOf: (itemId: string) => db.selectFrom('outbox').selectAll().where('item_id', '=', itemId).orderBy('created_at').execute(),
      /** The rows of an article's cross-posting. */
      publicationsOf: (documentId: string) => db.selectFrom('outbox').selectAll().where('item_id', '=', `article:${documentId}`).orderBy('created_at').execute(),
    },
    calendar,
    roster,
    escalation,
    escalationSettings,
    async close() {
      clearInterval(escalationTimer);
      mailer.close();
      await poller?.stop();
      await facebookWebhook.idle();
      await outbox.stop();
      await db.destroy();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

import { EventEmitter } from 'node:events';
import path from 'node:path';
import { createMailer } from '@hub/integrations/mail';
import { parisTime } from '@hub/integrations/paris-time';
import { createSiteNotifier } from '@hub/integrations/site-notice';
import { createAccounts } from './access/accounts.ts';
import { createCharterBook } from './charter/versions.ts';
import { previewCharter } from './charter/preview.ts';
import type { CharterRule } from './charter/types.ts';
import { auditPage } from './audit/audit.ts';
import { computeDashboard } from './dashboard/stats.ts';
import { loadPeriod } from './dashboard/store.ts';
import type { ModerationConfig } from './config.ts';
import { wireConnectors } from './connectors/wiring.ts';
import { databaseReadiness, migrate, openDatabase } from './db/database.ts';
import type { Logger } from './logger.ts';
import { eventsOf, publicRepliesOf } from './queue/events.ts';
import { createQueue, type QueueChange } from './queue/service.ts';
import { createItemStore } from './queue/store.ts';
import { DEFAULT_SAVED_REPLIES } from './queue/saved-replies.ts';
import { createClaimPush } from './claims/push.ts';
import { createClaims } from './claims/service.ts';
import { openClaimDelivery } from './escalation/deliveries.ts';
import { wireEscalation } from './escalation/wiring.ts';
import { enqueueOutbound } from './outbox/enqueue.ts';
import { wireOutbox } from './outbox/wiring.ts';
import { wireRetention } from './retention/wiring.ts';
import { siteNoticeOf } from './public/site-notice.ts';
import { cmsSource } from './rights/cms-source.ts';
import { letterboxSource } from './rights/letterbox-source.ts';
import { createRightsRequests } from './rights/requests.ts';
import { createRights, type PersonalDataSource } from './rights/service.ts';
import { buildRegister } from './register/register.ts';
import type { Clock } from './clock.ts';

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

  const outbox = wireOutbox({ db, dialect, config, clock, logger });
  const kick = () => outbox.worker.kick();
  // Claims pushed to the landlord's CRM (claims/README.md); registered before the worker starts.
  outbox.deliveries.claim_push = createClaimPush({ db, dialect, url: config.CLAIMS_WEBHOOK_URL, secret: config.CLAIMS_WEBHOOK_SECRET, clock, log: logger.child({ subsystem: 'claims' }) });
  // MODERATION_ROLES: an API-only process enqueues; the workers' processes deliver and purge.
  const { workers } = config.MODERATION_ROLES;
  if (workers) outbox.worker.start();
  const retention = workers ? wireRetention({ db, config, clock, logger }) : { stop() {} };

  const onChange = (change: QueueChange) => {
    kick();
    changes.emit('change', change);
    const notice = siteNoticeOf(change);
    if (notice) void site.notify(notice);
  };
  const crisis = await wireEscalation({ db, config, clock, logger, deliveries: outbox.deliveries, kick });
  const { calendar, escalation } = crisis;

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
    kick,
  });
  outbox.deliveries.open_claim = openClaimDelivery(claims);

  const connectors = await wireConnectors({ db, dialect, config, clock, logger, queue });
  // Tenants' rights: search, export, erase one person's data (rights/README.md).
  const sources: PersonalDataSource[] = [letterboxSource(path.join(config.HUB_DATA_DIR, 'letterbox'))];
  if (config.CMS_URL && config.CMS_PRIVACY_TOKEN) sources.unshift(cmsSource({ url: config.CMS_URL, token: config.CMS_PRIVACY_TOKEN }));
  const rights = createRights({ db, items, clock, onChange, sources });
  const rightsRequests = createRightsRequests({
    db,
    clock,
    mailer: createMailer({ url: config.SMTP_URL, from: config.PRIVACY_MAIL_FROM, letterbox: path.join(config.HUB_DATA_DIR, 'letterbox') }),
    from: config.PRIVACY_MAIL_FROM,
    publicSiteUrl: config.PUBLIC_SITE_URL,
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
    rights,
    rightsRequests,
    changes,
    /** One item, or undefined. */
    item: (id: string) => items.get(db, id),
    itemEvents: (itemId: string) => eventsOf(db, itemId),
    auditLog: (limit: number, beforeId?: number) => auditPage(db, limit, beforeId),
    /** What the queue's recent items would get under `rules` (the charter's trial). */
    async previewCharter(rules: CharterRule[]) {
      return previewCharter({ db, current: (await charter.current()).compiled, rules });
    },
    savedReplies: async () => DEFAULT_SAVED_REPLIES,
    /** The register of processing, as the configuration makes it (register/README.md). */
    register: () => buildRegister(config),
    async dashboard(days: number) {
      const now = clock();
      const { items: period, events } = await loadPeriod(db, now, days);
      return { today: parisTime(now).date, ...computeDashboard(period, events, await calendar.current()) };
    },
    /** The team's public replies to site comments, by comment. */
    publicReplies: (itemIds: string[]) => publicRepliesOf(db, itemIds),
    poller: connectors.poller,
    facebookWebhook: connectors.facebookWebhook,
    /** The social accounts' reading state, for the console. */
    socialAccounts: connectors.socialAccounts,
    publishArticle: outbox.publishArticle,
    /** The outbox worker and the network adapters (console, tests). */
    outbox: { worker: outbox.worker, networks: outbox.networks, rowsOf: outbox.rowsOf, publicationsOf: outbox.publicationsOf },
    calendar,
    roster: crisis.roster,
    escalation,
    escalationSettings: crisis.escalationSettings,
    /** `/ready`: the database answers and is migrated. */
    ready: () => databaseReadiness(db),
    async close() {
      crisis.stop();
      await connectors.stop();
      retention.stop();
      await outbox.worker.stop();
      await db.destroy();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

/**
 * What the GraphQL resolvers may use: the domain services, without the database handle, the
 * stores or the process's workers (those stay with the wiring, the HTTP edge and the tests).
 */
export type ConsoleServices = Omit<Services, 'db' | 'dialect' | 'items' | 'changes' | 'poller' | 'facebookWebhook' | 'outbox' | 'close'> & {
  items: Pick<Services['items'], 'page' | 'countsByState' | 'countsBySource' | 'total' | 'thread' | 'authorHistory'>;
};

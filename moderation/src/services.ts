import { EventEmitter } from 'node:events';
import { createSiteNotifier } from '@hub/integrations/site-notice';
import { createAccounts } from './access/accounts.ts';
import { createCharterBook } from './charter/versions.ts';
import { computeDashboard } from './dashboard/stats.ts';
import { loadPeriod } from './dashboard/store.ts';
import type { ModerationConfig } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import type { Logger } from './logger.ts';
import { eventsOf } from './queue/events.ts';
import { createQueue, type QueueChange } from './queue/service.ts';
import { PUBLIC_STATES } from './queue/states.ts';
import { createItemStore } from './queue/store.ts';
import { DEFAULT_SAVED_REPLIES } from './queue/saved-replies.ts';

/**
 * Wires the service once: database, stores, domain services, and who hears about changes
 * (the console's live feed, the site's cache). Passed to the HTTP layer as one object.
 */
export async function createServices(config: ModerationConfig, logger: Logger, clock: () => Date = () => new Date()) {
  const { db, dialect } = openDatabase(config.databaseUrl);
  await migrate(db, dialect);
  const changes = new EventEmitter<{ change: [QueueChange] }>();
  changes.setMaxListeners(0);
  const site = createSiteNotifier(config.SITE_REVALIDATE_URL, config.HUB_REVALIDATE_SECRET, (m) => logger.warn(m));

  const items = createItemStore(db, dialect);
  const charter = createCharterBook({ db, clock });
  await charter.ensureDefault();
  const accounts = createAccounts({ db, clock, sessionHours: config.SESSION_HOURS });
  await accounts.ensureFirstAdmin(config.HUB_ADMIN_EMAIL, config.HUB_ADMIN_PASSWORD);

  const onChange = (change: QueueChange) => {
    changes.emit('change', change);
    const touchesSite = PUBLIC_STATES.includes(change.state) || (change.previousState !== null && PUBLIC_STATES.includes(change.previousState));
    if (change.source === 'site_comment' && touchesSite) void site.notify({ model: 'moderation.comment', action: change.state, documentId: change.articleSlug });
  };
  const queue = createQueue({ db, items, charter, clock, onChange });

  return {
    db,
    dialect,
    items,
    queue,
    charter,
    accounts,
    changes,
    itemEvents: (itemId: string) => eventsOf(db, itemId),
    savedReplies: async () => DEFAULT_SAVED_REPLIES,
    async dashboard(days: number) {
      const { items: period, events } = await loadPeriod(db, clock(), days);
      return computeDashboard(period, events);
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
    close: () => db.destroy(),
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

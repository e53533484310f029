import type { SiteNotice } from '@hub/integrations/contracts';
import { createSiteNotifier, type SiteNotifier } from '@hub/integrations/site-notice';
import type { Core } from '@strapi/strapi';
import type { Clock } from '../hub/clock';
import type { HubConfig } from '../hub/config';

/** What the site is told: enough to drop the right pages, nothing private (the contract's site notice). */
export type ContentChange = SiteNotice;

const CHANGING_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * Tells the site, after the change is committed, that content changed. A site that is down
 * has nothing cached worth keeping fresh: it starts empty, so a few quick retries are enough.
 */
let notifier: SiteNotifier | null = null;
async function notifySite(strapi: Core.Strapi, config: HubConfig, clock: Clock, change: ContentChange): Promise<void> {
  // Every instance of the site (SITE_REVALIDATE_URL may list several): each keeps its own cache.
  notifier ??= createSiteNotifier(config.SITE_REVALIDATE_URL, config.HUB_REVALIDATE_SECRET, { clock, log: (m) => strapi.log.warn(`site-cache: ${m}`) });
  await notifier.notify(change);
}

let muted = false;

/** Runs `work` without telling the site (the demo seed runs before the site has any cache). */
export async function withoutSiteNotices<T>(work: () => Promise<T>): Promise<T> {
  muted = true;
  try {
    return await work();
  } finally {
    muted = false;
  }
}

/** Tells the site about a change made outside the Document Service (e.g. a newsletter's send date). */
export function announceChange(strapi: Core.Strapi, config: HubConfig, clock: Clock, change: ContentChange): void {
  if (muted || !config.SITE_REVALIDATE_URL || !config.HUB_REVALIDATE_SECRET) return;
  void notifySite(strapi, config, clock, change);
}

/** Document Service middleware: every change to the landlord's content reaches the site. */
export function registerSiteCacheNotifier(strapi: Core.Strapi, config: HubConfig, clock: Clock): void {
  if (!config.SITE_REVALIDATE_URL || !config.HUB_REVALIDATE_SECRET) return;
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (!muted && context.uid.startsWith('api::') && CHANGING_ACTIONS.has(context.action)) {
      const documentId = (context.params as { documentId?: string }).documentId;
      void notifySite(strapi, config, clock, { model: context.uid, action: context.action, documentId });
    }
    return result;
  });
}

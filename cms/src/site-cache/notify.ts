import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Clock } from '../hub/clock';
import type { HubConfig } from '../hub/config';

/** What the site is told: enough to drop the right pages, nothing private. */
export interface ContentChange {
  model: string;
  action: string;
  documentId?: string;
}

const CHANGING_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** Signs `timestamp.body` so a replayed or forged notice is refused by the site. */
export function signChange(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

async function post(url: string, secret: string, change: ContentChange, now: Date): Promise<void> {
  const body = JSON.stringify(change);
  const timestamp = String(now.getTime());
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-timestamp': timestamp,
      'x-hub-signature-256': signChange(secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(3000),
  });
  if (!res.ok) throw new Error(`site answered ${res.status}`);
}

/**
 * Tells the site, after the change is committed, that content changed. A site that is down
 * has nothing cached worth keeping fresh: it starts empty, so a few quick retries are enough.
 */
async function notifySite(strapi: Core.Strapi, config: HubConfig, clock: Clock, change: ContentChange): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await post(config.SITE_REVALIDATE_URL, config.HUB_REVALIDATE_SECRET, change, clock());
      return;
    } catch (error) {
      if (attempt === 3) {
        strapi.log.warn(`site-cache: notice not delivered (${change.model} ${change.action}): ${(error as Error).message}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
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

import type { SiteNotice } from '@hub/integrations/contracts';
import type { QueueChange } from '../queue/service.ts';
import { PUBLIC_STATES } from '../queue/states.ts';

/**
 * The site's cache holds the article pages with their comments: a site comment that enters or
 * leaves the public states changes the article's page, so the site is told to drop it.
 */
export function siteNoticeOf(change: QueueChange): SiteNotice | null {
  const touchesSite = PUBLIC_STATES.includes(change.state) || (change.previousState !== null && PUBLIC_STATES.includes(change.previousState));
  return change.source === 'site_comment' && touchesSite ? { model: 'moderation.comment', action: change.state, documentId: change.articleSlug } : null;
}

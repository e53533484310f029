import type { Core } from '@strapi/strapi';
import type { HubConfig } from '../hub/config';
import type { Mailing } from '../mailing';
import { addedNuisances, articleEvent, isPublication, type AlertEvent, type NuisanceNotice, type Rubrique } from './events';
import { renderAlert } from './render';
import { recordAlert } from './store';

const ARTICLE = 'api::article.article';
const WORKSITE = 'api::worksite.worksite';

let muted = false;

/** Runs `work` without alerts (the demo seed publishes everything before anyone subscribed). */
export async function withoutAlerts<T>(work: () => Promise<T>): Promise<T> {
  muted = true;
  try {
    return await work();
  } finally {
    muted = false;
  }
}

interface PublishedArticle {
  documentId: string;
  title: string;
  slug: string;
  excerpt?: string | null;
  rubrique: Rubrique;
  worksite?: { documentId: string; name: string; slug: string } | null;
}

interface PublishedWorksite {
  documentId: string;
  name: string;
  slug: string;
  nuisances?: NuisanceNotice[];
}

/**
 * Document Service middleware: an article's first publication, and nuisance notices that a
 * worksite's publication adds, become alerts for the subscribers of the worksite and the
 * rubrique. The alert and its sending job are recorded before the publish answers (so a crash
 * right after loses nothing); a failure is logged and never fails the publish.
 */
export function registerAlertDetection(strapi: Core.Strapi, config: HubConfig, mailing: () => Mailing | null): void {
  const published = async <T>(uid: string, documentId: string, extra: Record<string, unknown>) =>
    (await strapi.documents(uid as never).findOne({ documentId, status: 'published', ...extra } as never)) as T | null;

  async function record(events: AlertEvent[]): Promise<void> {
    const sending = mailing();
    if (!sending) return;
    for (const event of events) {
      const template = renderAlert(event.payload, { landlord: config.SITE_NAME, publicSiteUrl: config.PUBLIC_SITE_URL });
      const id = await recordAlert(sending.knex, event, template, sending.clock().getTime());
      if (id !== null) {
        strapi.log.info(`alerts: ${event.key} recorded (alert ${id}, topics ${event.topics.join(', ')})`);
        sending.wake();
      }
    }
  }

  strapi.documents.use(async (context, next) => {
    const params = context.params as { documentId?: string; status?: string };
    if (muted || !mailing() || (context.uid !== ARTICLE && context.uid !== WORKSITE) || !isPublication(context.action, params)) return next();
    const before = params.documentId
      ? context.uid === ARTICLE
        ? await published<{ documentId: string }>(ARTICLE, params.documentId, { fields: ['documentId'] })
        : await published<PublishedWorksite>(WORKSITE, params.documentId, { fields: ['name'], populate: { nuisances: true } })
      : null;
    const result = await next();
    const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    if (!documentId) return result;
    try {
      if (context.uid === ARTICLE) {
        // A republication (already online before) is not news; the alert key guards the rest.
        if (before) return result;
        const article = await published<PublishedArticle>(ARTICLE, documentId, {
          fields: ['title', 'slug', 'excerpt', 'rubrique'],
          populate: { worksite: { fields: ['name', 'slug'] } },
        });
        if (article) await record([articleEvent(article, config.PUBLIC_SITE_URL)]);
      } else {
        const worksite = await published<PublishedWorksite>(WORKSITE, documentId, { fields: ['name', 'slug'], populate: { nuisances: true } });
        if (worksite) {
          const previous = (before as PublishedWorksite | null)?.nuisances ?? [];
          await record(addedNuisances(worksite, previous, worksite.nuisances ?? [], config.PUBLIC_SITE_URL));
        }
      }
    } catch (error) {
      strapi.log.warn(`alerts: ${context.uid} ${documentId} published, alert not recorded: ${(error as Error).message}`);
    }
    return result;
  });
}

import type { Core } from '@strapi/strapi';
import type { HubConfig } from '../hub/config';
import type { BroadcastContent } from '../mailing/broadcast';
import type { Mailing } from '../mailing';
import { jobByKey, progressOf, type Job, type Progress } from '../mailing/jobs';
import { frenchDateTime } from '@hub/integrations/paris-time';
import { fillTemplate, siteLink } from '../mailing/template';
import { announceChange } from '../site-cache/notify';
import { normalizeEmail } from '../subscriptions/email-address';
import { recipientsOf } from '../subscriptions/recipients';
import { NewsletterError } from './errors';
import { renderNewsletter, type NewsletterContent } from './render';

export const NEWSLETTER = 'api::newsletter.newsletter';
export const NEWSLETTER_TOPIC = 'newsletter';

export interface SendingStatus {
  published: boolean;
  /** Active subscribers of the newsletter, before the send (null once it started). */
  audience: number | null;
  job: null | (Progress & { id: number; state: Job['state']; startedAt: string | null; finishedAt: string | null; createdAt: string });
}

const keyOf = (documentId: string) => `newsletter:${documentId}`;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Sending a newsletter from the CMS: its status, a test to one address, the one real send. */
export function createNewsletterSending(strapi: Core.Strapi, mailing: Mailing, config: HubConfig) {
  const read = async (documentId: string, status: 'draft' | 'published') =>
    (await strapi.documents(NEWSLETTER).findOne({
      documentId,
      status,
      fields: ['title', 'slug', 'intro'],
      populate: { articles: { fields: ['title', 'slug', 'excerpt'] } },
    } as never)) as unknown as (NewsletterContent & { documentId: string }) | null;

  async function audience(): Promise<number> {
    let count = 0;
    for (let after = 0; ; ) {
      const page = await recipientsOf(mailing.knex, [NEWSLETTER_TOPIC], after, 5000);
      count += page.length;
      if (page.length < 5000) return count;
      after = page[page.length - 1]!.subscriberId;
    }
  }

  async function status(documentId: string): Promise<SendingStatus> {
    const published = (await read(documentId, 'published')) !== null;
    const job = await jobByKey(mailing.knex, keyOf(documentId));
    if (!job) return { published, audience: published ? await audience() : null, job: null };
    const progress = await progressOf(mailing.knex, job.id);
    return {
      published,
      audience: null,
      job: { id: job.id, state: job.state, ...progress, createdAt: iso(job.createdAt)!, startedAt: iso(job.startedAt), finishedAt: iso(job.finishedAt) },
    };
  }

  /** The draft as it stands, to one address, marked as a test; as many times as wanted. */
  async function sendTest(documentId: string, address: unknown): Promise<void> {
    const checked = normalizeEmail(address);
    if (!checked.ok) throw new NewsletterError('invalid_test_address');
    const newsletter = (await read(documentId, 'draft')) ?? (await read(documentId, 'published'));
    if (!newsletter) throw new NewsletterError('not_found');
    const template = renderNewsletter(newsletter, { landlord: config.SITE_NAME, publicSiteUrl: config.PUBLIC_SITE_URL, date: mailing.clock() });
    // A test has no subscriber: its links lead to the subscriptions page, where nothing happens by itself.
    const page = siteLink(config.PUBLIC_SITE_URL, '/abonnements');
    const filled = fillTemplate(template, { unsubscribe: page, preferences: page });
    try {
      await mailing.mailer.send({ to: checked.email, subject: `[Test] ${filled.subject}`, text: filled.text, html: filled.html, unsubscribeUrl: page, headers: { 'X-Hub-Mailing': 'test' } });
    } catch (error) {
      throw new NewsletterError('test_failed', (error as Error).message);
    }
  }

  /** The one send: the published version to every active subscriber, in the background. */
  async function send(documentId: string, requestedBy: string | null): Promise<SendingStatus> {
    if (!config.HUB_SUBSCRIPTION_SECRET) throw new NewsletterError('links_unavailable');
    const newsletter = await read(documentId, 'published');
    if (!newsletter) throw new NewsletterError((await read(documentId, 'draft')) ? 'not_published' : 'not_found');
    const refuse = async () => {
      const job = await jobByKey(mailing.knex, keyOf(documentId));
      throw new NewsletterError('already_sent', job ? `(Envoi lancé le ${frenchDateTime(job.createdAt)}.)` : undefined);
    };
    if (await jobByKey(mailing.knex, keyOf(documentId))) await refuse();
    const now = mailing.clock();
    const content: BroadcastContent & { documentId: string } = {
      documentId,
      topics: [NEWSLETTER_TOPIC],
      template: renderNewsletter(newsletter, { landlord: config.SITE_NAME, publicSiteUrl: config.PUBLIC_SITE_URL, date: now }),
    };
    // The unique key decides between two clicks or two instances: only one job is created.
    const id = await mailing.enqueue({ key: keyOf(documentId), kind: 'newsletter', content, requestedBy });
    if (id === null) await refuse();
    // The site's archive shows the send date: set on both the draft and the published version.
    await strapi.db.query(NEWSLETTER).updateMany({ where: { documentId }, data: { sendDate: now } });
    announceChange(strapi, config, mailing.clock, { model: NEWSLETTER, action: 'update', documentId });
    strapi.log.info(`newsletters: sending of ${documentId} started (job ${id}, asked by admin user ${requestedBy ?? '?'})`);
    return status(documentId);
  }

  return { status, sendTest, send };
}

export type NewsletterSending = ReturnType<typeof createNewsletterSending>;

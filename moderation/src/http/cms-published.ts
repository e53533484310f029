import { checkSignature, publishedArticleSchema, type SignedRequest } from '@hub/integrations/contracts';
import { HubError } from '../errors.ts';
import { parseJson, readBody } from './body.ts';
import { sendJson } from './respond.ts';
import type { Route } from './routes.ts';
import type { Clock } from '../clock.ts';

export const CMS_PUBLISHED_PATH = '/cms/published';
const MAX_BODY_BYTES = 64 * 1024;

/** What the CMS sends when an article to share is published (cms/src/social/share.ts): the contract's published-article notice. */
export type { PublishedNotice } from '@hub/integrations/contracts';

/** What is handed on to be shared (the outbox's ArticlePublication). */
export interface PublishedArticle {
  documentId: string;
  slug: string;
  message: string;
}

const refused = (detail: string) => new HubError('UNAUTHENTICATED', { message: 'Signature de l’avis de publication invalide ou expirée.', detail });

/** Checks the timestamp (±5 minutes) and the signature, in constant time. `secret`: CMS_PUBLISH_SECRET. */
export function verifyPublished(secret: string, request: SignedRequest, now: number): void {
  const check = checkSignature(secret, request, now);
  if (!check.ok) throw refused(check.detail === 'secret not set' ? 'CMS_PUBLISH_SECRET not set' : check.detail);
}

export interface CmsPublishedOptions {
  /** CMS_PUBLISH_SECRET, the CMS → moderation key: never HUB_REVALIDATE_SECRET, which the public site holds too. */
  secret: string;
  publishArticle(publication: PublishedArticle): Promise<{ queued: number; accounts: number }>;
  clock: Clock;
}

/**
 * `POST /cms/published`: the CMS's signed notice that an article with « share on social
 * networks » was published. Queues one outbox row per configured account; a notice received
 * again (replayed, or the article published again) adds nothing, thanks to the idempotency key.
 * Another method gets 404.
 */
export function createCmsPublishedRoutes(options: CmsPublishedOptions): Route[] {
  const { clock } = options;
  const handler: Route['handler'] = async (req, res) => {
    const body = await readBody(req, MAX_BODY_BYTES);
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    verifyPublished(options.secret, { timestamp: header('x-hub-timestamp'), signature: header('x-hub-signature-256'), body }, clock().getTime());
    const parsed = publishedArticleSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
      throw new HubError('INVALID_INPUT', { message: `Avis de publication invalide (champs : ${fields}).` });
    }
    const { documentId, slug, message } = parsed.data;
    const result = await options.publishArticle({ documentId, slug, message });
    sendJson(res, 202, { ok: true, ...result });
  };
  return [{ method: 'POST', path: CMS_PUBLISHED_PATH, caller: 'cms', handler }];
}

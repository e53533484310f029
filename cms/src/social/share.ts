import type { Core } from '@strapi/strapi';
import type { Clock } from '../hub/clock';
import type { HubConfig } from '../hub/config';
import { postSigned, type PublishedNoticeInput } from '@hub/integrations/contracts';

const ARTICLE = 'api::article.article';
const MESSAGE_MAX = 250;

/** What moderation is told when an article to share is published (the contract's published-article notice, see moderation's POST /cms/published). */
export type PublishedNotice = PublishedNoticeInput;

interface ArticleFields {
  documentId: string;
  slug?: string | null;
  title?: string | null;
  excerpt?: string | null;
  shareOnSocial?: boolean | null;
  socialMessage?: string | null;
  publishedAt?: string | Date | null;
}

/** `text` on one line, at most `max` characters, cut with « … » when longer. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The message posted with the link: the editor's own, or the title and the excerpt, shortened. */
export function socialMessageOf(article: Pick<ArticleFields, 'title' | 'excerpt' | 'socialMessage'>): string {
  const own = article.socialMessage?.trim();
  if (own) return shorten(own, MESSAGE_MAX);
  const title = article.title?.trim() ?? '';
  const excerpt = article.excerpt?.trim();
  return shorten(excerpt ? `${title} — ${excerpt}` : title, MESSAGE_MAX);
}

/** The notice for a published article, or null when it is not to be shared. */
export function noticeFor(article: ArticleFields): PublishedNotice | null {
  if (!article.shareOnSocial || !article.slug) return null;
  const message = socialMessageOf(article);
  if (!message) return null;
  // Left out when unknown: the contract has no null (JSON.stringify drops an undefined field).
  const publishedAt = article.publishedAt ? new Date(article.publishedAt).toISOString() : undefined;
  return { documentId: article.documentId, slug: article.slug, title: article.title ?? '', message, publishedAt };
}


/**
 * Tells moderation, after the publish is committed, to cross-post the article. Moderation
 * keys the posts by article and account, so a notice sent twice posts nothing twice.
 */
async function share(strapi: Core.Strapi, config: HubConfig, clock: Clock, documentId: string): Promise<void> {
  let notice: PublishedNotice | null;
  try {
    const article = (await strapi.documents(ARTICLE).findOne({
      documentId,
      status: 'published',
      fields: ['title', 'slug', 'excerpt', 'shareOnSocial', 'socialMessage', 'publishedAt'],
    })) as ArticleFields | null;
    notice = article ? noticeFor(article) : null;
  } catch (error) {
    strapi.log.warn(`social: article ${documentId} not read after publish: ${(error as Error).message}`);
    return;
  }
  if (!notice) return;
  // A refusal (bad signature, invalid notice) is final: it will not change by trying again.
  const result = await postSigned(config.MODERATION_PUBLISH_URL, notice, { secret: config.CMS_PUBLISH_SECRET, clock, attempts: 4, timeoutMs: 5000, backoffMs: 500 });
  if (result.delivered) strapi.log.info(`social: article ${documentId} sent to moderation for sharing`);
  else strapi.log.warn(`social: article ${documentId} not shared (moderation unreachable or refusing): moderation ${result.detail}`);
}

/** A publish, or a create / update that publishes at once (`status: 'published'`, as the REST API does). */
function isPublication(action: string, params: { status?: string }): boolean {
  return action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published');
}

/**
 * Document Service middleware: an article published with « Partager sur les réseaux sociaux »
 * is announced to moderation, which posts it on every configured Facebook Page and X account.
 * Never blocks nor fails the publish.
 */
export function registerSocialShare(strapi: Core.Strapi, config: HubConfig, clock: Clock): void {
  if (!config.MODERATION_PUBLISH_URL) return;
  if (!config.CMS_PUBLISH_SECRET) {
    strapi.log.warn('social: MODERATION_PUBLISH_URL is set but CMS_PUBLISH_SECRET is not: articles will not be shared');
    return;
  }
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (context.uid === ARTICLE && isPublication(context.action, context.params as { status?: string })) {
      const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (documentId) void share(strapi, config, clock, documentId).catch(() => {});
    }
    return result;
  });
}

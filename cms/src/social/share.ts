import type { Core } from '@strapi/strapi';
import type { Clock } from '../hub/clock';
import type { HubConfig } from '../hub/config';
import { signChange } from '../site-cache/notify';

const ARTICLE = 'api::article.article';
const MESSAGE_MAX = 250;

/** What moderation is told when an article to share is published (see moderation's POST /cms/published). */
export interface PublishedNotice {
  documentId: string;
  slug: string;
  title: string;
  message: string;
  publishedAt: string | null;
}

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
  const publishedAt = article.publishedAt ? new Date(article.publishedAt).toISOString() : null;
  return { documentId: article.documentId, slug: article.slug, title: article.title ?? '', message, publishedAt };
}

async function post(url: string, secret: string, notice: PublishedNotice, now: Date): Promise<void> {
  const body = JSON.stringify(notice);
  const timestamp = String(now.getTime());
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-timestamp': timestamp, 'x-hub-signature-256': signChange(secret, timestamp, body) },
    body,
    signal: AbortSignal.timeout(5000),
  });
  // A refusal (bad signature, invalid notice) will not change by trying again.
  if (res.status >= 400 && res.status < 500) throw Object.assign(new Error(`moderation answered ${res.status}`), { final: true });
  if (!res.ok) throw new Error(`moderation answered ${res.status}`);
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
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      await post(config.MODERATION_PUBLISH_URL, config.HUB_REVALIDATE_SECRET, notice, clock());
      strapi.log.info(`social: article ${documentId} sent to moderation for sharing`);
      return;
    } catch (error) {
      if (attempt === 4 || (error as { final?: boolean }).final) {
        strapi.log.warn(`social: article ${documentId} not shared (moderation unreachable or refusing): ${(error as Error).message}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
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
  if (!config.MODERATION_PUBLISH_URL || !config.HUB_REVALIDATE_SECRET) return;
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (context.uid === ARTICLE && isPublication(context.action, context.params as { status?: string })) {
      const documentId = (context.params as { documentId?: string }).documentId ?? (result as { documentId?: string } | null)?.documentId;
      if (documentId) void share(strapi, config, clock, documentId).catch(() => {});
    }
    return result;
  });
}

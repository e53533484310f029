import { z } from 'zod';

/**
 * CMS → site and moderation → site: the signed notice that content changed (`POST /api/revalidate`
 * of the site), sent by cms/src/site-cache/notify.ts and ../site-notice/notice.ts, received by
 * site/src/pages/api/revalidate.ts. Enough to name the change, nothing private.
 */
export const siteNoticeSchema = z.object({
  /** What changed: a Strapi uid (`api::article.article`) or `moderation.comment`. */
  model: z.string(),
  /** The Document Service action, or the comment's new state. */
  action: z.string(),
  /** The document (or, for a comment, the article's slug), when there is one. */
  documentId: z.string().nullish(),
});

export type SiteNotice = z.infer<typeof siteNoticeSchema>;

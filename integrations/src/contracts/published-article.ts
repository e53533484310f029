import { z } from 'zod';

/**
 * CMS → moderation: the signed notice that an article to share on the social networks was
 * published, sent by cms/src/social/share.ts, received by moderation's `POST /cms/published`
 * (moderation/src/http/cms-published.ts).
 */
export const publishedArticleSchema = z.object({
  documentId: z.string().min(1).max(100),
  slug: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.~-]+$/),
  title: z.string().max(300).default(''),
  message: z.string().trim().min(1).max(1000),
  publishedAt: z.string().max(40).optional(),
});

/** The notice as moderation reads it (title defaulted, message trimmed). */
export type PublishedNotice = z.infer<typeof publishedArticleSchema>;
/** The notice as the CMS sends it. */
export type PublishedNoticeInput = z.input<typeof publishedArticleSchema>;

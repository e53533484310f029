import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';

/**
 * Site → moderation: a comment (`POST /public/comments`) and a contact message
 * (`POST /public/contact`), sent by site/src/moderation/client.ts (from site/src/lib/comment-post.ts
 * and contact-post.ts), received by moderation/src/public/routes.ts. And moderation → site: the
 * published comments of an article (`GET /public/comments?article=`), read by the site's client.
 * The messages are French: the site shows the first one to the visitor.
 */

/**
 * Plain text only, kept as typed: tags (and what script/style hold) are removed on the way in,
 * nothing is HTML-escaped. Each output escapes it once (Astro on the site, textContent in the
 * console, escapeHtml in e-mails), so « M&M » is stored and shown as « M&M », « &amp; » as typed.
 */
export function plainText(value: string): string {
  // sanitize-html decodes entities while parsing and escapes & < > in what it writes back. Escaping
  // every « & » first keeps typed entities as text; undoing its escaping afterwards gives the text.
  return sanitizeHtml(value.replace(/&/g, '&amp;'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\r\n/g, '\n')
    .trim();
}

const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .transform(plainText)
    .pipe(z.string().min(min, `${label} : champ obligatoire.`).max(max, `${label} : ${max} caractères au maximum.`));

/** A comment posted from the site, as the site forwards it. */
export const commentSchema = z.object({
  articleSlug: z.string().regex(/^[a-z0-9-]{1,160}$/, 'Article inconnu.'),
  worksiteSlug: z.string().regex(/^[a-z0-9-]{1,160}$/).nullish(),
  authorName: text('Votre nom', 60),
  text: text('Votre commentaire', 2000, 2),
  clientKey: z.string().min(8).max(128),
  /** Honeypot: people leave it empty, robots fill it. */
  website: z.string().max(500).optional(),
});

export type Comment = z.infer<typeof commentSchema>;
/** What the site sends: the visitor's fields as typed, checked by moderation. */
export type CommentPayload = z.input<typeof commentSchema>;

/** A message from the contact form. */
export const contactSchema = z.object({
  name: text('Votre nom', 80),
  contact: text('Votre e-mail ou téléphone', 120, 5),
  residence: text('Votre résidence', 120, 0).optional(),
  subject: text('Objet', 120),
  message: text('Votre message', 4000, 5),
  consent: z.literal(true, { error: 'Merci de cocher la case de consentement.' }),
  clientKey: z.string().min(8).max(128),
  website: z.string().max(500).optional(),
});

export type ContactMessage = z.infer<typeof contactSchema>;
/** What the site sends: the box ticked or not (moderation refuses it unticked, in French). */
export type ContactPayload = Omit<z.input<typeof contactSchema>, 'consent'> & { consent: boolean };

/** A published comment and the team's public replies, as moderation lists them for the site. */
export const publishedCommentSchema = z.object({
  id: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
  replies: z.array(z.object({ text: z.string(), at: z.string() })).default([]),
});

export const publishedCommentsSchema = z.object({ comments: z.array(publishedCommentSchema) });

export type PublishedComment = z.infer<typeof publishedCommentSchema>;
/** What moderation answers (`replies` may be left out). */
export type PublishedCommentsAnswer = z.input<typeof publishedCommentsSchema>;

import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';

/** Plain text only: tags are removed on the way in (and escaped again on the way out). */
export function plainText(value: string): string {
  return sanitizeHtml(value, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\r\n/g, '\n')
    .trim();
}

const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .transform(plainText)
    .pipe(z.string().min(min, `${label} : champ obligatoire.`).max(max, `${label} : ${max} caractères au maximum.`));

/** A comment posted from the site, as the site forwards it. */
export const commentInput = z.object({
  articleSlug: z.string().regex(/^[a-z0-9-]{1,160}$/, 'Article inconnu.'),
  worksiteSlug: z.string().regex(/^[a-z0-9-]{1,160}$/).nullish(),
  authorName: text('Votre nom', 60),
  text: text('Votre commentaire', 2000, 2),
  clientKey: z.string().min(8).max(128),
  /** Honeypot: people leave it empty, robots fill it. */
  website: z.string().max(500).optional(),
});

/** A message from the contact form. */
export const contactInput = z.object({
  name: text('Votre nom', 80),
  contact: text('Votre e-mail ou téléphone', 120, 5),
  residence: text('Votre résidence', 120, 0).optional(),
  subject: text('Objet', 120),
  message: text('Votre message', 4000, 5),
  consent: z.literal(true, { error: 'Merci de cocher la case de consentement.' }),
  clientKey: z.string().min(8).max(128),
  website: z.string().max(500).optional(),
});

/** The first problem, in French, for the form to show. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Certaines informations sont invalides.';
}

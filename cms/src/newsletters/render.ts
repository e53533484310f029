import { blockHtml, blockText, frameHtml, frameText, style } from '../mailing/layout';
import { frenchDate } from '@hub/integrations/paris-time';
import { escapeHtml, siteLink, type MailTemplate } from '../mailing/template';

/** The newsletter as read from the CMS (published version for a send, draft for a test). */
export interface NewsletterContent {
  title: string;
  intro?: string | null;
  articles: Array<{ title: string; slug: string; excerpt?: string | null }>;
}

export interface NewsletterMailOptions {
  landlord: string;
  publicSiteUrl: string;
  /** The date printed under the title. */
  date: Date;
}

/** Paragraphs of a plain-text field (blank lines separate them). */
const paragraphs = (text: string | null | undefined) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/** The newsletter as an e-mail: the intro, then each chosen article with its excerpt and link. */
export function renderNewsletter(newsletter: NewsletterContent, options: NewsletterMailOptions): MailTemplate {
  const intro = paragraphs(newsletter.intro);
  const items = newsletter.articles.map((a) => ({
    heading: a.title,
    url: siteLink(options.publicSiteUrl, `/articles/${encodeURIComponent(a.slug)}`),
    lines: [a.excerpt?.trim() ?? ''],
    button: 'Lire l’article',
  }));
  const archive = siteLink(options.publicSiteUrl, '/newsletters');
  const frame = {
    landlord: options.landlord,
    siteUrl: options.publicSiteUrl,
    preheader: intro[0] ?? newsletter.title,
    title: newsletter.title,
    subtitle: `Lettre d’information du ${frenchDate(options.date)}`,
    reason: 'Vous recevez cette lettre d’information parce que vous vous y êtes abonné·e sur notre site.',
  };
  const introHtml = intro.map((p) => `<p style="${style.p}">${escapeHtml(p)}</p>`).join('');
  const summaryHtml = items.length ? `<h2 style="${style.h2}margin-top:8px;">Au sommaire</h2>${items.map(blockHtml).join('')}` : '';
  const archiveHtml = `<p style="${style.muted}margin-top:16px;">Toutes nos lettres : <a href="${escapeHtml(archive)}" style="${style.link}">${escapeHtml(archive)}</a></p>`;
  const text = [...intro, ...(items.length ? ['', 'AU SOMMAIRE', '', items.map((item, i) => blockText(item, i + 1)).join('\n\n')] : []), '', `Toutes nos lettres : ${archive}`].join('\n\n').replace(/\n{3,}/g, '\n\n');
  return {
    subject: newsletter.title,
    html: frameHtml({ ...frame, bodyHtml: introHtml + summaryHtml + archiveHtml, bodyText: '' }),
    text: frameText({ ...frame, bodyHtml: '', bodyText: text }),
  };
}

/**
 * A message written once for a whole mailing, with two holes filled per recipient: their
 * one-click unsubscribe link and their preferences link (both signed for that subscriber).
 */
export interface MailTemplate {
  subject: string;
  html: string;
  text: string;
}

export const HOLES = { unsubscribe: '%%HUB_UNSUBSCRIBE_URL%%', preferences: '%%HUB_PREFERENCES_URL%%' } as const;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The template with the recipient's links (escaped for HTML in the HTML part). */
export function fillTemplate(template: MailTemplate, links: { unsubscribe: string; preferences: string }): MailTemplate {
  const fill = (s: string, escape: (v: string) => string) =>
    s.split(HOLES.unsubscribe).join(escape(links.unsubscribe)).split(HOLES.preferences).join(escape(links.preferences));
  return { subject: template.subject, html: fill(template.html, escapeHtml), text: fill(template.text, (v) => v) };
}


/** `base` + `path`, without a doubled slash. */
export function siteLink(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

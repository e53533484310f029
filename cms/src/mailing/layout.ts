import { escapeHtml as e, HOLES } from './template';

/**
 * The frame of every e-mail of the hub, HTML and text. Table layout with inline styles (what mail
 * apps render), one column of at most 600 px that narrows on a phone, nothing that needs an image,
 * French. The body is passed already built with the helpers below.
 */
export interface EmailFrame {
  landlord: string;
  siteUrl: string;
  /** Shown by mail apps next to the subject, hidden in the message. */
  preheader: string;
  title: string;
  /** Under the title, e.g. the date. */
  subtitle?: string;
  bodyHtml: string;
  bodyText: string;
  /** Why this person gets this message. */
  reason: string;
}

const FONT = 'Arial, Helvetica, sans-serif';
const BRAND = '#0b4f4c';
const INK = '#1f2933';
const MUTED = '#52606d';
const LINE = '#d9e2e1';

export const style = {
  p: `margin:0 0 16px;font-family:${FONT};font-size:16px;line-height:1.55;color:${INK};`,
  h2: `margin:0 0 6px;font-family:${FONT};font-size:19px;line-height:1.3;font-weight:bold;color:${BRAND};`,
  link: `color:${BRAND};text-decoration:underline;`,
  button: `display:inline-block;background:${BRAND};color:#ffffff;text-decoration:none;font-family:${FONT};font-size:15px;font-weight:bold;padding:10px 18px;border-radius:4px;`,
  muted: `margin:0 0 8px;font-family:${FONT};font-size:14px;line-height:1.5;color:${MUTED};`,
  block: `padding:18px 0;border-top:1px solid ${LINE};`,
};

/** One section of the body: a heading (linked), lines of text, a button. */
export function blockHtml(item: { heading: string; url?: string; lines: string[]; meta?: string; button?: string }): string {
  const heading = item.url ? `<a href="${e(item.url)}" style="${style.link}">${e(item.heading)}</a>` : e(item.heading);
  const meta = item.meta ? `<p style="${style.muted}">${e(item.meta)}</p>` : '';
  const lines = item.lines.filter(Boolean).map((l) => `<p style="${style.p}">${e(l)}</p>`).join('');
  const button = item.url && item.button ? `<p style="margin:0;"><a href="${e(item.url)}" style="${style.button}">${e(item.button)}</a></p>` : '';
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td style="${style.block}"><h2 style="${style.h2}">${heading}</h2>${meta}${lines}${button}</td></tr></table>`;
}

export function blockText(item: { heading: string; url?: string; lines: string[]; meta?: string; button?: string }, index?: number): string {
  const head = index === undefined ? item.heading : `${index}. ${item.heading}`;
  const pad = index === undefined ? '' : '   ';
  const lines = [item.meta, ...item.lines].filter(Boolean).map((l) => `${pad}${l}`);
  if (item.url) lines.push(`${pad}${item.button ?? 'Lien'} : ${item.url}`);
  return [head, ...lines].join('\n');
}

export function frameHtml(frame: EmailFrame): string {
  const subtitle = frame.subtitle ? `<p style="${style.muted}">${e(frame.subtitle)}</p>` : '';
  const host = frame.siteUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return `<!DOCTYPE html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light only">
<title>${e(frame.title)}</title>
<style>
@media only screen and (max-width: 620px) {
  .hub-container { width: 100% !important; }
  .hub-pad { padding-left: 16px !important; padding-right: 16px !important; }
}
</style>
</head>
<body style="margin:0;padding:0;background:#f2f4f3;">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;">${e(frame.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f2f4f3;">
<tr><td align="center" style="padding:24px 8px;">
<table role="presentation" class="hub-container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background:#ffffff;border-radius:6px;">
<tr><td class="hub-pad" style="background:${BRAND};padding:18px 32px;border-radius:6px 6px 0 0;font-family:${FONT};font-size:20px;line-height:1.3;font-weight:bold;color:#ffffff;">${e(frame.landlord)}</td></tr>
<tr><td class="hub-pad" style="padding:28px 32px 12px;">
<h1 style="margin:0 0 8px;font-family:${FONT};font-size:24px;line-height:1.3;font-weight:bold;color:${BRAND};">${e(frame.title)}</h1>
${subtitle}
${frame.bodyHtml}
</td></tr>
<tr><td class="hub-pad" style="padding:20px 32px 28px;border-top:1px solid ${LINE};">
<p style="${style.muted}">${e(frame.reason)}</p>
<p style="${style.muted}"><a href="${HOLES.preferences}" style="${style.link}">Gérer mes abonnements</a> &nbsp;·&nbsp; <a href="${HOLES.unsubscribe}" style="${style.link}">Me désabonner</a></p>
<p style="${style.muted}">${e(frame.landlord)} — <a href="${e(frame.siteUrl)}" style="${style.link}">${e(host)}</a></p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

export function frameText(frame: EmailFrame): string {
  return [
    frame.landlord.toUpperCase(),
    '',
    frame.title,
    ...(frame.subtitle ? [frame.subtitle] : []),
    '',
    frame.bodyText,
    '',
    '—',
    frame.reason,
    `Gérer mes abonnements : ${HOLES.preferences}`,
    `Me désabonner : ${HOLES.unsubscribe}`,
    `${frame.landlord} — ${frame.siteUrl}`,
    '',
  ].join('\n');
}

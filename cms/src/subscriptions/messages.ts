/**
 * The e-mails of the subscription side, in French, HTML and plain text. Both carry the same
 * links; the HTML is a single column that reads on a phone and without images.
 */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function layout(siteName: string, title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f6f5;color:#1d2a29;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;background:#ffffff">
<p style="margin:0 0 16px;font-weight:bold;color:#0b5f59">${escape(siteName)}</p>
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">${escape(title)}</h1>
${body}
<hr style="border:none;border-top:1px solid #cfd8d6;margin:24px 0 12px">
<p style="margin:0;font-size:14px;color:#4a5857">${footer}</p>
</div></body></html>`;
}

const button = (href: string, label: string) =>
  `<p style="margin:24px 0"><a href="${escape(href)}" style="display:inline-block;padding:12px 20px;background:#0b5f59;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold">${escape(label)}</a></p>`;

export function confirmationMail(input: { siteName: string; label: string; confirmUrl: string; unsubscribeUrl: string; preferencesUrl: string; hours: number }): MailContent {
  const { siteName, label, confirmUrl, unsubscribeUrl, preferencesUrl, hours } = input;
  const subject = `Confirmez votre abonnement : ${label}`;
  const text = [
    'Bonjour,',
    '',
    `Vous avez demandé à recevoir par e-mail : ${label}, de la part de ${siteName}.`,
    `Pour confirmer votre abonnement, ouvrez ce lien (valable ${hours} heures) puis cliquez sur « Confirmer mon abonnement » :`,
    confirmUrl,
    '',
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : vous ne recevrez rien.',
    '',
    '--',
    `Gérer vos abonnements : ${preferencesUrl}`,
    `Annuler cette demande : ${unsubscribeUrl}`,
  ].join('\n');
  const html = layout(
    siteName,
    'Confirmez votre abonnement',
    `<p style="margin:0 0 12px">Bonjour,</p>
<p style="margin:0 0 12px">Vous avez demandé à recevoir par e-mail : <strong>${escape(label)}</strong>.</p>
<p style="margin:0 0 12px">Pour confirmer votre abonnement, ouvrez le lien ci-dessous (valable ${hours} heures).</p>
${button(confirmUrl, 'Confirmer mon abonnement')}
<p style="margin:0 0 12px;font-size:14px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br><span style="word-break:break-all">${escape(confirmUrl)}</span></p>
<p style="margin:0 0 12px">Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : vous ne recevrez rien.</p>`,
    `<a href="${escape(preferencesUrl)}" style="color:#0b5f59">Gérer vos abonnements</a> · <a href="${escape(unsubscribeUrl)}" style="color:#0b5f59">Annuler cette demande</a>`,
  );
  return { subject, text, html };
}

export function preferencesLinkMail(input: { siteName: string; preferencesUrl: string; days: number }): MailContent {
  const { siteName, preferencesUrl, days } = input;
  const subject = 'Votre lien pour gérer vos abonnements';
  const text = [
    'Bonjour,',
    '',
    `Voici le lien pour gérer vos abonnements aux e-mails de ${siteName} (valable ${days} jours) :`,
    preferencesUrl,
    '',
    'Vous pourrez y changer la fréquence de vos alertes, vous désabonner, télécharger ou effacer vos données.',
    'Si vous n’avez rien demandé, ignorez ce message.',
  ].join('\n');
  const html = layout(
    siteName,
    'Gérer vos abonnements',
    `<p style="margin:0 0 12px">Bonjour,</p>
<p style="margin:0 0 12px">Voici le lien pour gérer vos abonnements (valable ${days} jours). Vous pourrez y changer la fréquence de vos alertes, vous désabonner, télécharger ou effacer vos données.</p>
${button(preferencesUrl, 'Gérer mes abonnements')}
<p style="margin:0 0 12px;font-size:14px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :<br><span style="word-break:break-all">${escape(preferencesUrl)}</span></p>`,
    'Si vous n’avez rien demandé, ignorez ce message.',
  );
  return { subject, text, html };
}

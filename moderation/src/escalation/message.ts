import { maskPersonalData } from '../charter/phases/personal-data.ts';
import type { ItemRow } from '../queue/store.ts';
import { REASON_LABELS, type EscalationReason } from './triggers.ts';
import type { CrisisRow } from './store.ts';
import { frenchDateTime } from '@hub/integrations/paris-time';
import { escapeHtml } from './html.ts';

/** What the on-call person receives: enough to act from a phone, and the links. */
export interface OnCallMessage {
  subject: string;
  text: string;
  html: string;
}

const SOURCE_LABELS: Record<string, string> = {
  site_comment: 'commentaire sur le site',
  contact: 'formulaire de contact',
  facebook_comment: 'commentaire Facebook',
  facebook_post: 'publication Facebook',
  x_reply: 'réponse sur X',
  x_mention: 'mention sur X',
};

/** The item's text as it may leave the service: personal data masked, long texts cut. */
export function maskedText(item: Pick<ItemRow, 'text'>): string {
  const text = maskPersonalData(item.text);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

export function onCallMessage(input: {
  crisis: CrisisRow;
  items: ItemRow[];
  level: number;
  name: string;
  consoleUrl: string;
  ackUrl: string;
  emergencyClaim: boolean;
}): OnCallMessage {
  const { crisis, items, level } = input;
  const reasons = (JSON.parse(crisis.reasons) as EscalationReason[]).map((r) => REASON_LABELS[r]).join(', ');
  const title = crisis.kind === 'spike' ? `Crise : ${crisis.item_count} commentaires négatifs sur ${crisis.scope_label}` : `Alerte : ${reasons}`;
  const subject = `[Astreinte${level > 1 ? ' niveau 2' : ''}] ${title}`;
  const opened = frenchDateTime(crisis.opened_at);
  const lines = items.slice(0, 5).map((item) => `— ${SOURCE_LABELS[item.source] ?? item.source}, ${item.author_name}, ${frenchDateTime(item.created_at)} :\n  « ${maskedText(item)} »`);
  const intro = level > 1 ? `Bonjour ${input.name},\nPersonne n’a encore pris en charge cette alerte au niveau 1 : elle vous est transmise.` : `Bonjour ${input.name},\nVous êtes d’astreinte : cette alerte demande votre attention.`;
  const claim = input.emergencyClaim ? '\nUne réclamation est ouverte automatiquement pour la demande urgente ; sa référence est dans la console et a été donnée au locataire.' : '';
  const text = [
    intro,
    '',
    `${title}`,
    `Ouverte le ${opened} — motifs : ${reasons}.`,
    claim,
    '',
    ...lines,
    items.length > 5 ? `… et ${items.length - 5} autre(s).` : '',
    '',
    `Je prends en charge : ${input.ackUrl}`,
    `Voir dans la console : ${input.consoleUrl}`,
    '',
    'Procédure de crise : ne répondez pas à chaud ; un message d’attente est proposé dans la console.',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  const html = `<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;max-width:640px">
<p>${escapeHtml(intro).replace('\n', '<br>')}</p>
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
<p>Ouverte le ${escapeHtml(opened)} — motifs : ${escapeHtml(reasons)}.${claim ? `<br>${escapeHtml(claim.trim())}` : ''}</p>
<ul>${items
    .slice(0, 5)
    .map((item) => `<li><strong>${escapeHtml(SOURCE_LABELS[item.source] ?? item.source)}</strong>, ${escapeHtml(item.author_name)} : « ${escapeHtml(maskedText(item))} »</li>`)
    .join('')}</ul>
<p><a href="${escapeHtml(input.ackUrl)}" style="display:inline-block;background:#000091;color:#fff;padding:12px 20px;text-decoration:none;border-radius:4px">Je prends en charge</a></p>
<p><a href="${escapeHtml(input.consoleUrl)}">Voir dans la console de modération</a></p>
<p style="color:#555">Procédure de crise : ne répondez pas à chaud ; un message d’attente est proposé dans la console.</p>
</body></html>`;
  return { subject, text, html };
}

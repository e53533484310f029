import { parisFormatter } from '@hub/integrations/paris-time';
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '../claims/statuses.ts';
import { IDENTIFIER_LABELS } from './identifier.ts';
import type { PersonFound } from './service.ts';

const SOURCE_LABELS: Record<string, string> = {
  site_comment: 'Commentaire sur le site',
  site_contact: 'Message du formulaire de contact',
  facebook_comment: 'Commentaire Facebook',
  facebook_post: 'Publication Facebook',
  x_reply: 'Réponse sur X',
  x_mention: 'Mention sur X',
};

const STATE_LABELS: Record<string, string> = {
  new: 'à relire',
  approved: 'publié',
  held: 'en attente',
  hidden: 'masqué',
  rejected: 'rejeté',
  deleted: 'supprimé',
  answered: 'publié, avec une réponse',
  escalated: 'signalé à l’astreinte',
};

/** What each package's records are, in French, for the summary and the console. */
export const RECORD_LABELS: Record<string, string> = {
  items: 'Messages et commentaires',
  itemEvents: 'Historique de modération',
  claims: 'Réclamations',
  claimPushes: 'Envois à la GRC',
  auditEntries: 'Journal d’audit',
  subscriptions: 'Abonnements',
  sendLogs: 'Envois d’e-mails',
  consents: 'Consentements enregistrés',
  letters: 'E-mails reçus',
};

const dayFormat = parisFormatter({ day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const when = (iso: string) => dayFormat.format(new Date(iso));
const quote = (text: string) => `« ${text.length > 300 ? `${text.slice(0, 300)}…` : text} »`;

/** The readable French summary of an export, in plain text: what the person can read without tools. */
export function summarise(found: PersonFound, at: Date): string {
  const { moderation } = found;
  const lines = [
    'Vos données personnelles enregistrées par le bailleur',
    `Relevé établi le ${when(at.toISOString())}, à partir de : ${IDENTIFIER_LABELS[found.identifier.kind]}.`,
    '',
    `Modération des commentaires et messages — ${moderation.items.length} message(s)`,
  ];
  for (const item of moderation.items) {
    lines.push(`- ${SOURCE_LABELS[item.source] ?? item.source} du ${when(item.created_at)}, signé ${quote(item.author_name)} (${STATE_LABELS[item.state] ?? item.state}) : ${quote(item.text)}`);
  }
  lines.push(`  Historique de modération : ${moderation.itemEvents.length} entrée(s).`, '', `Réclamations — ${moderation.claims.length}`);
  for (const claim of moderation.claims) {
    lines.push(`- ${claim.reference}, ouverte le ${when(claim.created_at)}, statut : ${CLAIM_STATUS_LABELS[claim.status as ClaimStatus] ?? claim.status} : ${quote(claim.description)}`);
  }
  lines.push(`  Transmissions à la GRC : ${moderation.claimPushes.length}.`, `Journal d’audit : ${moderation.auditEntries.length} entrée(s) vous concernant.`);
  for (const other of found.others) {
    lines.push('', other.label);
    for (const [kind, rows] of Object.entries(other.records)) lines.push(`- ${RECORD_LABELS[kind] ?? kind} : ${rows.length}`);
  }
  lines.push('', 'Le détail complet figure dans le fichier JSON joint. Pour toute question : le délégué à la protection des données du bailleur.');
  return lines.join('\n');
}

import type { CrisisEventsTable } from '../db/schema.ts';
import { REASON_LABELS, type EscalationReason } from './triggers.ts';

type Detail = { level?: number; name?: string; nobody?: boolean; note?: string; text?: string; reasons?: EscalationReason[]; paged?: boolean; kind?: string; channels?: string[] };

const CHANNELS: Record<string, string> = { mail: 'e-mail', webhook: 'SMS / messagerie' };

/** A timeline line in French, for the console. */
export function timelineLabel(event: Pick<CrisisEventsTable, 'kind' | 'detail'>): string {
  const d = (event.detail ? JSON.parse(event.detail) : {}) as Detail;
  const reasons = (d.reasons ?? []).map((r) => REASON_LABELS[r]).join(', ');
  switch (event.kind) {
    case 'opened':
      return `${d.kind === 'spike' ? 'Crise ouverte' : 'Alerte ouverte'} (${reasons})${d.paged ? ' — hors heures de bureau : astreinte appelée' : ' — heures de bureau : signalée à l’équipe'}`;
    case 'item':
      return `Nouveau message rattaché (${reasons})`;
    case 'spike':
      return 'Afflux de messages négatifs : l’alerte devient une crise';
    case 'notified':
      return d.nobody ? `Aucune personne d’astreinte de niveau ${d.level} n’est inscrite au planning` : `Niveau ${d.level} prévenu : ${d.name} (${(d.channels ?? []).map((c) => CHANNELS[c] ?? c).join(', ')})`;
    case 'escalated':
      return `Sans prise en charge : passage au niveau ${d.level}`;
    case 'acknowledged':
      return `Prise en charge par ${d.name}`;
    case 'note':
      return `Note de ${d.name} : ${d.text}`;
    case 'statement':
      return `Message d’attente publié par ${d.name} : « ${d.text} »`;
    case 'closed':
      return `Close par ${d.name} : ${d.note}`;
    default:
      return event.kind;
  }
}

import { parisFormatter } from '@hub/integrations/paris-time';
import type { OfficeStatus } from './office-hours.ts';

const when = parisFormatter({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/**
 * The status line in French: « En ce moment : heures de bureau », or « En ce moment : hors
 * heures de bureau (jour férié : Noël) — réouverture lundi 28 décembre à 09:00 ».
 */
export function describeStatus(status: OfficeStatus): string {
  if (status.open) return 'En ce moment : heures de bureau';
  const why = status.closure ? ` (fermeture exceptionnelle : ${status.closure.label})` : status.holiday ? ` (jour férié : ${status.holiday})` : '';
  return `En ce moment : hors heures de bureau${why} — réouverture ${when.format(status.nextOpening)}`;
}

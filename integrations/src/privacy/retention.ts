import { z } from 'zod';

/**
 * How long the hub keeps each kind of personal data, one table for every package: the purge jobs
 * (moderation, CMS), the register of processing in the console and the site's privacy page all
 * read it, so that the public text never promises what the hub does not do.
 *
 * Defaults follow the CNIL's usual durations (référentiel « gestion locative » for social
 * landlords, recommandation « journalisation » for logs): what serves a tenant's request is kept
 * while it is useful, then deleted or kept only as anonymous statistics. Each period can be
 * changed with `RETENTION_<KEY>_DAYS` (the key in upper snake case), in days.
 */
export const RETENTION_DEFAULTS = {
  /** Published or answered public items (comments, mentions, site comments) and their events. */
  queueItems: { days: 365, label: 'Messages publics et leur historique de modération', after: 'supprimés' },
  /** Refused or hidden items: a shorter life, they are not part of any public conversation. */
  refusedItems: { days: 90, label: 'Messages refusés ou masqués', after: 'supprimés' },
  /** Messages sent through the site's contact form. */
  contactMessages: { days: 365, label: 'Messages du formulaire de contact', after: 'supprimés' },
  /** Visitors' keyed hashes (rate limits of comments, contact, /suivi). */
  visitorHashes: { days: 7, label: 'Empreintes des visiteurs (limites anti-abus)', after: 'supprimées' },
  /** Names, contact details and texts of claims, counted from the claim's last change. */
  claimPersonalFields: { days: 730, label: 'Données personnelles des réclamations', after: 'anonymisées (statistiques conservées)' },
  /** E-mails sent to the on-call people (pages, reminders) and their acknowledgements. */
  oncallEmails: { days: 365, label: 'Alertes envoyées aux personnes d’astreinte', after: 'supprimées' },
  /** Details of the audit entries (who did what stays, the texts and addresses go). */
  auditDetails: { days: 365, label: 'Détails du journal d’audit', after: 'effacés (l’entrée reste)' },
  /** Log files written under the data folder. */
  // The hub writes its logs to standard output, never to a file: the server's log manager keeps them (docs/deploy.md).
  logFiles: { days: 180, label: 'Journaux techniques', after: 'supprimés par le gestionnaire de journaux du serveur, réglé sur cette durée' },
  /** Who received which newsletter or alert, and when. */
  newsletterSendLog: { days: 365, label: 'Journal d’envoi des lettres et alertes', after: 'supprimé' },
} as const;

export type RetentionKey = keyof typeof RETENTION_DEFAULTS;
export type RetentionPeriods = Record<RetentionKey, number>;

const DAY_MS = 86_400_000;

/** `queueItems` → `RETENTION_QUEUE_ITEMS_DAYS`. */
export function retentionVariable(key: RetentionKey): string {
  return `RETENTION_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}_DAYS`;
}

const days = z.coerce.number().int('un nombre entier de jours').min(1, 'au moins 1 jour').max(3650, 'au plus 3 650 jours (10 ans)');

/**
 * The periods in force, from the environment (read once by each package's configuration).
 * Throws a French message naming the variable when a value is not a whole number of days.
 */
export function readRetention(env: Record<string, string | undefined>): RetentionPeriods {
  const periods = {} as RetentionPeriods;
  for (const key of Object.keys(RETENTION_DEFAULTS) as RetentionKey[]) {
    const variable = retentionVariable(key);
    const raw = env[variable];
    if (raw === undefined || raw === '') {
      periods[key] = RETENTION_DEFAULTS[key].days;
      continue;
    }
    const parsed = days.safeParse(raw);
    if (!parsed.success) throw new Error(`${variable} : ${parsed.error.issues[0]?.message ?? 'valeur invalide'}`);
    periods[key] = parsed.data;
  }
  return periods;
}

/** The instant before which data of this kind is purged, given the clock's `now`. */
export function retentionCutoff(periods: RetentionPeriods, key: RetentionKey, now: Date): Date {
  return new Date(now.getTime() - periods[key] * DAY_MS);
}

/** « 1 an », « 3 mois », « 7 jours »: the period as the privacy page and the register say it. */
export function describePeriod(totalDays: number): string {
  if (totalDays % 365 === 0) return totalDays === 365 ? '1 an' : `${totalDays / 365} ans`;
  if (totalDays % 30 === 0) return `${totalDays / 30} mois`;
  return totalDays === 1 ? '1 jour' : `${totalDays} jours`;
}

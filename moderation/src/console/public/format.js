// @ts-check
/** French wording of the API's codes, and dates in Paris time. */
import { session } from './session.js';

export const ITEM_STATES = ['new', 'held', 'escalated', 'approved', 'answered', 'hidden', 'rejected', 'deleted'];

/** @type {Record<string, string>} */
const STATE_LABELS = {
  new: 'Nouveau',
  approved: 'Publié',
  held: 'En attente',
  hidden: 'Masqué',
  rejected: 'Rejeté',
  deleted: 'Supprimé',
  answered: 'Répondu',
  escalated: 'Escaladé',
};

/** @type {Record<string, string>} */
export const SOURCE_LABELS = {
  site_comment: 'Commentaire du site',
  site_contact: 'Formulaire de contact',
  facebook_comment: 'Commentaire Facebook',
  facebook_post: 'Publication Facebook',
  x_reply: 'Réponse X',
  x_mention: 'Mention X',
};

/** @type {Record<string, string>} */
export const SEVERITY_LABELS = { low: 'Faible', medium: 'Moyenne', high: 'Élevée', critical: 'Critique' };

/** @type {Record<string, string>} */
export const RULE_ACTION_LABELS = {
  approve: 'Publier',
  hold: 'Mettre en attente',
  hide: 'Masquer',
  reject: 'Rejeter',
  mark_request: 'Signaler une demande de locataire',
  mark_negative: 'Signaler un ton négatif',
  flag: 'Signaler aux modérateurs',
};

/** @type {Record<string, string>} */
export const RULE_KIND_LABELS = {
  words: 'Liste de mots',
  pattern: 'Expressions régulières',
  personal_data: 'Données personnelles',
  links: 'Liens',
  shouting: 'Majuscules (cris)',
  flood: 'Envois en rafale',
  duplicate: 'Doublons',
  length: 'Longueur',
  classifier: 'Analyse automatique (demande, ton)',
};

/** @type {Record<string, string>} */
const REQUEST_LABELS = {
  fuite_degat_des_eaux: 'Fuite, dégât des eaux',
  ascenseur: 'Ascenseur',
  chauffage_eau_chaude: 'Chauffage, eau chaude',
  ventilation: 'Ventilation',
  nuisibles: 'Nuisibles',
  porte_interphone_serrure: 'Porte, interphone, serrure',
  electricite: 'Électricité',
  proprete_encombrants: 'Propreté, encombrants',
  administratif: 'Administratif',
  autre: 'Autre demande',
};

/** @type {Record<string, string>} */
const PERSONAL_DATA_LABELS = {
  phone: 'numéro de téléphone',
  email: 'adresse e-mail',
  iban: 'IBAN',
  tenant_number: 'numéro de locataire',
  street_address: 'adresse postale',
};

/** @type {Record<string, string>} */
const EVENT_KIND_LABELS = {
  ingested: 'Arrivée dans la file',
  decision: 'Décision',
  reply: 'Réponse publique',
  note: 'Note interne',
  assign: 'Attribution',
  edited: 'Modification',
  claim: 'Réclamation',
};

/** @type {Record<string, string>} */
const AUDIT_ACTION_LABELS = {
  'item.approve': 'Approbation',
  'item.hold': 'Mise en attente',
  'item.hide': 'Masquage',
  'item.unhide': 'Réaffichage',
  'item.reject': 'Rejet',
  'item.delete': 'Suppression',
  'item.reply': 'Réponse publique',
  'item.note': 'Note interne',
  'item.assign': 'Attribution',
  'charter.save': 'Nouvelle version de la charte',
  'claim.open': 'Ouverture de réclamation',
  'claim.status': 'Statut de réclamation',
  'claim.push_retry': 'Réclamation renvoyée à la GRC',
  'user.create': 'Création de compte',
  'session.login': 'Connexion',
  'session.failed': 'Échec de connexion',
  'session.locked': 'Compte bloqué',
  'office_calendar.save': 'Calendrier des heures de bureau',
  'oncall.add': 'Ajout à l’astreinte',
  'oncall.update': 'Modification de l’astreinte',
  'oncall.remove': 'Retrait de l’astreinte',
  'oncall.reorder': 'Nouvel ordre d’astreinte',
  'oncall.provision': 'Astreinte fournie par la configuration (ONCALL_ROSTER)',
  'retention.purge': 'Purge des données personnelles (durées de conservation)',
  'rights.search': 'Recherche des données d’une personne',
  'rights.export': 'Export des données d’une personne',
  'rights.erase': 'Effacement des données d’une personne',
  'rights.request': 'Demande d’un locataire confirmée depuis le site',
  'rights.request_handled': 'Demande d’un locataire traitée',
};

// Targets of the on-call roster and the settings (office calendar).
/** @type {Record<string, string>} */
const ONCALL_TARGET_LABELS = { settings: 'Réglage', oncall_member: 'Personne d’astreinte', oncall_level: 'Niveau d’astreinte', oncall_roster: 'Liste d’astreinte' };

/** @type {Record<string, string>} */
const TARGET_LABELS = { item: 'Élément', charter: 'Charte', user: 'Compte', claim: 'Réclamation', retention: 'Conservation des données', person: 'Personne', rights_request: 'Demande sur les données' };

/** @type {Record<string, string>} */
export const ROLE_LABELS = {
  admin: 'Administrateur',
  community_manager: 'Community manager',
  communication_readonly: 'Communication (lecture seule)',
};

// Codes the console does not know yet are shown as they are rather than hidden.
/**
 * @param {Record<string, string>} labels
 * @param {string} code
 */
const label = (labels, code) => labels[code] ?? code;

/** @param {string} state */
export const stateLabel = (state) => label(STATE_LABELS, state);
/** @param {string} source */
export const sourceLabel = (source) => label(SOURCE_LABELS, source);
/** @param {string} severity */
export const severityLabel = (severity) => label(SEVERITY_LABELS, severity);
/** @param {string} category */
export const requestLabel = (category) => label(REQUEST_LABELS, category);
/** @param {string} kind */
export const personalDataLabel = (kind) => label(PERSONAL_DATA_LABELS, kind);
/** @param {string} kind */
export const eventKindLabel = (kind) => label(EVENT_KIND_LABELS, kind);
/** @param {string} action */
export const auditActionLabel = (action) => label(AUDIT_ACTION_LABELS, action);
/** @param {string} type */
export const targetLabel = (type) => label({ ...TARGET_LABELS, ...ONCALL_TARGET_LABELS }, type);

/**
 * A French formatter in Paris time, whatever the browser's zone: the console's one place that
 * names Europe/Paris (the server's is @hub/integrations/paris-time).
 * @param {Intl.DateTimeFormatOptions} options
 */
export function parisFormat(options) {
  return new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: 'Europe/Paris' });
}

const dateFormat = parisFormat({ dateStyle: 'medium', timeStyle: 'short' });
const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat('fr-FR');

/**
 * « 28 nov. 2026, 23:15 », always in Paris time whatever the tablet's zone.
 * @param {string | number | Date} iso
 */
export const formatDate = (iso) => dateFormat.format(new Date(iso));
/** @param {number} ratio */
export const formatPercent = (ratio) => percentFormat.format(ratio);
/** @param {number} n */
export const formatNumber = (n) => numberFormat.format(n);

/**
 * A delay in minutes as a figure to glance at: « < 1 min », « 12 min », « 3 h 20 », « 2 j 5 h »;
 * « — » when there is nothing to measure.
 * @param {number | null | undefined} minutes
 */
export function formatDuration(minutes) {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes < 1) return '< 1 min';
  const total = Math.round(minutes);
  if (total < 60) return `${total} min`;
  if (total < 24 * 60) {
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    return rest ? `${hours} h ${String(rest).padStart(2, '0')}` : `${hours} h`;
  }
  const hours = Math.round(minutes / 60);
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} j ${hours % 24} h` : `${days} j`;
}

/**
 * The same delay in words, for screen readers: « 3 heures 20 minutes ».
 * @param {number | null | undefined} minutes
 */
export function durationWords(minutes) {
  if (minutes === null || minutes === undefined) return 'pas de donnée';
  if (minutes < 1) return 'moins d’une minute';
  const total = Math.round(minutes);
  /** @type {(n: number, one: string, many: string) => string | null} */
  const unit = (n, one, many) => (n ? plural(n, one, many) : null);
  if (total < 24 * 60) return [unit(Math.floor(total / 60), 'heure', 'heures'), unit(total % 60, 'minute', 'minutes')].filter(Boolean).join(' ');
  const hours = Math.round(minutes / 60);
  return [unit(Math.floor(hours / 24), 'jour', 'jours'), unit(hours % 24, 'heure', 'heures')].filter(Boolean).join(' ');
}

/**
 * « 1 élément », « 3 éléments ».
 * @param {number} count
 * @param {string} singular
 * @param {string} pluralForm
 */
export const plural = (count, singular, pluralForm) => `${formatNumber(count)} ${count > 1 ? pluralForm : singular}`;

/**
 * Who did it: « user:<id> », « rule:<ids> » or « system », in words.
 * @param {string} actor
 */
export function actorLabel(actor) {
  if (actor === 'system') return 'Système';
  if (actor === 'crm') return 'GRC';
  if (actor.startsWith('rule:')) {
    const ids = actor.slice(5);
    return ids === 'aucune' ? 'Charte (aucune règle)' : `Charte (${ids.split(',').join(', ')})`;
  }
  if (actor.startsWith('user:')) {
    const id = actor.slice(5);
    if (id === session.user?.id) return `${session.user.displayName} (vous)`;
    return session.namesById.get(id) ?? `Compte ${id}`;
  }
  return actor;
}

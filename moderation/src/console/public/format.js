/** French wording of the API's codes, and dates in Paris time. */
import { session } from './session.js';

export const ITEM_STATES = ['new', 'held', 'escalated', 'approved', 'answered', 'hidden', 'rejected', 'deleted'];

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

export const SOURCE_LABELS = {
  site_comment: 'Commentaire du site',
  site_contact: 'Formulaire de contact',
  facebook_comment: 'Commentaire Facebook',
  facebook_post: 'Publication Facebook',
  x_reply: 'Réponse X',
  x_mention: 'Mention X',
};

export const SEVERITY_LABELS = { low: 'Faible', medium: 'Moyenne', high: 'Élevée', critical: 'Critique' };

export const RULE_ACTION_LABELS = {
  approve: 'Publier',
  hold: 'Mettre en attente',
  hide: 'Masquer',
  reject: 'Rejeter',
  mark_request: 'Signaler une demande de locataire',
  mark_negative: 'Signaler un ton négatif',
};

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

const PERSONAL_DATA_LABELS = {
  phone: 'numéro de téléphone',
  email: 'adresse e-mail',
  iban: 'IBAN',
  tenant_number: 'numéro de locataire',
  street_address: 'adresse postale',
};

const EVENT_KIND_LABELS = {
  ingested: 'Arrivée dans la file',
  decision: 'Décision',
  reply: 'Réponse publique',
  note: 'Note interne',
  assign: 'Attribution',
  edited: 'Modification',
};

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
  'user.create': 'Création de compte',
  'session.login': 'Connexion',
  'session.failed': 'Échec de connexion',
  'session.locked': 'Compte bloqué',
};

const TARGET_LABELS = { item: 'Élément', charter: 'Charte', user: 'Compte' };

export const ROLE_LABELS = {
  admin: 'Administrateur',
  community_manager: 'Community manager',
  communication_readonly: 'Communication (lecture seule)',
};

// Codes the console does not know yet are shown as they are rather than hidden.
const label = (labels, code) => labels[code] ?? code;

export const stateLabel = (state) => label(STATE_LABELS, state);
export const sourceLabel = (source) => label(SOURCE_LABELS, source);
export const severityLabel = (severity) => label(SEVERITY_LABELS, severity);
export const requestLabel = (category) => label(REQUEST_LABELS, category);
export const personalDataLabel = (kind) => label(PERSONAL_DATA_LABELS, kind);
export const eventKindLabel = (kind) => label(EVENT_KIND_LABELS, kind);
export const auditActionLabel = (action) => label(AUDIT_ACTION_LABELS, action);
export const targetLabel = (type) => label(TARGET_LABELS, type);

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat('fr-FR');

/** « 28 nov. 2026, 23:15 », always in Paris time whatever the tablet's zone. */
export const formatDate = (iso) => dateFormat.format(new Date(iso));
export const formatPercent = (ratio) => percentFormat.format(ratio);
export const formatNumber = (n) => numberFormat.format(n);

/** « 1 élément », « 3 éléments ». */
export const plural = (count, singular, pluralForm) => `${formatNumber(count)} ${count > 1 ? pluralForm : singular}`;

/** Who did it: « user:<id> », « rule:<ids> » or « system », in words. */
export function actorLabel(actor) {
  if (actor === 'system') return 'Système';
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

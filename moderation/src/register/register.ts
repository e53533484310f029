import { describePeriod, RETENTION_DEFAULTS, type RetentionKey, type RetentionPeriods } from '@hub/integrations/privacy';
import type { PublicPrivacyAnswer } from '@hub/integrations/contracts';
import { ROLE_LABELS } from '../access/roles.ts';
import type { ModerationConfig } from '../config.ts';
import { crm, mailProvider, meta, oncallWebhooks, xCorp } from './processors.ts';

/**
 * The register of processing (article 30 of the GDPR), built from the configuration in force:
 * what the hub really does, not what a document says. The console shows it whole; the site's
 * /confidentialite shows its public part (publicPrivacy), so both follow the same source.
 */

/** Someone who receives the data: a team of the landlord, or an outside party. */
export interface Recipient {
  name: string;
  role: string;
  /** The outside party's host (`smtp.example.fr:587`), never a path or credentials; null for a team. */
  host: string | null;
  /** A transfer outside the European Union and its safeguard, or null. */
  transfer: string | null;
}

export interface RetentionLine {
  key: RetentionKey;
  label: string;
  days: number;
  /** « 3 mois ». */
  period: string;
  /** « supprimés ». */
  after: string;
}

export interface Treatment {
  id: string;
  name: string;
  purpose: string;
  legalBasis: string;
  dataSubjects: string[];
  dataCategories: string[];
  /** Teams of the landlord. */
  recipients: Recipient[];
  /** Processors (sous-traitants) and platforms. */
  processors: Recipient[];
  transfers: string[];
  retention: RetentionLine[];
  /** Concerns tenants or visitors: shown on the site's privacy page. */
  public: boolean;
}

export interface Register {
  controller: string;
  treatments: Treatment[];
}

export type RegisterConfig = Pick<ModerationConfig, 'retention' | 'FACEBOOK_PAGES' | 'TWITTER_ACCOUNTS' | 'CLAIMS_WEBHOOK_URL' | 'SMTP_URL' | 'ONCALL_ROSTER'>;

const team = (name: string, role: string): Recipient => ({ name, role, host: null, transfer: null });
const MODERATORS = team('Équipe communication', `Modère, répond et suit les messages (rôles ${ROLE_LABELS.admin}, ${ROLE_LABELS.community_manager}, ${ROLE_LABELS.communication_readonly}).`);
const CUSTOMER_SERVICE = team('Service relation client du bailleur', 'Traite les réclamations et les demandes transmises par l’équipe communication.');
const ADMINS = team(`${ROLE_LABELS.admin}s de la console`, 'Gèrent les comptes, la charte et l’astreinte.');

function retentionLines(periods: RetentionPeriods, keys: RetentionKey[]): RetentionLine[] {
  return keys.map((key) => ({ key, label: RETENTION_DEFAULTS[key].label, days: periods[key], period: describePeriod(periods[key]), after: RETENTION_DEFAULTS[key].after }));
}

/** Every party that is not a team, with its transfers, listed once per treatment. */
function withProcessors(treatment: Omit<Treatment, 'transfers'>): Treatment {
  return { ...treatment, transfers: treatment.processors.map((p) => p.transfer).filter((t): t is string => t !== null) };
}

function publicModeration(config: RegisterConfig): Treatment {
  const pages = config.FACEBOOK_PAGES.map((p) => p.name);
  const accounts = config.TWITTER_ACCOUNTS.map((a) => a.username);
  const sources = ['les commentaires des articles du site', ...(pages.length ? ['les commentaires des Pages Facebook'] : []), ...(accounts.length ? ['les mentions des comptes X'] : [])];
  return withProcessors({
    id: 'public-moderation',
    name: 'Modération des commentaires et des mentions publiques',
    purpose: `Lire, modérer et répondre aux messages publics : ${sources.join(', ')}.`,
    legalBasis: 'Intérêt légitime du bailleur à animer un espace d’échange avec les locataires et à en écarter les propos illicites.',
    dataSubjects: ['Locataires et visiteurs qui publient un message', 'Personnes citées dans un message'],
    dataCategories: ['Nom ou pseudonyme affiché', 'Texte du message et sa date', 'Identifiant sur le réseau social', 'Décisions de modération et réponses', 'Empreinte chiffrée du visiteur (limites anti-abus)'],
    recipients: [MODERATORS],
    processors: [...(pages.length ? [meta(pages)] : []), ...(accounts.length ? [xCorp(accounts)] : [])],
    retention: retentionLines(config.retention, ['queueItems', 'refusedItems', 'visitorHashes']),
    public: true,
  });
}

function contactMessages(config: RegisterConfig): Treatment {
  return withProcessors({
    id: 'contact-messages',
    name: 'Messages du formulaire de contact',
    purpose: 'Répondre en privé aux questions et demandes envoyées depuis le site.',
    legalBasis: 'Intérêt légitime du bailleur à répondre aux demandes de ses locataires et des visiteurs.',
    dataSubjects: ['Locataires et visiteurs qui écrivent'],
    dataCategories: ['Nom', 'Coordonnées de contact (e-mail ou téléphone)', 'Résidence', 'Objet et texte du message', 'Empreinte chiffrée du visiteur (limites anti-abus)'],
    recipients: [MODERATORS, CUSTOMER_SERVICE],
    processors: [],
    retention: retentionLines(config.retention, ['contactMessages', 'visitorHashes']),
    public: true,
  });
}

function claims(config: RegisterConfig): Treatment {
  const system = crm(config.CLAIMS_WEBHOOK_URL);
  return withProcessors({
    id: 'claims',
    name: 'Réclamations transmises à la relation client',
    purpose: `Transformer un message signalant un problème (panne, sinistre…) en réclamation suivie${system ? ', transmise au logiciel de relation client' : ' dans la console'}, et en donner le suivi sur la page /suivi.`,
    legalBasis: 'Exécution du contrat de location (obligations d’entretien du bailleur).',
    dataSubjects: ['Locataires auteurs d’un signalement'],
    dataCategories: ['Nom ou pseudonyme', 'Résidence et adresse indiquées', 'Description du problème', 'Statut et dates du suivi'],
    recipients: [MODERATORS, CUSTOMER_SERVICE],
    processors: system ? [system] : [],
    retention: retentionLines(config.retention, ['claimPersonalFields']),
    public: true,
  });
}

function oncallAlerts(config: RegisterConfig): Treatment {
  return withProcessors({
    id: 'oncall-alerts',
    name: 'Alertes de l’astreinte',
    purpose: 'Prévenir les personnes d’astreinte d’une crise sur les réseaux ou le site, et suivre leurs accusés de réception.',
    legalBasis: 'Intérêt légitime du bailleur à réagir vite à une crise ; obligations de l’employeur envers ses salariés d’astreinte.',
    dataSubjects: ['Salariés d’astreinte'],
    dataCategories: ['Nom', 'Adresse e-mail professionnelle', 'Niveau d’astreinte', 'Alertes envoyées et accusés de réception'],
    recipients: [ADMINS],
    processors: [mailProvider(config.SMTP_URL), ...oncallWebhooks(config.ONCALL_ROSTER.map((m) => m.webhook))],
    retention: retentionLines(config.retention, ['oncallEmails']),
    public: false,
  });
}

function newsletters(config: RegisterConfig): Treatment {
  return withProcessors({
    id: 'newsletters',
    name: 'Lettres d’information et alertes travaux',
    purpose: 'Envoyer les lettres et les alertes de chantier aux personnes abonnées (envoi par le CMS du hub).',
    legalBasis: 'Consentement de la personne abonnée, retirable à tout moment par le lien présent dans chaque envoi.',
    dataSubjects: ['Personnes abonnées'],
    dataCategories: ['Adresse e-mail', 'Sujets choisis', 'Date d’inscription et de consentement', 'Journal des envois'],
    recipients: [team('Équipe communication', 'Rédige et envoie les lettres et les alertes.')],
    processors: [],
    retention: retentionLines(config.retention, ['newsletterSendLog']),
    public: true,
  });
}

function staffAndAudit(config: RegisterConfig): Treatment {
  return withProcessors({
    id: 'staff-audit',
    name: 'Comptes de l’équipe et journal d’audit',
    purpose: 'Donner accès à la console selon le rôle de chacun, et garder la trace de qui a fait quoi.',
    legalBasis: 'Intérêt légitime du bailleur à sécuriser ses outils ; obligation de sécurité (article 32 du RGPD).',
    dataSubjects: ['Salariés ayant un compte sur la console'],
    dataCategories: ['Nom', 'Adresse e-mail professionnelle', 'Rôle', 'Sessions', 'Actions réalisées et leur date', 'Journaux techniques'],
    recipients: [ADMINS],
    processors: [],
    retention: retentionLines(config.retention, ['auditDetails', 'logFiles']),
    public: false,
  });
}

/** The register as the configuration makes it: pure, the same config gives the same register. */
export function buildRegister(config: RegisterConfig): Register {
  return {
    controller: 'Habitat Val de Loire, responsable de traitement',
    treatments: [publicModeration(config), contactMessages(config), claims(config), oncallAlerts(config), newsletters(config), staffAndAudit(config)],
  };
}

const byName = <T extends { name: string }>(list: T[]) => [...new Map(list.map((item) => [item.name, item])).values()];

/** What the site's privacy page says: the public treatments' periods, teams and processors, without any host. */
export function publicPrivacy(register: Register): PublicPrivacyAnswer {
  const shown = register.treatments.filter((t) => t.public);
  const words = ({ name, role, transfer }: Recipient) => ({ name, role, transfer });
  return {
    retention: [...new Map(shown.flatMap((t) => t.retention).map((line) => [line.key, line])).values()],
    recipients: byName(shown.flatMap((t) => t.recipients)).map(words),
    processors: byName(shown.flatMap((t) => t.processors)).map(words),
  };
}

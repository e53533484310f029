/**
 * Every failure a user can cause, with a stable code and the French message they read. The
 * internal detail (for logs) is kept apart and never sent.
 */
export const ERRORS = {
  UNAUTHENTICATED: 'Votre session a expiré ou vous n’êtes pas connecté. Merci de vous reconnecter.',
  FORBIDDEN: 'Votre rôle ne permet pas cette action.',
  BAD_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
  LOCKED: 'Trop de tentatives : ce compte est bloqué pendant quelques minutes.',
  NOT_FOUND: 'Élément introuvable : il a peut-être été supprimé.',
  INVALID_INPUT: 'Certaines informations sont manquantes ou invalides.',
  TOO_LARGE: 'Le texte envoyé est trop long.',
  INVALID_TRANSITION: 'Cette action n’est pas possible dans l’état actuel de l’élément.',
  RATE_LIMITED: 'Vous avez envoyé beaucoup de messages en peu de temps. Merci de patienter quelques minutes.',
  INVALID_CHARTER: 'La charte n’est pas valide.',
  DUPLICATE: 'Cet élément existe déjà.',
  INTERNAL: 'Une erreur interne est survenue. Merci de réessayer.',
  // Office calendar and on-call roster (oncall/README.md).
  INVALID_CALENDAR: 'Le calendrier des heures de bureau n’est pas valide.',
  INVALID_ONCALL: 'Les informations d’astreinte ne sont pas valides.',
  // Crisis procedure (escalation/README.md).
  CRISIS_CLOSED: 'Cette crise est déjà close.',
  ACK_LINK_INVALID: 'Ce lien de prise en charge n’est pas valide. Ouvrez la console de modération pour prendre la crise en charge.',
  // Claims (claims/README.md): the console, the CRM's status updates and the site's /suivi.
  CLAIM_NOT_FOUND: 'Aucune réclamation ne porte cette référence. Vérifiez-la : elle figure dans la réponse que nous vous avons faite.',
  CLAIM_REFERENCE_INVALID: 'Référence invalide : elle s’écrit REC-, l’année, un tiret et six chiffres (par exemple REC-2026-000123).',
  CLAIM_STATUS_INVALID: 'Statut de réclamation inconnu : nouvelle, transmise, prise_en_compte, en_cours, resolue ou rejetee.',
  CLAIM_TRANSITION: 'Ce changement de statut n’est pas possible pour cette réclamation.',
  CLAIM_SIGNATURE_INVALID: 'Signature de la GRC invalide ou expirée.',
  // Tenants' rights (rights/README.md).
  RIGHTS_IDENTIFIER_INVALID: 'Identifiant invalide : une adresse e-mail, un nom ou pseudo, un identifiant d’auteur ou une référence de réclamation.',
  RIGHTS_NOTHING_FOUND: 'Aucune donnée n’est enregistrée pour cet identifiant : rien à effacer.',
  RIGHTS_SOURCE_UNAVAILABLE: 'Le CMS ne répond pas : ses abonnements n’ont pas pu être consultés. Réessayez dans quelques minutes.',
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class HubError extends Error {
  readonly code: ErrorCode;
  /** The French text shown to the user; defaults to the catalogue's. */
  readonly publicMessage: string;
  readonly detail?: string;

  constructor(code: ErrorCode, options: { message?: string; detail?: string } = {}) {
    super(options.detail ?? code);
    this.name = 'HubError';
    this.code = code;
    this.publicMessage = options.message ?? ERRORS[code];
    this.detail = options.detail;
  }
}

export const isHubError = (error: unknown): error is HubError => error instanceof HubError;

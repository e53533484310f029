/**
 * The subscription errors: a stable code (the site keys on it), the HTTP status, the field it
 * concerns (to link the message to the input), and the French message shown to the visitor.
 */
const CATALOGUE = {
  missing_email: { status: 400, field: 'email', message: 'Indiquez votre adresse e-mail.' },
  invalid_email: { status: 400, field: 'email', message: 'Cette adresse e-mail n’est pas valide. Elle doit ressembler à prenom.nom@exemple.fr.' },
  email_too_long: { status: 400, field: 'email', message: 'Cette adresse e-mail est trop longue (254 caractères au maximum).' },
  unknown_topic: { status: 400, field: 'topic', message: 'Cet abonnement n’existe pas ou plus. Revenez à la page du chantier ou de la rubrique et recommencez.' },
  invalid_frequency: { status: 400, field: 'frequency', message: 'Choisissez « à chaque publication » ou « un résumé par jour ».' },
  unknown_consent: { status: 400, field: 'consent', message: 'Le formulaire a changé depuis que vous l’avez ouvert. Rechargez la page, puis recommencez.' },
  erase_not_confirmed: { status: 400, field: 'confirm', message: 'Cochez la case pour confirmer l’effacement de toutes vos données.' },
  too_many_requests: { status: 429, field: 'email', message: 'Trop de demandes en peu de temps depuis cette adresse ou cette connexion. Merci de réessayer dans une heure.' },
  link_invalid: { status: 400, field: null, message: 'Ce lien n’est pas valable. Vérifiez qu’il a été copié en entier, ou demandez-en un nouveau.' },
  confirm_link_expired: { status: 410, field: null, message: 'Ce lien de confirmation a expiré (il était valable 48 heures). Abonnez-vous de nouveau pour en recevoir un autre.' },
  preferences_link_expired: { status: 410, field: null, message: 'Ce lien vers vos abonnements a expiré. Indiquez votre adresse e-mail ci-dessous pour en recevoir un nouveau.' },
  link_outdated: { status: 410, field: null, message: 'Ce lien n’est plus valable : cet abonnement a été arrêté ou vos données ont été effacées. Vous pouvez vous abonner de nouveau.' },
  mail_refused: { status: 400, field: 'email', message: 'Le serveur de messagerie de cette adresse refuse nos e-mails. Vérifiez l’adresse.' },
  mail_unavailable: { status: 503, field: null, message: 'L’e-mail n’a pas pu être envoyé pour le moment. Merci de réessayer dans quelques minutes.' },
  closed: { status: 503, field: null, message: 'Les abonnements sont momentanément indisponibles. Merci de réessayer plus tard.' },
  bad_request: { status: 400, field: null, message: 'La demande est incomplète. Rechargez la page, puis recommencez.' },
  unauthorized: { status: 401, field: null, message: 'Accès refusé.' },
} as const;

export type SubscriptionErrorCode = keyof typeof CATALOGUE;

export class SubscriptionError extends Error {
  override name = 'SubscriptionError';
  readonly status: number;
  readonly field: string | null;
  constructor(readonly code: SubscriptionErrorCode) {
    super(CATALOGUE[code].message);
    this.status = CATALOGUE[code].status;
    this.field = CATALOGUE[code].field;
  }

  /** What the site receives: never more than the code, the field and the public message. */
  toJSON() {
    return { error: { code: this.code, field: this.field, message: this.message } };
  }
}

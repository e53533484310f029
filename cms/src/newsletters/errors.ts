/**
 * The refusals of the sending panel: a stable code, the HTTP status, and the French message shown
 * as is to the communication team.
 */
const CATALOGUE = {
  not_found: { status: 404, message: 'Cette lettre d’information n’existe pas ou a été supprimée.' },
  not_published: { status: 409, message: 'Publiez d’abord la lettre : les abonnés reçoivent la version publiée, pas le brouillon.' },
  already_sent: { status: 409, message: 'Cette lettre a déjà été envoyée : une lettre ne part qu’une seule fois. Pour un nouvel envoi, créez une nouvelle lettre.' },
  invalid_test_address: { status: 400, message: 'Indiquez une adresse e-mail valide pour l’envoi de test, par exemple prenom.nom@bailleur.example.' },
  test_failed: { status: 502, message: 'L’envoi de test a échoué.' },
  links_unavailable: { status: 503, message: 'Envoi impossible : la clé qui signe les liens de désinscription (HUB_SUBSCRIPTION_SECRET) n’est pas configurée.' },
} as const;

export type NewsletterErrorCode = keyof typeof CATALOGUE;

export class NewsletterError extends Error {
  override name = 'NewsletterError';
  readonly status: number;
  constructor(
    readonly code: NewsletterErrorCode,
    /** Appended to the public message (e.g. the send date, the server's answer); never a secret. */
    detail?: string,
  ) {
    super(detail ? `${CATALOGUE[code].message} ${detail}` : CATALOGUE[code].message);
    this.status = CATALOGUE[code].status;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}

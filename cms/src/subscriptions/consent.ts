/**
 * The sentence shown next to every subscription form, versioned: a subscription records the
 * version its subscriber saw. Never edit a published text: add a version and make it current.
 */
export const CONSENT_TEXTS: Readonly<Record<string, string>> = {
  '2025-06':
    'En vous abonnant, vous acceptez de recevoir par e-mail les messages choisis. Votre adresse sert uniquement à cet envoi ; elle n’est ni publiée ni transmise. Vous pouvez vous désabonner à tout moment par le lien présent dans chaque message, et demander une copie ou l’effacement de vos données.',
};

export const CURRENT_CONSENT_VERSION = '2025-06';

export function isKnownConsentVersion(version: unknown): version is string {
  return typeof version === 'string' && Object.prototype.hasOwnProperty.call(CONSENT_TEXTS, version);
}

import type { ItemSource } from '../queue/states.ts';

/**
 * The public reply that gives the tenant their reference. It never asks for personal details:
 * it sends the tenant to a private channel for them. X counts 280 characters with the signature
 * and the invisible idempotency marker (weighted 50): its text is shorter.
 */
export function claimReplyText(reference: string, source: ItemSource | string, publicSiteUrl: string): string {
  if (source === 'x_reply' || source === 'x_mention') {
    return `Demande enregistrée : référence ${reference}. Pour la suivre ou nous donner vos coordonnées, écrivez-nous en message privé. Jamais d’informations personnelles ici.`;
  }
  const follow = `${publicSiteUrl.replace(/\/+$/, '')}/suivi`;
  return (
    `Bonjour, votre demande est enregistrée sous la référence ${reference}. ` +
    `Pour la suivre ou nous donner vos coordonnées, écrivez-nous en message privé ou via le formulaire de contact : ` +
    `nous ne vous demanderons jamais d’informations personnelles ici. Suivi en ligne : ${follow}`
  );
}

/** Signature of replies sent without a person (the on-call automation). */
export const TEAM_SIGNATURE = 'L’équipe du bailleur';

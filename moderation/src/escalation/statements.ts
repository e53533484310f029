/**
 * Holding statements (messages d'attente) for a crisis: what the team posts publicly while the
 * facts are checked. Calm, factual, no blame, no personal data, an invitation to a private channel.
 */
export interface HoldingStatement {
  id: string;
  title: string;
  text: string;
}

export const HOLDING_STATEMENTS: HoldingStatement[] = [
  {
    id: 'prise-en-compte',
    title: 'Nous avons bien vu vos messages',
    text: 'Bonjour, nous avons bien pris connaissance de vos messages. Nos équipes d’astreinte sont informées et vérifient la situation. Nous revenons vers vous ici dès que possible. Pour toute information personnelle, écrivez-nous en message privé.',
  },
  {
    id: 'intervention',
    title: 'Une intervention est en cours',
    text: 'Bonjour, une intervention est en cours sur la résidence. Nous vous tiendrons informés de son avancement ici même. En cas de danger immédiat, appelez le 18 ou le 112.',
  },
  {
    id: 'urgence',
    title: 'Urgence : appeler les secours',
    text: 'Bonjour, si vous êtes en danger ou si vous sentez une odeur de gaz, quittez les lieux et appelez immédiatement le 18 ou le 112 (gaz : 0 800 47 33 33). Notre astreinte est prévenue.',
  },
  {
    id: 'point-situation',
    title: 'Point de situation',
    text: 'Bonjour, voici un point sur la situation : [à compléter]. Nous comprenons votre exaspération et mettons tout en œuvre pour un retour à la normale. Merci de votre patience.',
  },
];

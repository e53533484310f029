/** Replies the team starts from; the signature of the person is added when sent. */
export const DEFAULT_SAVED_REPLIES = [
  {
    id: 'merci',
    title: 'Remerciement',
    body: 'Merci pour votre message, nous sommes ravis que cela vous plaise !',
  },
  {
    id: 'demande-technique',
    title: 'Demande technique',
    body: 'Bonjour, merci de nous avoir signalé ce problème. Pour le traiter au plus vite, écrivez-nous en message privé avec votre adresse et un numéro où vous joindre : nous ne les demandons jamais publiquement.',
  },
  {
    id: 'donnees-personnelles',
    title: 'Données personnelles masquées',
    body: 'Bonjour, pour protéger votre vie privée, nous avons masqué votre message qui contenait des informations personnelles. Écrivez-nous en message privé : nous vous répondrons rapidement.',
  },
  {
    id: 'charte',
    title: 'Rappel de la charte',
    body: 'Bonjour, ce fil de discussion est ouvert à tous dans le respect de notre charte de modération. Merci de garder un ton courtois.',
  },
];

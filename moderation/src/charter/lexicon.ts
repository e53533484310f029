import type { RequestCategory } from './types.ts';

/**
 * The classifier's French lexicon (see classify.ts for how it is scored, README.md for a summary).
 *
 * Every entry is a word or an expression, written the way tenants write it; it is compared in
 * canonical form (no case, no accents, plurals folded, « ras-le-bol » = « ras le bol »), whole
 * words only. Weights are hand-set; change them together with the table in classify.test.ts.
 */

/**
 * What each request category is about. Weight 2: the words name a problem by themselves
 * (« fuite », « cafards », « pas de chauffage »): enough to mark a request. Weight 1: the words
 * name a subject (« ascenseur », « loyer »): a request only with a problem cue or a question.
 * `negatable`: « pas de fuite », « plus de cafards » say the problem is gone. On a tie, the
 * category listed first wins (« autre » is last).
 */
export const REQUEST_TOPICS: Record<RequestCategory, { terms: string[]; weight: number; negatable?: boolean }[]> = {
  fuite_degat_des_eaux: [
    {
      weight: 2,
      negatable: true,
      terms: ['fuite', 'fuit', 'fuient', 'dégât des eaux', "dégât d'eau", 'infiltration', 'inondation', 'inondé', 'inondée', 'refoulement', 'ça goutte', 'qui goutte', 'eau qui coule', 'évier bouché', 'wc bouché', 'toilettes bouchées', 'canalisation bouchée', 'chasse d’eau qui coule'],
    },
    { weight: 1, terms: ['plafond', 'robinet', 'évier', 'lavabo', 'canalisation', 'chasse d’eau', 'chasse d eau', 'baignoire', 'douche', 'toilettes', 'wc', 'tuyau', 'compteur d’eau', 'dégât'] },
  ],
  ascenseur: [
    { weight: 2, terms: ['ascenseur en panne', 'ascenseur bloqué', 'ascenseur hors service', 'coincé dans l’ascenseur', 'bloqué dans l’ascenseur', 'ascenseur hs'] },
    { weight: 1, terms: ['ascenseur', 'élévateur', 'monte-charge'] },
  ],
  chauffage_eau_chaude: [
    {
      weight: 2,
      terms: ['pas de chauffage', 'plus de chauffage', 'sans chauffage', 'pas d’eau chaude', 'plus d’eau chaude', 'sans eau chaude', 'radiateur froid', 'radiateurs froids', 'chaudière en panne', 'chauffage en panne', 'chauffage coupé', 'eau froide', 'on gèle', 'on se gèle'],
    },
    { weight: 1, terms: ['chauffage', 'radiateur', 'chaudière', 'eau chaude', 'ballon d’eau chaude', 'cumulus', 'chauffe-eau', 'température'] },
  ],
  ventilation: [
    { weight: 2, negatable: true, terms: ['moisissure', 'moisissures', 'moisi', 'champignons', 'salpêtre', 'odeur de moisi', 'murs humides'] },
    { weight: 1, terms: ['vmc', 'ventilation', 'aération', 'bouche d’aération', 'humidité', 'condensation', 'buée'] },
  ],
  nuisibles: [
    {
      weight: 2,
      negatable: true,
      terms: ['nuisibles', 'cafard', 'cafards', 'blatte', 'blattes', 'rat', 'rats', 'souris', 'punaise de lit', 'punaises de lit', 'punaises', 'puces', 'termites', 'frelons', 'dératisation', 'désinsectisation', 'désinfection'],
    },
    { weight: 1, terms: ['insectes', 'fourmis', 'guêpes', 'pigeons'] },
  ],
  porte_interphone_serrure: [
    { weight: 2, terms: ['porte du hall cassée', 'porte forcée', 'serrure cassée', 'serrure forcée', 'interphone en panne', 'digicode en panne', 'badge ne marche pas', 'badge ne fonctionne pas'] },
    {
      weight: 1,
      terms: ['interphone', 'digicode', 'serrure', 'badge', 'vigik', 'porte du hall', 'porte de hall', 'porte d’entrée', 'porte de l’immeuble', 'porte du bâtiment', 'porte de garage', 'porte du parking', 'portail', 'boîte aux lettres', 'bip', 'clé', 'clef', 'verrou'],
    },
  ],
  electricite: [
    {
      weight: 2,
      terms: ['panne d’électricité', 'panne de courant', 'coupure de courant', 'coupure d’électricité', 'plus de courant', 'pas de courant', 'plus d’électricité', 'pas d’électricité', 'plus de lumière', 'pas de lumière', 'dans le noir', 'court-circuit', 'prise qui chauffe', 'fils dénudés'],
    },
    { weight: 1, terms: ['électricité', 'lumière', 'éclairage', 'ampoule', 'prise électrique', 'disjoncteur', 'tableau électrique', 'néon', 'minuterie', 'compteur électrique'] },
  ],
  proprete_encombrants: [
    { weight: 2, terms: ['dépôt sauvage', 'dépôts sauvages', 'excréments', 'seringues', 'urine', 'vomi', 'poubelles qui débordent', 'local poubelles sale'] },
    { weight: 1, terms: ['encombrants', 'poubelle', 'poubelles', 'ordures', 'déchets', 'local poubelles', 'saleté', 'propreté', 'ménage', 'nettoyage', 'tags', 'graffitis', 'matelas', 'odeur', 'odeurs', 'crottes'] },
  ],
  administratif: [
    { weight: 2, terms: ['attestation de loyer', 'quittance de loyer', 'avis d’échéance', 'régularisation des charges', 'demande de mutation', 'dépôt de garantie', 'état des lieux', 'trop-perçu', 'surloyer'] },
    { weight: 1, terms: ['loyer', 'quittance', 'apl', 'caf', 'charges', 'régularisation', 'préavis', 'caution', 'attestation', 'prélèvement', 'bail', 'mutation', 'échange de logement', 'demande de logement', 'facture', 'remboursement', 'paiement', 'impayé'] },
  ],
  // Gas is an emergency of its own: it outweighs the « fuite » of « fuite de gaz ». The rest:
  // neighbourhood troubles and interventions that name no equipment.
  autre: [
    { weight: 3, terms: ['odeur de gaz', 'fuite de gaz', 'sent le gaz', 'ça sent le gaz'] },
    { weight: 2, terms: ['tapage nocturne', 'trouble de voisinage', 'troubles de voisinage', 'nuisances sonores', 'squat', 'squatteurs'] },
    { weight: 1, terms: ['technicien', 'dépannage', 'bruit', 'bruits'] },
  ],
};

/**
 * Problem cues: alone they mark nothing (« je suis bloqué au travail »), with a subject they make
 * a request (« l'ascenseur est bloqué »). A question mark counts as one. Negatable: « pas de
 * problème », « aucun souci ».
 */
export const PROBLEM_CUES: string[] = [
  'panne',
  'en panne',
  'hors service',
  'hs',
  'ne marche pas',
  'ne marche plus',
  'marche pas',
  'marche plus',
  'ne fonctionne pas',
  'ne fonctionne plus',
  'fonctionne pas',
  'fonctionne plus',
  'ferme plus',
  'ferme pas',
  's’ouvre plus',
  'ouvre plus',
  'ouvre pas',
  'cassé',
  'cassée',
  'bloqué',
  'bloquée',
  'coincé',
  'froid',
  'bouché',
  'toujours pas',
  'toujours rien',
  'depuis',
  'encore',
  'réparer',
  'réparez',
  'venir réparer',
  'intervenir',
  'technicien',
  'signaler',
  'je signale',
  'problème',
  'souci',
  'dépanner',
  'dépannage',
  'urgent',
  'urgence',
  'quand',
  'aidez-nous',
  's’il vous plaît',
  'svp',
  'pouvez-vous',
  'merci de venir',
  'merci de passer',
  'besoin',
  'comment',
];

/** « C'est réparé, merci » : the subject is mentioned, but as solved. Each takes one point off. */
export const RESOLVED_MARKERS: string[] = [
  'réparé',
  'réparée',
  'résolu',
  'réglé',
  'fonctionne bien',
  'marche bien',
  'fonctionne de nouveau',
  'remis en service',
  'merci pour',
  'merci à',
  'bravo',
  'félicitations',
];

/**
 * Negative tone, weight 0..1 per entry (one occurrence of each counts). Negatable unless the
 * entry itself is a negation (« pas normal », « personne ne répond »).
 */
export const NEGATIVE_TERMS: Record<string, number> = {
  // Outrage
  scandale: 1,
  scandaleux: 1,
  scandaleuse: 1,
  honte: 0.9,
  honteux: 0.9,
  'honte à vous': 1,
  inadmissible: 1,
  inacceptable: 1,
  intolérable: 1,
  inhumain: 0.9,
  indigne: 0.9,
  'foutage de gueule': 1,
  'on se moque de nous': 0.9,
  'on se fout de nous': 1,
  'on nous prend pour des': 0.8,
  mépris: 0.8,
  méprisant: 0.8,
  // Exasperation
  'ras-le-bol': 0.9,
  'ras le bol': 0.9,
  marre: 0.8,
  'j’en peux plus': 0.8,
  insupportable: 0.8,
  excédé: 0.8,
  furieux: 0.8,
  colère: 0.7,
  épuisé: 0.5,
  'à bout': 0.7,
  // Judgement of the landlord
  nul: 0.6,
  nuls: 0.6,
  incompétent: 0.9,
  incompétents: 0.9,
  incompétence: 0.9,
  lamentable: 0.9,
  déplorable: 0.8,
  minable: 0.7,
  pathétique: 0.7,
  irresponsable: 0.8,
  arnaque: 0.8,
  arnaqueurs: 0.9,
  voleurs: 0.8,
  escrocs: 0.9,
  'n’importe quoi': 0.6,
  'pas normal': 0.6,
  'pas acceptable': 0.9,
  'pas possible': 0.4,
  déçu: 0.5,
  déçue: 0.5,
  déception: 0.5,
  pire: 0.6,
  catastrophe: 0.7,
  catastrophique: 0.8,
  horrible: 0.7,
  dégoûtant: 0.7,
  dégueulasse: 0.8,
  insalubre: 0.9,
  insalubrité: 0.9,
  dangereux: 0.6,
  abandonnés: 0.7,
  'laissés à l’abandon': 0.8,
  // Waiting, silence
  'toujours rien': 0.7,
  'toujours pas': 0.5,
  'depuis des mois': 0.8,
  'depuis des semaines': 0.6,
  'depuis des années': 0.8,
  'personne ne répond': 0.8,
  'personne ne bouge': 0.8,
  'aucune réponse': 0.7,
  'pas de réponse': 0.6,
  'sans réponse': 0.6,
  'une fois de plus': 0.5,
  'encore une fois': 0.4,
  // Escalation
  'porter plainte': 0.8,
  plainte: 0.5,
  avocat: 0.4,
  journalistes: 0.5,
  'la presse': 0.5,
  // Insults (the charter's word rules decide; here they only colour the tone)
  connard: 0.9,
  connards: 0.9,
  abruti: 0.8,
  crétin: 0.8,
  bouffon: 0.7,
  guignols: 0.7,
};

/** Words that strengthen the next negative term or two (× 1.5). */
export const INTENSIFIERS: string[] = ['très', 'vraiment', 'tellement', 'trop', 'complètement', 'totalement', 'absolument', 'franchement', 'carrément', 'hyper', 'super'];

/** Words that cancel a negatable term one or two words after them: « pas de problème », « aucun souci ». */
export const NEGATORS: string[] = ['pas', 'jamais', 'aucun', 'aucune', 'sans', 'ni'];

/** French labels of the categories, for moderators. */
export const CATEGORY_LABELS: Record<RequestCategory, string> = {
  fuite_degat_des_eaux: 'fuite / dégât des eaux',
  ascenseur: 'ascenseur',
  chauffage_eau_chaude: 'chauffage / eau chaude',
  ventilation: 'ventilation / humidité',
  nuisibles: 'nuisibles',
  porte_interphone_serrure: 'porte / interphone / serrure',
  electricite: 'électricité',
  proprete_encombrants: 'propreté / encombrants',
  administratif: 'administratif (loyer, charges, APL)',
  autre: 'autre demande',
};

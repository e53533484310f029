import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import type { RequestCategory } from './types.ts';

type Tone = 'neutre' | 'tendu' | 'négatif';
const toneOf = (score: number): Tone => (score < 0.3 ? 'neutre' : score < 0.5 ? 'tendu' : 'négatif');

/** Tenants' messages as they come: text, request category (null: not a request), tone. */
const EXAMPLES: [string, RequestCategory | null, Tone][] = [
  ['Merci pour la fête des voisins !', null, 'neutre'],
  ['Un grand merci au gardien, toujours souriant et disponible', null, 'neutre'],
  ['Bravo pour le nouvel ascenseur, il est très rapide', null, 'neutre'],
  ['Merci pour la réparation de la fuite, intervention très rapide', null, 'neutre'],
  ['Le chauffage fonctionne bien depuis la réparation, merci', null, 'neutre'],
  ['Très beau jardin partagé, félicitations aux jardiniers !', null, 'neutre'],
  ['Quelle est la date de la prochaine fête des voisins ?', null, 'neutre'],
  ['Est-ce que la salle commune est ouverte le dimanche ?', null, 'neutre'],
  ['La collecte des encombrants aura lieu mardi matin', null, 'neutre'],
  ['Pas de problème, merci pour votre retour rapide', null, 'neutre'],
  ['Il n\'y a aucun souci, tout fonctionne', null, 'neutre'],
  ['Pas de fuite finalement, fausse alerte, désolé', null, 'neutre'],
  ['Ce n\'est pas nul du tout, bonne initiative', null, 'neutre'],
  ['Fuite d\'eau au plafond de la salle de bain depuis 3 jours', 'fuite_degat_des_eaux', 'neutre'],
  ['Dégât des eaux chez moi, l\'eau coule du voisin du dessus', 'fuite_degat_des_eaux', 'neutre'],
  ['Les WC sont bouchés depuis ce matin, pouvez-vous envoyer quelqu\'un ?', 'fuite_degat_des_eaux', 'neutre'],
  ['L\'ascenseur est encore en panne au bâtiment B, ma mère ne peut plus sortir', 'ascenseur', 'neutre'],
  ['Quand est-ce que l\'ascenseur sera réparé ?', 'ascenseur', 'neutre'],
  ['Ascenseur bloqué au 4e étage depuis hier, c\'est inadmissible !', 'ascenseur', 'négatif'],
  ['Nous n\'avons plus de chauffage depuis lundi, il fait 14 degrés', 'chauffage_eau_chaude', 'neutre'],
  ['Les radiateurs sont froids dans tout l\'immeuble', 'chauffage_eau_chaude', 'neutre'],
  ['Pas d\'eau chaude depuis trois jours, on se lave à l\'eau froide', 'chauffage_eau_chaude', 'neutre'],
  ['De la moisissure sur les murs de la chambre, la VMC ne fonctionne pas', 'ventilation', 'neutre'],
  ['Des punaises de lit dans l\'appartement, je n\'en peux plus', 'nuisibles', 'neutre'],
  ['Il y a des cafards partout dans la cuisine, c\'est dégoûtant', 'nuisibles', 'négatif'],
  ['Des rats dans le local poubelles, quand allez-vous faire une dératisation ?', 'nuisibles', 'neutre'],
  ['La porte du hall ne ferme plus depuis une semaine', 'porte_interphone_serrure', 'neutre'],
  ['L\'interphone ne marche pas, les livreurs ne peuvent pas sonner', 'porte_interphone_serrure', 'neutre'],
  ['Mon badge ne fonctionne plus pour ouvrir le parking', 'porte_interphone_serrure', 'neutre'],
  ['Le digicode est cassé, n\'importe qui peut entrer', 'porte_interphone_serrure', 'neutre'],
  ['Panne d\'électricité dans la cage d\'escalier, on est dans le noir', 'electricite', 'neutre'],
  ['Des encombrants sont déposés devant le local poubelles depuis deux semaines', 'proprete_encombrants', 'neutre'],
  ['Comment obtenir une attestation de loyer pour la CAF ?', 'administratif', 'neutre'],
  ['Je n\'ai pas reçu ma quittance de loyer ce mois-ci', 'administratif', 'neutre'],
  ['Pourquoi la régularisation des charges est-elle si élevée cette année ?', 'administratif', 'neutre'],
  ['Ça sent le gaz dans l\'escalier du bâtiment C !', 'autre', 'neutre'],
  ['Mon voisin fait du tapage nocturne toutes les nuits', 'autre', 'neutre'],
  ['C\'est un scandale, toujours rien depuis des mois !!!', null, 'négatif'],
  ['Vous êtes vraiment nuls, personne ne répond au téléphone', null, 'négatif'],
  ['Bande d\'incompétents', null, 'négatif'],
  ['Bande de connards', null, 'négatif'],
  ['J\'en ai marre de ce logement insalubre', null, 'négatif'],
  ['Ras-le-bol, on se moque de nous', null, 'négatif'],
  ['TOUJOURS PAS D\'ASCENSEUR, C\'EST INADMISSIBLE !!!', 'ascenseur', 'négatif'],
  ['Le loyer a encore augmenté, c\'est une honte', 'administratif', 'négatif'],
  ['C\'est nul', null, 'tendu'],
];

describe.each(EXAMPLES)('« %s »', (text, category, tone) => {
  const { request, negative } = classify(text);

  it(category ? `is a request: ${category}` : 'is not a request', () => {
    expect(request?.category ?? null).toBe(category);
  });

  it(`has a ${tone} tone`, () => {
    expect(toneOf(negative.score)).toBe(tone);
  });
});

describe('request keywords', () => {
  it('names the words that made the request', () => {
    expect(classify("Fuite d'eau au plafond de la salle de bain depuis 3 jours").request).toEqual({
      category: 'fuite_degat_des_eaux',
      keywords: ['fuite', 'plafond', 'depuis'],
    });
  });

  it('a subject alone is not a request, a subject with a cue or a question is', () => {
    expect(classify("L'ascenseur du bâtiment B").request).toBeNull();
    expect(classify("L'ascenseur du bâtiment B est bloqué").request?.category).toBe('ascenseur');
    expect(classify("L'ascenseur du bâtiment B ?").request?.category).toBe('ascenseur');
  });

  it('a gas smell outweighs the « fuite » of « fuite de gaz »', () => {
    expect(classify('Fuite de gaz au 2e étage').request?.category).toBe('autre');
  });

  it('« plus de chauffage » is a problem, « plus de cafards » is not', () => {
    expect(classify('Plus de chauffage').request?.category).toBe('chauffage_eau_chaude');
    expect(classify("Plus de cafards depuis le passage de l'entreprise, merci").request).toBeNull();
  });
});

describe('negative tone', () => {
  it('lists its words, each once, and counts a repeated word once', () => {
    expect(classify('Honte à vous, bande d’incompétents').negative).toEqual({ score: 0.85, keywords: ['honte à vous', 'incompétent'] });
    expect(classify('Honte, honte, honte').negative.score).toBe(classify('Honte').negative.score);
  });

  it('is stronger after an intensifier', () => {
    expect(classify('vraiment nul').negative.score).toBeGreaterThan(classify('nul').negative.score);
  });

  it('is cancelled by a negation one or two words before', () => {
    expect(classify("Ce n'est pas nul").negative.score).toBe(0);
    expect(classify('Aucun problème, pas de souci').negative.score).toBe(0);
  });

  it('is raised by exclamation marks and capitals, but these alone are not negative', () => {
    expect(classify('Scandale !!!').negative.score).toBeGreaterThan(classify('Scandale').negative.score);
    expect(classify('SCANDALE, RÉPONDEZ-NOUS').negative.score).toBeGreaterThan(classify('Scandale, répondez-nous').negative.score);
    expect(classify('BONNE ANNÉE À TOUS !!!').negative.score).toBe(0);
  });

  it('stays between 0 and 1', () => {
    const { score } = classify('SCANDALE ! HONTE ! INADMISSIBLE ! INCOMPÉTENTS ! ARNAQUE ! TOUJOURS RIEN DEPUIS DES MOIS !!!').negative;
    expect(score).toBeGreaterThan(0.95);
    expect(score).toBeLessThanOrEqual(1);
  });
});

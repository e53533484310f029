import type { Rubrique } from '../cms/types.ts';

export interface RubriqueInfo {
  id: Rubrique;
  path: string;
  title: string;
  description: string;
}

export const RUBRIQUES: Record<Rubrique, RubriqueInfo> = {
  actualites: {
    id: 'actualites',
    path: '/actualites',
    title: 'Actualités',
    description: 'La vie des résidences, vos démarches et les nouvelles de votre bailleur.',
  },
  rehabilitation: {
    id: 'rehabilitation',
    path: '/rehabilitation',
    title: 'Réhabilitation',
    description: 'Les travaux de rénovation de vos résidences : isolation, chauffage, parties communes.',
  },
  construction: {
    id: 'construction',
    path: '/construction',
    title: 'Construction',
    description: 'Les nouvelles résidences en construction et leur avancement.',
  },
};

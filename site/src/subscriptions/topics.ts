import type { Rubrique } from '../cms/types.ts';

/** The topics as the CMS names them (see cms/src/subscriptions/topics.ts). */
export const NEWSLETTER = 'newsletter';
export const worksiteTopic = (documentId: string) => `worksite:${documentId}`;
export const rubriqueTopic = (rubrique: Rubrique) => `rubrique:${rubrique}`;

export const FREQUENCY_LABELS = {
  immediate: 'À chaque publication',
  daily: 'Un résumé par jour',
} as const;

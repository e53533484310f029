import type { Core } from '@strapi/strapi';
import { parseTopic, type Rubrique } from './topics';

/** Names topics for people, and says whether a topic can be subscribed to now. */
export interface TopicCatalog {
  /** A French label (« Chantier « Les Tilleuls » »), or null when the topic does not exist (unknown or unpublished worksite). */
  labelOf(topic: string): Promise<string | null>;
}

const RUBRIQUE_NAMES: Record<Rubrique, string> = {
  actualites: 'Actualités',
  rehabilitation: 'Réhabilitation',
  construction: 'Construction',
};

export function labelFor(topic: string, worksiteName: string | null): string | null {
  const parsed = parseTopic(topic);
  if (!parsed) return null;
  if (parsed.kind === 'newsletter') return 'Lettre d’information';
  if (parsed.kind === 'rubrique') return `Alertes de la rubrique ${RUBRIQUE_NAMES[parsed.rubrique]}`;
  return worksiteName ? `Alertes du chantier « ${worksiteName} »` : null;
}

/** The catalogue backed by Strapi: a worksite topic exists while its worksite is published. */
export function strapiCatalog(strapi: Core.Strapi): TopicCatalog {
  return {
    async labelOf(topic) {
      const parsed = parseTopic(topic);
      if (!parsed) return null;
      if (parsed.kind !== 'worksite') return labelFor(topic, null);
      const worksite = (await strapi.documents('api::worksite.worksite').findOne({
        documentId: parsed.documentId,
        status: 'published',
        fields: ['name'],
      })) as { name?: string } | null;
      return labelFor(topic, worksite?.name ?? null);
    },
  };
}

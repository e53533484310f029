/** What one can subscribe to. A worksite is named by its Strapi documentId (stable across renames). */
export const RUBRIQUES = ['actualites', 'rehabilitation', 'construction'] as const;
export type Rubrique = (typeof RUBRIQUES)[number];

export type Topic = 'newsletter' | `worksite:${string}` | `rubrique:${Rubrique}`;
export type Frequency = 'immediate' | 'daily';

export const TOPIC_MAX = 100;
/** Strapi documentIds are 24 lower-case alphanumerics; a little slack for other generators. */
const DOCUMENT_ID = /^[a-z0-9]{10,64}$/;

export type ParsedTopic = { kind: 'newsletter' } | { kind: 'worksite'; documentId: string } | { kind: 'rubrique'; rubrique: Rubrique };

/** The topic's parts, or null when the string is not a topic at all (the worksite may still not exist). */
export function parseTopic(topic: unknown): ParsedTopic | null {
  if (typeof topic !== 'string' || topic.length > TOPIC_MAX) return null;
  if (topic === 'newsletter') return { kind: 'newsletter' };
  const [kind, value, extra] = topic.split(':');
  if (extra !== undefined || !value) return null;
  if (kind === 'worksite' && DOCUMENT_ID.test(value)) return { kind: 'worksite', documentId: value };
  if (kind === 'rubrique' && (RUBRIQUES as readonly string[]).includes(value)) return { kind: 'rubrique', rubrique: value as Rubrique };
  return null;
}

export const worksiteTopic = (documentId: string): Topic => `worksite:${documentId}`;
export const rubriqueTopic = (rubrique: Rubrique): Topic => `rubrique:${rubrique}`;

/** Only alerts have a daily digest; the newsletter is one e-mail per issue. */
export function allowsDigest(topic: string): boolean {
  return topic !== 'newsletter';
}

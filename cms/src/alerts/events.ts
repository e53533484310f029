/**
 * The events that make alerts, as pure functions of what the CMS holds: which topics an article
 * reaches, which nuisance notices a publication adds, and the key that makes each event count once.
 */
export type Rubrique = 'actualites' | 'rehabilitation' | 'construction';
export type NuisanceType = 'coupure_eau' | 'bruit' | 'acces' | 'ascenseur';

export interface WorksiteRef {
  documentId: string;
  name: string;
  slug: string;
}

export interface ArticleAlertPayload {
  kind: 'article';
  title: string;
  excerpt: string | null;
  url: string;
  rubrique: Rubrique;
  worksite: { name: string; url: string } | null;
}

export interface NuisanceAlertPayload {
  kind: 'nuisance';
  worksite: { name: string; url: string };
  type: NuisanceType;
  from: string;
  to: string | null;
  text: string | null;
}

export type AlertPayload = ArticleAlertPayload | NuisanceAlertPayload;

export interface AlertEvent {
  key: string;
  topics: string[];
  payload: AlertPayload;
}

const link = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/** A publish, or a create / update that publishes at once (`status: 'published'`, as the REST API does). */
export function isPublication(action: string, params: { status?: string }): boolean {
  return action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published');
}

export function articleEvent(
  article: { documentId: string; title: string; slug: string; excerpt?: string | null; rubrique: Rubrique; worksite?: WorksiteRef | null },
  publicSiteUrl: string,
): AlertEvent {
  const worksite = article.worksite ?? null;
  return {
    key: `article:${article.documentId}`,
    // The worksite first: a subscriber of both gets the alert once, as a follower of the worksite.
    topics: [...(worksite ? [`worksite:${worksite.documentId}`] : []), `rubrique:${article.rubrique}`],
    payload: {
      kind: 'article',
      title: article.title,
      excerpt: article.excerpt?.trim() || null,
      url: link(publicSiteUrl, `/articles/${encodeURIComponent(article.slug)}`),
      rubrique: article.rubrique,
      worksite: worksite ? { name: worksite.name, url: link(publicSiteUrl, `/chantiers/${encodeURIComponent(worksite.slug)}`) } : null,
    },
  };
}

export interface NuisanceNotice {
  type: NuisanceType;
  from: string;
  to?: string | null;
  text?: string | null;
}

/**
 * A notice is known by its worksite, its type and its start: fixing a typo in its text alerts
 * nobody again, moving it to another day is news.
 */
export function nuisanceKey(worksiteDocumentId: string, notice: Pick<NuisanceNotice, 'type' | 'from'>): string {
  return `nuisance:${worksiteDocumentId}:${notice.type}:${new Date(notice.from).toISOString()}`;
}

/** The notices of the published worksite that were not in its previous published version. */
export function addedNuisances(worksite: WorksiteRef, before: NuisanceNotice[], after: NuisanceNotice[], publicSiteUrl: string): AlertEvent[] {
  const known = new Set(before.map((n) => nuisanceKey(worksite.documentId, n)));
  const seen = new Set<string>();
  const events: AlertEvent[] = [];
  for (const notice of after) {
    const key = nuisanceKey(worksite.documentId, notice);
    if (known.has(key) || seen.has(key)) continue;
    seen.add(key);
    events.push({
      key,
      topics: [`worksite:${worksite.documentId}`],
      payload: {
        kind: 'nuisance',
        worksite: { name: worksite.name, url: link(publicSiteUrl, `/chantiers/${encodeURIComponent(worksite.slug)}`) },
        type: notice.type,
        from: new Date(notice.from).toISOString(),
        to: notice.to ? new Date(notice.to).toISOString() : null,
        text: notice.text?.trim() || null,
      },
    });
  }
  return events;
}

/**
 * The questions the site asks the CMS, one function each. Pages call these and nothing else.
 */
import { z } from 'zod';
import { findFirst, findMany } from './client.ts';
import {
  article,
  articleSummary,
  newsletter,
  newsletterSummary,
  page,
  tag,
  worksite,
  worksiteSummary,
  type Rubrique,
  type WorksiteStatus,
} from './types.ts';
import type { QueryValue } from './query.ts';

const coverFields = { fields: ['url', 'alternativeText', 'width', 'height', 'formats'] };
const summaryPopulate = { cover: coverFields };
const bySlug = (slug: string) => ({ slug: { $eq: slug } });

export interface ArticleFilter {
  rubrique?: Rubrique;
  tagSlug?: string;
  worksiteSlug?: string;
  text?: string;
}

function articleFilters(filter: ArticleFilter): Record<string, QueryValue> {
  const filters: Record<string, QueryValue> = {};
  if (filter.rubrique) filters.rubrique = { $eq: filter.rubrique };
  if (filter.tagSlug) filters.tags = bySlug(filter.tagSlug);
  if (filter.worksiteSlug) filters.worksite = bySlug(filter.worksiteSlug);
  if (filter.text) filters.$or = [{ title: { $containsi: filter.text } }, { excerpt: { $containsi: filter.text } }];
  return filters;
}

export function listArticles(filter: ArticleFilter, page = 1, pageSize = 9) {
  return findMany('articles', articleSummary, {
    filters: articleFilters(filter),
    populate: summaryPopulate,
    sort: ['publishedAt:desc'],
    pagination: { page, pageSize },
  });
}

export function getArticle(slug: string) {
  return findFirst('articles', article, {
    filters: bySlug(slug),
    populate: { cover: coverFields, tags: { fields: ['name', 'slug'] }, worksite: { fields: ['name', 'slug'] } },
  });
}

const galleryPopulate = { gallery: coverFields };

export function listWorksites(status?: WorksiteStatus, text?: string) {
  const filters: Record<string, QueryValue> = {};
  if (status) filters.stage = { $eq: status };
  if (text) {
    filters.$or = ['name', 'residence', 'commune', 'summary'].map((field) => ({ [field]: { $containsi: text } }));
  }
  return findMany('worksites', worksiteSummary, {
    filters,
    populate: galleryPopulate,
    sort: ['stage:asc', 'startDate:desc'],
    pagination: { page: 1, pageSize: 100 },
  });
}

export function getWorksite(slug: string) {
  return findFirst('worksites', worksite, {
    filters: bySlug(slug),
    populate: { ...galleryPopulate, phases: true, nuisances: true },
  });
}

export function getTag(slug: string) {
  return findFirst('tags', tag, { filters: bySlug(slug) });
}

export function listNewsletters(page = 1) {
  return findMany('newsletters', newsletterSummary, {
    sort: ['sendDate:desc', 'publishedAt:desc'],
    pagination: { page, pageSize: 24 },
  });
}

export function getNewsletter(slug: string) {
  return findFirst('newsletters', newsletter, {
    filters: bySlug(slug),
    populate: { articles: { populate: summaryPopulate } },
  });
}

export function getPage(slug: string) {
  return findFirst('pages', page, { filters: bySlug(slug) });
}

const slugAndDate = z.object({ slug: z.string(), updatedAt: z.string() });

/** Slugs and dates of a whole collection, page after page (Strapi caps a page at 100). */
async function allSlugs(path: string) {
  const items: z.infer<typeof slugAndDate>[] = [];
  for (let page = 1; ; page++) {
    const { data, meta } = await findMany(path, slugAndDate, { fields: ['slug', 'updatedAt'], pagination: { page, pageSize: 100 } });
    items.push(...data);
    if (page >= meta.pagination.pageCount) return items;
  }
}

/** Every public URL, for the sitemap. */
export async function listAllForSitemap() {
  const [articles, worksites, newsletters] = await Promise.all([allSlugs('articles'), allSlugs('worksites'), allSlugs('newsletters')]);
  return { articles, worksites, newsletters };
}

import type { APIRoute } from 'astro';
import { listAllForSitemap } from '../cms/content.ts';
import { config } from '../config.ts';
import { buildSitemap, type SitemapEntry } from '../lib/sitemap.ts';

const STATIC_PATHS = ['/', '/actualites', '/rehabilitation', '/construction', '/chantiers', '/newsletters', '/recherche', '/charte', '/mentions-legales', '/accessibilite', '/confidentialite'];

export const GET: APIRoute = async () => {
  const { articles, worksites, newsletters } = await listAllForSitemap();
  const at = (path: string, lastmod?: string): SitemapEntry => ({ loc: `${config.PUBLIC_SITE_URL}${path}`, lastmod });
  const entries = [
    ...STATIC_PATHS.map((p) => at(p)),
    ...worksites.map((w) => at(`/chantiers/${w.slug}`, w.updatedAt)),
    ...articles.map((a) => at(`/articles/${a.slug}`, a.updatedAt)),
    ...newsletters.map((n) => at(`/newsletters/${n.slug}`, n.updatedAt)),
  ];
  return new Response(buildSitemap(entries), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};

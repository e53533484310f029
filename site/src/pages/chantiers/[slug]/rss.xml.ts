import type { APIRoute } from 'astro';
import { getWorksite } from '../../../cms/content.ts';
import { articleFeed } from '../../../lib/article-feed.ts';

export const GET: APIRoute = async ({ params, rewrite }) => {
  const worksite = await getWorksite(params.slug!);
  if (!worksite) return rewrite('/404');
  const path = `/chantiers/${worksite.slug}`;
  return articleFeed({ worksiteSlug: worksite.slug }, { title: `chantier ${worksite.name}`, description: `Les nouvelles du chantier ${worksite.name}.`, path, selfPath: `${path}/rss.xml` });
};

import type { APIRoute } from 'astro';
import { articleFeed } from '../../lib/article-feed.ts';
import { RUBRIQUES } from '../../lib/rubriques.ts';

export const GET: APIRoute = ({ params, rewrite }) => {
  const info = Object.values(RUBRIQUES).find((r) => r.id === params.rubrique);
  if (!info) return rewrite('/404');
  return articleFeed({ rubrique: info.id }, { title: info.title, description: info.description, path: info.path, selfPath: `/rss/${info.id}.xml` });
};

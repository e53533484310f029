import { listArticles, type ArticleFilter } from '../cms/content.ts';
import { config } from '../config.ts';
import { buildRss, rssResponse } from './feeds.ts';
import { RUBRIQUES } from './rubriques.ts';

/** What a feed says of itself: its title, description, the page it belongs to and its own path. */
export interface FeedInfo {
  title: string;
  description: string;
  path: string;
  selfPath: string;
}

/** An RSS response with the 20 newest articles matching `filter`. */
export async function articleFeed(filter: ArticleFilter, { title, description, path, selfPath }: FeedInfo) {
  const { data } = await listArticles(filter, 1, 20);
  const xml = buildRss({
    title: `${config.SITE_NAME} — ${title}`,
    description,
    link: `${config.PUBLIC_SITE_URL}${path}`,
    selfLink: `${config.PUBLIC_SITE_URL}${selfPath}`,
    items: data.map((a) => ({
      title: a.title,
      link: `${config.PUBLIC_SITE_URL}/articles/${a.slug}`,
      description: a.excerpt,
      pubDate: a.publishedAt,
      categories: [RUBRIQUES[a.rubrique].title],
    })),
  });
  return rssResponse(xml);
}

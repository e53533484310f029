import type { APIRoute } from 'astro';
import { articleFeed } from '../lib/article-feed.ts';

export const GET: APIRoute = () => articleFeed({}, 'toutes les publications', 'Actualités, réhabilitations et constructions.', '/', '/rss.xml');

import type { APIRoute } from 'astro';
import { articleFeed } from '../lib/article-feed.ts';

export const GET: APIRoute = () => articleFeed({}, { title: 'toutes les publications', description: 'Actualités, réhabilitations et constructions.', path: '/', selfPath: '/rss.xml' });

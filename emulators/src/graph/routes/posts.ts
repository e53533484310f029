/** A Page's posts: the feed edges (`feed`, `posts`, `published_posts`, `visitor_posts`) and publishing. */
import { invalidParameter } from '../errors.ts';
import { DEFAULT_FIELDS, edgeAnswer, parseLimit, parseTime, renderPost } from '../render.ts';
import { fieldsParam } from './context.ts';
import type { GraphCall, GraphRoute } from './context.ts';

const FEED_EDGES = ['feed', 'posts', 'published_posts', 'visitor_posts'] as const;

function readFeed({ node, edge, params, ctx }: GraphCall): unknown {
  const fields = fieldsParam(params.fields, DEFAULT_FIELDS.post);
  const posts = [...ctx.store.posts.values()].filter((p) => {
    if (p.pageId !== node.record.id || p.deleted) return false;
    const byPage = p.from.id === p.pageId;
    return edge === 'feed' || (edge === 'visitor_posts' ? !byPage : byPage);
  });
  return edgeAnswer(ctx, {
    path: `${node.record.id}/${edge}`,
    all: posts,
    query: {
      order: 'reverse_chronological',
      limit: parseLimit(params.limit),
      after: params.after,
      before: params.before,
      since: parseTime('since', params.since),
      until: parseTime('until', params.until),
    },
    params,
    render: (p) => renderPost(ctx, p, fields),
  });
}

function publishPost({ params, page, ctx }: GraphCall): unknown {
  if (!params.message && !params.link) throw invalidParameter('Missing message or attachment');
  const created = ctx.store.addPost(page.id, {
    ...(params.message ? { message: params.message } : {}),
    ...(params.link ? { link: params.link } : {}),
  });
  return { id: created.id };
}

export const postRoutes: readonly GraphRoute[] = [
  { method: 'GET', edges: FEED_EDGES, kinds: ['page'], handle: readFeed },
  { method: 'POST', edges: ['feed'], kinds: ['page'], handle: publishPost },
];

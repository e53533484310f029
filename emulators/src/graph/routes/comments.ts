/** The `comments` edge of a post or a comment: reading (filter, order, summary, paging) and replying as the Page. */
import { invalidParameter } from '../errors.ts';
import { commentEdge, DEFAULT_FIELDS } from '../render.ts';
import { fieldsParam } from './context.ts';
import type { GraphCall, GraphRoute } from './context.ts';

function readComments({ node, params, ctx }: GraphCall): unknown {
  if (node.kind === 'page') throw new Error('comments edge on a Page');
  const fields = fieldsParam(params.fields, DEFAULT_FIELDS.comment);
  const edgeParams = {
    filter: params.filter,
    order: params.order,
    limit: params.limit,
    after: params.after,
    before: params.before,
    since: params.since,
    until: params.until,
    summary: params.summary,
  };
  return commentEdge(ctx, node.record, edgeParams, { fields, pagingParams: params });
}

function addComment({ node, params, page, ctx }: GraphCall): unknown {
  if (node.kind === 'page') throw new Error('comments edge on a Page');
  const { store } = ctx;
  const message = params.message;
  if (!message) throw invalidParameter('Missing message or attachment');
  const postId = node.kind === 'post' ? node.record.id : node.record.postId;
  const created = store.addComment(page.id, postId, {
    from: store.pageUser(page.id),
    message,
    ...(node.kind === 'comment' ? { parentId: node.record.id } : {}),
  });
  return { id: created.id };
}

export const commentRoutes: readonly GraphRoute[] = [
  { method: 'GET', edges: ['comments'], kinds: ['post', 'comment'], handle: readComments },
  { method: 'POST', edges: ['comments'], kinds: ['post', 'comment'], handle: addComment },
];

import { invalidParameter, nonexistingField } from './errors.ts';
import { fieldsOf, stringifyFields } from './fields.ts';
import type { FieldSpec } from './fields.ts';
import { commentPermalink, graphTime, postPermalink } from './store.ts';
import type { CommentRecord, GraphStore, PageRecord, PostRecord } from './store.ts';
import type { GraphUser } from './types.ts';

/** What renderers need to build nested paging URLs. */
export interface RenderContext {
  store: GraphStore;
  baseUrl: string;
  version: string | undefined;
  token: string;
}

type Json = Record<string, unknown>;

export const DEFAULT_FIELDS = {
  post: ['created_time', 'message', 'id'],
  comment: ['created_time', 'from', 'message', 'id'],
  page: ['name', 'id'],
} as const;

/* ---------- Paging ---------- */

export interface EdgeItem {
  id: string;
  createdTime: number;
  seq: number;
}

export interface EdgeQuery {
  order: 'chronological' | 'reverse_chronological';
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
}

const encodeCursor = (item: EdgeItem): string => Buffer.from(`c:${item.createdTime}:${item.seq}`).toString('base64url');

function decodeCursor(cursor: string): { createdTime: number; seq: number } {
  const match = /^c:(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalidParameter('Invalid cursor');
  return { createdTime: Number(match[1]), seq: Number(match[2]) };
}

/**
 * A page of `items` in `order`, after (or before) a cursor. Cursors name an item's position
 * (creation time, then creation order), not an offset, so items added or deleted between two
 * calls neither repeat nor skip what is left to read.
 */
export function pageItems<T extends EdgeItem>(all: readonly T[], query: EdgeQuery): { items: T[]; hasNext: boolean; hasPrevious: boolean } {
  const sign = query.order === 'chronological' ? 1 : -1;
  const compare = (a: { createdTime: number; seq: number }, b: { createdTime: number; seq: number }) =>
    sign * (a.createdTime - b.createdTime || a.seq - b.seq);
  const filtered = all
    .filter((item) => (query.since === undefined || item.createdTime >= query.since) && (query.until === undefined || item.createdTime <= query.until))
    .sort(compare);
  if (query.before) {
    const cursor = decodeCursor(query.before);
    const earlier = filtered.filter((item) => compare(item, cursor) < 0);
    const items = earlier.slice(Math.max(0, earlier.length - query.limit));
    return { items, hasNext: true, hasPrevious: earlier.length > items.length };
  }
  const cursor = query.after ? decodeCursor(query.after) : undefined;
  const later = cursor ? filtered.filter((item) => compare(item, cursor) > 0) : filtered;
  const items = later.slice(0, query.limit);
  return { items, hasNext: later.length > items.length, hasPrevious: cursor !== undefined && items.length > 0 };
}

export function pagingUrl(ctx: RenderContext, path: string, params: Record<string, string>, cursor: { after?: string; before?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (key !== 'after' && key !== 'before') query.set(key, value);
  query.set('access_token', ctx.token);
  if (cursor.after) query.set('after', cursor.after);
  if (cursor.before) query.set('before', cursor.before);
  return `${ctx.baseUrl}${ctx.version ? `/${ctx.version}` : ''}/${path}?${query.toString()}`;
}

/** One edge to answer: its path, every item on it, the page asked for, and how to render an item. */
export interface EdgeAnswerInput<T extends EdgeItem> {
  /** `{node-id}/{edge}`, for the paging URLs. */
  path: string;
  all: readonly T[];
  query: EdgeQuery;
  /** Query parameters the paging URLs repeat (`after` / `before` are replaced). */
  params: Record<string, string>;
  render: (item: T) => Json;
}

/** `{ data, paging }` the way Graph writes it: `paging` only when there is data, `next` only when there is more. */
export function edgeAnswer<T extends EdgeItem>(ctx: RenderContext, input: EdgeAnswerInput<T>): Json {
  const { path, all, query, params, render } = input;
  const { items, hasNext, hasPrevious } = pageItems(all, query);
  const answer: Json = { data: items.map(render) };
  const first = items[0];
  const last = items[items.length - 1];
  if (first && last) {
    const before = encodeCursor(first);
    const after = encodeCursor(last);
    answer.paging = {
      cursors: { before, after },
      ...(hasPrevious ? { previous: pagingUrl(ctx, path, params, { before }) } : {}),
      ...(hasNext ? { next: pagingUrl(ctx, path, params, { after }) } : {}),
    };
  }
  return answer;
}

export function parseLimit(value: string | undefined, fallback = 25): number {
  if (value === undefined || value === '') return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 0) throw invalidParameter('The parameter limit must be a non-negative integer');
  if (limit > 100) throw invalidParameter('The limit parameter should not exceed 100');
  return limit;
}

/** `since` / `until`: unix seconds, or anything `Date.parse` reads (Graph takes strtotime values). */
export function parseTime(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw invalidParameter(`The parameter ${name} must be a unix timestamp or a date`);
  return parsed;
}

/* ---------- Comments edge ---------- */

export interface CommentEdgeParams {
  filter: string | undefined;
  order: string | undefined;
  limit: string | undefined;
  after?: string | undefined;
  before?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  summary?: string | undefined;
}

/** How to render a comments edge: the comment fields, and the query parameters its paging URLs repeat. */
export interface CommentEdgeOutput {
  fields: FieldSpec[];
  pagingParams: Record<string, string>;
}

export function commentEdge(ctx: RenderContext, target: PostRecord | CommentRecord, params: CommentEdgeParams, output: CommentEdgeOutput): Json {
  const { fields, pagingParams } = output;
  const filter = params.filter ?? 'toplevel';
  if (filter !== 'toplevel' && filter !== 'stream') throw invalidParameter(`param filter must be one of {toplevel, stream} - got "${filter}"`);
  const order = params.order ?? 'chronological';
  if (order !== 'chronological' && order !== 'reverse_chronological' && order !== 'ranked') {
    throw invalidParameter(`param order must be one of {chronological, reverse_chronological, ranked} - got "${order}"`);
  }
  const all =
    target.kind === 'comment'
      ? ctx.store.repliesOf(target.id)
      : ctx.store.commentsOf(target.id).filter((c) => filter === 'stream' || c.parentId === undefined);
  const query: EdgeQuery = {
    order: order === 'reverse_chronological' ? 'reverse_chronological' : 'chronological',
    limit: parseLimit(params.limit),
    after: params.after,
    before: params.before,
    since: parseTime('since', params.since),
    until: parseTime('until', params.until),
  };
  const answer = edgeAnswer(ctx, { path: `${target.id}/comments`, all, query, params: pagingParams, render: (c) => renderComment(ctx, c, fields) });
  if (params.summary === 'true' || params.summary === '1' || params.summary === 'total_count') {
    answer.summary = { order, total_count: all.length, can_comment: target.kind === 'post' || target.parentId === undefined };
  }
  return answer;
}

function nestedComments(ctx: RenderContext, target: PostRecord | CommentRecord, spec: FieldSpec): Json | undefined {
  const fields = spec.children ?? fieldsOf(DEFAULT_FIELDS.comment);
  const params: CommentEdgeParams = {
    filter: spec.modifiers.filter,
    order: spec.modifiers.order,
    limit: spec.modifiers.limit,
    since: spec.modifiers.since,
    summary: spec.modifiers.summary,
  };
  const pagingParams: Record<string, string> = { fields: stringifyFields(fields) };
  for (const key of ['filter', 'order', 'limit', 'summary'] as const) if (params[key] !== undefined) pagingParams[key] = params[key];
  const answer = commentEdge(ctx, target, params, { fields, pagingParams });
  // Graph leaves out an empty connection unless a summary was asked for.
  if ((answer.data as unknown[]).length === 0 && !answer.summary) return undefined;
  return answer;
}

/* ---------- Nodes ---------- */

function renderUser(user: GraphUser, spec: FieldSpec): Json {
  const children = spec.children ?? fieldsOf(['name', 'id']);
  const out: Json = {};
  for (const child of children) {
    if (child.name === 'id') out.id = user.id;
    else if (child.name === 'name') out.name = user.name;
    else throw nonexistingField(child.name, 'User');
  }
  return out;
}

function assign(out: Json, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}

export function renderComment(ctx: RenderContext, comment: CommentRecord, specs: readonly FieldSpec[]): Json {
  const post = ctx.store.posts.get(comment.postId)!;
  const parent = comment.parentId ? ctx.store.comments.get(comment.parentId) : undefined;
  const out: Json = {};
  for (const spec of specs) {
    switch (spec.name) {
      case 'id': out.id = comment.id; break;
      case 'message': out.message = comment.message; break;
      case 'created_time': out.created_time = graphTime(comment.createdTime); break;
      case 'from': out.from = renderUser(comment.from, spec); break;
      case 'parent': assign(out, 'parent', parent ? renderComment(ctx, parent, spec.children ?? fieldsOf(DEFAULT_FIELDS.comment)) : undefined); break;
      case 'permalink_url': out.permalink_url = commentPermalink(comment, post, parent); break;
      case 'is_hidden': out.is_hidden = comment.isHidden; break;
      case 'can_hide': out.can_hide = comment.from.id !== comment.pageId; break;
      case 'can_remove': out.can_remove = true; break;
      case 'can_comment': out.can_comment = comment.parentId === undefined; break;
      case 'can_like': out.can_like = true; break;
      case 'can_reply_privately': out.can_reply_privately = false; break;
      case 'comment_count': out.comment_count = ctx.store.repliesOf(comment.id).length; break;
      case 'like_count': out.like_count = 0; break;
      case 'user_likes': out.user_likes = false; break;
      case 'object': out.object = { id: post.id, created_time: graphTime(post.createdTime) }; break;
      case 'message_tags':
      case 'attachment':
        break; // Graph leaves absent values out.
      case 'comments': assign(out, 'comments', nestedComments(ctx, comment, spec)); break;
      default: throw nonexistingField(spec.name, 'Comment');
    }
  }
  return out;
}

export function renderPost(ctx: RenderContext, post: PostRecord, specs: readonly FieldSpec[]): Json {
  const out: Json = {};
  for (const spec of specs) {
    switch (spec.name) {
      case 'id': out.id = post.id; break;
      case 'message': assign(out, 'message', post.message); break;
      case 'created_time': out.created_time = graphTime(post.createdTime); break;
      case 'updated_time': out.updated_time = graphTime(post.updatedTime); break;
      case 'from': out.from = renderUser(post.from, spec); break;
      case 'permalink_url': out.permalink_url = postPermalink(post); break;
      case 'is_hidden': out.is_hidden = post.isHidden; break;
      case 'is_published': out.is_published = true; break;
      case 'is_expired': out.is_expired = false; break;
      case 'status_type': out.status_type = post.link ? 'shared_story' : 'mobile_status_update'; break;
      case 'attachments':
        assign(out, 'attachments', post.link ? { data: [{ type: 'share', url: post.link, target: { url: post.link } }] } : undefined);
        break;
      case 'story':
      case 'message_tags':
        break;
      case 'comments': assign(out, 'comments', nestedComments(ctx, post, spec)); break;
      default: throw nonexistingField(spec.name, 'Post');
    }
  }
  return out;
}

export function renderPage(_ctx: RenderContext, page: PageRecord, specs: readonly FieldSpec[]): Json {
  const out: Json = {};
  for (const spec of specs) {
    switch (spec.name) {
      case 'id': out.id = page.id; break;
      case 'name': out.name = page.name; break;
      case 'link': out.link = `https://www.facebook.com/${page.id}`; break;
      default: throw nonexistingField(spec.name, 'Page');
    }
  }
  return out;
}

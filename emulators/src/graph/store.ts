import { toMs } from '../http-util.ts';
import type { GraphCommentInput, GraphCommentState, GraphPageInit, GraphPostInput, GraphPostState, GraphUser } from './types.ts';

export interface PageRecord {
  id: string;
  name: string;
  accessToken: string;
  tokenExpired: boolean;
}

export interface PostRecord {
  kind: 'post';
  id: string;
  shortId: string;
  pageId: string;
  message: string | undefined;
  link: string | undefined;
  from: GraphUser;
  createdTime: number;
  updatedTime: number;
  isHidden: boolean;
  deleted: boolean;
  seq: number;
}

export interface CommentRecord {
  kind: 'comment';
  id: string;
  shortId: string;
  pageId: string;
  postId: string;
  parentId: string | undefined;
  message: string;
  from: GraphUser;
  createdTime: number;
  updatedTime: number;
  isHidden: boolean;
  deleted: boolean;
  seq: number;
}

export type GraphChange =
  | { kind: 'comment'; verb: 'add' | 'edited' | 'remove' | 'hide' | 'unhide'; comment: CommentRecord; post: PostRecord }
  | { kind: 'post'; verb: 'add' | 'edited' | 'remove' | 'hide' | 'unhide'; post: PostRecord };

/** Graph's time format: `2026-03-14T10:00:00+0000`. */
export const graphTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

export function postPermalink(post: PostRecord): string {
  return `https://www.facebook.com/${post.pageId}/posts/${post.shortId}`;
}

export function commentPermalink(comment: CommentRecord, post: PostRecord, parent: CommentRecord | undefined): string {
  const base = `${postPermalink(post)}?comment_id=${parent ? parent.shortId : comment.shortId}`;
  return parent ? `${base}&reply_comment_id=${comment.shortId}` : base;
}

export class GraphStateError extends Error {}

export interface GraphStore {
  pages: Map<string, PageRecord>;
  posts: Map<string, PostRecord>;
  comments: Map<string, CommentRecord>;
  pageByToken(token: string): PageRecord | undefined;
  addPost(pageId: string, input: GraphPostInput): PostRecord;
  addComment(pageId: string, postId: string, input: GraphCommentInput): CommentRecord;
  editComment(commentId: string, message: string): CommentRecord;
  removeComment(commentId: string): CommentRecord;
  hideComment(commentId: string, hidden: boolean): CommentRecord;
  removePost(postId: string): PostRecord;
  hidePost(postId: string, hidden: boolean): PostRecord;
  /** Live (not deleted) comments of a post, optionally only top-level or only replies of one comment. */
  commentsOf(postId: string): CommentRecord[];
  repliesOf(commentId: string): CommentRecord[];
  commentState(comment: CommentRecord): GraphCommentState;
  postState(post: PostRecord): GraphPostState;
  pageUser(pageId: string): GraphUser;
}

export function createGraphStore(options: { pages: readonly GraphPageInit[]; now: () => number; onChange: (change: GraphChange) => void }): GraphStore {
  const { now, onChange } = options;
  const pages = new Map<string, PageRecord>();
  const posts = new Map<string, PostRecord>();
  const comments = new Map<string, CommentRecord>();
  let seq = 0;
  let nextPostShort = 122_100_000_000_000_001n;
  let nextCommentShort = 1_024_000_000_000_001n;

  const page = (pageId: string): PageRecord => {
    const found = pages.get(pageId);
    if (!found) throw new GraphStateError(`unknown page ${pageId}`);
    return found;
  };
  const findPost = (postId: string, pageId?: string): PostRecord => {
    const found = posts.get(postId) ?? (pageId ? posts.get(`${pageId}_${postId}`) : undefined);
    if (!found) throw new GraphStateError(`unknown post ${postId}`);
    return found;
  };
  const findComment = (commentId: string): CommentRecord => {
    const found = comments.get(commentId);
    if (!found) throw new GraphStateError(`unknown comment ${commentId}`);
    return found;
  };
  const pageUser = (pageId: string): GraphUser => {
    const p = page(pageId);
    return { id: p.id, name: p.name };
  };

  const store: GraphStore = {
    pages,
    posts,
    comments,
    pageUser,
    pageByToken(token) {
      for (const p of pages.values()) if (p.accessToken === token) return p;
      return undefined;
    },
    addPost(pageId, input) {
      page(pageId);
      let id = input.id;
      if (id && !id.startsWith(`${pageId}_`)) throw new GraphStateError(`post id ${id} must start with ${pageId}_`);
      if (!id) {
        do id = `${pageId}_${nextPostShort++}`;
        while (posts.has(id));
      }
      if (posts.has(id)) throw new GraphStateError(`post ${id} exists`);
      const createdTime = toMs(input.createdTime, now());
      const record: PostRecord = {
        kind: 'post',
        id,
        shortId: id.slice(pageId.length + 1),
        pageId,
        message: input.message,
        link: input.link,
        from: input.from ?? pageUser(pageId),
        createdTime,
        updatedTime: createdTime,
        isHidden: false,
        deleted: false,
        seq: seq++,
      };
      posts.set(id, record);
      onChange({ kind: 'post', verb: 'add', post: record });
      return record;
    },
    addComment(pageId, postId, input) {
      const post = findPost(postId, pageId);
      if (post.pageId !== pageId) throw new GraphStateError(`post ${postId} is not on page ${pageId}`);
      if (post.deleted) throw new GraphStateError(`post ${postId} is deleted`);
      let parentId: string | undefined;
      if (input.parentId) {
        const parent = findComment(input.parentId);
        if (parent.postId !== post.id) throw new GraphStateError(`comment ${input.parentId} is not on post ${post.id}`);
        if (parent.deleted) throw new GraphStateError(`comment ${input.parentId} is deleted`);
        parentId = parent.parentId ?? parent.id;
      }
      let id = input.id;
      if (!id) {
        do id = `${post.shortId}_${nextCommentShort++}`;
        while (comments.has(id));
      }
      if (comments.has(id)) throw new GraphStateError(`comment ${id} exists`);
      const createdTime = toMs(input.createdTime, now());
      const record: CommentRecord = {
        kind: 'comment',
        id,
        shortId: id.includes('_') ? id.slice(id.lastIndexOf('_') + 1) : id,
        pageId,
        postId: post.id,
        parentId,
        message: input.message,
        from: { id: input.from.id, name: input.from.name },
        createdTime,
        updatedTime: createdTime,
        isHidden: false,
        deleted: false,
        seq: seq++,
      };
      comments.set(id, record);
      onChange({ kind: 'comment', verb: 'add', comment: record, post });
      return record;
    },
    editComment(commentId, message) {
      const comment = findComment(commentId);
      if (comment.deleted) throw new GraphStateError(`comment ${commentId} is deleted`);
      comment.message = message;
      comment.updatedTime = now();
      onChange({ kind: 'comment', verb: 'edited', comment, post: findPost(comment.postId) });
      return comment;
    },
    removeComment(commentId) {
      const comment = findComment(commentId);
      if (comment.deleted) throw new GraphStateError(`comment ${commentId} is already deleted`);
      comment.deleted = true;
      // Deleting a comment takes its replies with it, as on Facebook.
      for (const reply of comments.values()) if (reply.parentId === comment.id) reply.deleted = true;
      onChange({ kind: 'comment', verb: 'remove', comment, post: findPost(comment.postId) });
      return comment;
    },
    hideComment(commentId, hidden) {
      const comment = findComment(commentId);
      if (comment.deleted) throw new GraphStateError(`comment ${commentId} is deleted`);
      if (comment.isHidden !== hidden) {
        comment.isHidden = hidden;
        onChange({ kind: 'comment', verb: hidden ? 'hide' : 'unhide', comment, post: findPost(comment.postId) });
      }
      return comment;
    },
    removePost(postId) {
      const post = findPost(postId);
      if (post.deleted) throw new GraphStateError(`post ${postId} is already deleted`);
      post.deleted = true;
      onChange({ kind: 'post', verb: 'remove', post });
      return post;
    },
    hidePost(postId, hidden) {
      const post = findPost(postId);
      if (post.isHidden !== hidden) {
        post.isHidden = hidden;
        onChange({ kind: 'post', verb: hidden ? 'hide' : 'unhide', post });
      }
      return post;
    },
    commentsOf(postId) {
      return [...comments.values()].filter((c) => c.postId === postId && !c.deleted);
    },
    repliesOf(commentId) {
      return [...comments.values()].filter((c) => c.parentId === commentId && !c.deleted);
    },
    commentState(comment) {
      const post = findPost(comment.postId);
      const parent = comment.parentId ? comments.get(comment.parentId) : undefined;
      return {
        id: comment.id,
        page_id: comment.pageId,
        post_id: comment.postId,
        ...(comment.parentId ? { parent_id: comment.parentId } : {}),
        message: comment.message,
        created_time: graphTime(comment.createdTime),
        updated_time: graphTime(comment.updatedTime),
        from: { ...comment.from },
        permalink_url: commentPermalink(comment, post, parent),
        is_hidden: comment.isHidden,
        deleted: comment.deleted,
      };
    },
    postState(post) {
      return {
        id: post.id,
        page_id: post.pageId,
        ...(post.message !== undefined ? { message: post.message } : {}),
        ...(post.link !== undefined ? { link: post.link } : {}),
        created_time: graphTime(post.createdTime),
        updated_time: graphTime(post.updatedTime),
        from: { ...post.from },
        permalink_url: postPermalink(post),
        is_hidden: post.isHidden,
        deleted: post.deleted,
        visitor: post.from.id !== post.pageId,
      };
    },
  };

  for (const init of options.pages) {
    if (pages.has(init.id)) throw new GraphStateError(`duplicate page ${init.id}`);
    pages.set(init.id, { id: init.id, name: init.name, accessToken: init.accessToken, tokenExpired: false });
  }
  for (const init of options.pages) for (const post of init.posts ?? []) store.addPost(init.id, post);
  return store;
}

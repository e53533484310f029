/** `/{id}` itself: read a Page, post or comment; update (hide, edit) or delete a post or comment. */
import { invalidParameter } from '../errors.ts';
import { DEFAULT_FIELDS, renderComment, renderPage, renderPost } from '../render.ts';
import { asBoolean, fieldsParam, permissionsError } from './context.ts';
import type { GraphCall, GraphRoute } from './context.ts';

function readNode({ node, params, ctx }: GraphCall): unknown {
  if (node.kind === 'page') return renderPage(ctx, node.record, fieldsParam(params.fields, DEFAULT_FIELDS.page));
  if (node.kind === 'post') return renderPost(ctx, node.record, fieldsParam(params.fields, DEFAULT_FIELDS.post));
  return renderComment(ctx, node.record, fieldsParam(params.fields, DEFAULT_FIELDS.comment));
}

function updateNode({ node, params, page, ctx, now }: GraphCall): unknown {
  const { store } = ctx;
  const hidden = asBoolean(params.is_hidden);
  const message = params.message;
  if (node.kind === 'comment') {
    // Only the Page's own comments can be edited; an unchanged message (the SDK's `update()` resends
    // every known field) is not an edit.
    if (message !== undefined && message !== node.record.message) {
      if (node.record.from.id !== page.id) throw permissionsError();
      store.editComment(node.record.id, message);
    }
    if (hidden !== undefined) {
      if (node.record.from.id === page.id && hidden) {
        throw invalidParameter('Cannot hide a comment posted by the Page itself');
      }
      store.hideComment(node.record.id, hidden);
    }
  } else if (node.kind === 'post') {
    if (message !== undefined && message !== node.record.message) {
      if (node.record.from.id !== page.id) throw permissionsError();
      node.record.message = message;
      node.record.updatedTime = now();
    }
    if (hidden !== undefined) store.hidePost(node.record.id, hidden);
  }
  return { success: true };
}

function deleteNode({ node, ctx }: GraphCall): unknown {
  if (node.kind === 'comment') ctx.store.removeComment(node.record.id);
  else if (node.kind === 'post') ctx.store.removePost(node.record.id);
  return { success: true };
}

export const nodeRoutes: readonly GraphRoute[] = [
  { method: 'GET', edges: undefined, kinds: ['page', 'post', 'comment'], handle: readNode },
  { method: 'POST', edges: undefined, kinds: ['post', 'comment'], handle: updateNode },
  { method: 'DELETE', edges: undefined, kinds: ['post', 'comment'], handle: deleteNode },
];

/**
 * The Graph emulator's route table: `/{id}` and `/{id}/{edge}`, matched on the method, the edge and
 * the kind of node the id names. What no route serves answers as Graph does: an unknown edge read
 * is a nonexisting field (#100), anything else an unsupported request (100/33).
 */
import { GraphApiError, unsupported } from '../errors.ts';
import type { RenderContext } from '../render.ts';
import type { PageRecord } from '../store.ts';
import { commentRoutes } from './comments.ts';
import type { GraphNode, GraphRoute } from './context.ts';
import { nodeRoutes } from './nodes.ts';
import { postRoutes } from './posts.ts';

export type { GraphCall, GraphNode, GraphRoute } from './context.ts';

export const GRAPH_ROUTES: readonly GraphRoute[] = [...nodeRoutes, ...postRoutes, ...commentRoutes];

/** An authenticated request: the (possibly overridden) method, the path after the version, the merged query and body. */
export interface GraphRequest {
  method: string;
  segments: string[];
  params: Record<string, string>;
}

/** What a call runs against: the token's Page, the render context, the clock. */
export interface GraphRouteEnv {
  page: PageRecord;
  ctx: RenderContext;
  now: () => number;
}

function resolve(id: string, method: string, env: GraphRouteEnv): GraphNode {
  const { page, ctx } = env;
  const { store } = ctx;
  const target = id === 'me' ? page.id : id;
  const asPage = store.pages.get(target);
  if (asPage) {
    if (asPage.id !== page.id) throw unsupported(method, id);
    return { kind: 'page', record: asPage };
  }
  const post = store.posts.get(target);
  if (post && !post.deleted && post.pageId === page.id) return { kind: 'post', record: post };
  const comment = store.comments.get(target);
  if (comment && !comment.deleted && comment.pageId === page.id) return { kind: 'comment', record: comment };
  throw unsupported(method, id);
}

const NODE_TYPES = { page: 'Page', post: 'Post', comment: 'Comment' } as const;

export function routeGraphRequest(request: GraphRequest, env: GraphRouteEnv): unknown {
  const { method, segments, params } = request;
  const [id, edge, ...rest] = segments;
  if (!id) throw unsupported(method, '');
  if (rest.length) throw new GraphApiError(400, { message: `Unknown path components: /${rest.join('/')}`, type: 'OAuthException', code: 2500 });
  const node = resolve(id, method, env);
  const found = GRAPH_ROUTES.find(
    (route) => route.method === method && (edge === undefined ? route.edges === undefined : route.edges?.includes(edge)) && route.kinds.includes(node.kind),
  );
  if (found) return found.handle({ method, id, edge, node, params, ...env });
  if (method === 'GET' && edge) {
    throw new GraphApiError(400, {
      message: `(#100) Tried accessing nonexisting field (${edge}) on node type (${NODE_TYPES[node.kind]})`,
      type: 'OAuthException',
      code: 100,
    });
  }
  throw unsupported(method, edge ? `${id}/${edge}` : id);
}

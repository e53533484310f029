/** What every Graph route receives, and the helpers the routes share. */
import { GraphApiError, invalidParameter } from '../errors.ts';
import { FieldSyntaxError, fieldsOf, parseFields } from '../fields.ts';
import type { FieldSpec } from '../fields.ts';
import type { RenderContext } from '../render.ts';
import type { CommentRecord, PageRecord, PostRecord } from '../store.ts';

/** The object a path names: the token's Page, one of its posts, or one of their comments. */
export type GraphNode = { kind: 'page'; record: PageRecord } | { kind: 'post'; record: PostRecord } | { kind: 'comment'; record: CommentRecord };
export type GraphNodeKind = GraphNode['kind'];

/** One authenticated call, resolved: `/{id}` or `/{id}/{edge}` with the merged query and body. */
export interface GraphCall<N extends GraphNode = GraphNode> {
  method: string;
  id: string;
  edge: string | undefined;
  node: N;
  params: Record<string, string>;
  /** The Page the token belongs to. */
  page: PageRecord;
  ctx: RenderContext;
  now: () => number;
}

export interface GraphRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** `undefined`: the node itself (`/{id}`); otherwise the edges served (`/{id}/{edge}`). */
  edges: readonly string[] | undefined;
  kinds: readonly GraphNodeKind[];
  handle(call: GraphCall): unknown;
}

export function fieldsParam(value: string | undefined, fallback: readonly string[]): FieldSpec[] {
  if (value === undefined || value === '') return fieldsOf(fallback);
  try {
    return parseFields(value);
  } catch (error) {
    if (error instanceof FieldSyntaxError) throw new GraphApiError(400, { message: error.message, type: 'OAuthException', code: 2500 });
    throw error;
  }
}

export function asBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw invalidParameter(`Param is_hidden must be a boolean`);
}

export const permissionsError = () => new GraphApiError(403, { message: '(#200) Permissions error', type: 'OAuthException', code: 200 });

/**
 * What one GraphQL request may ask, checked before anything runs (README.md, « Limites »): the
 * document's size (in `http/graphql.ts`, before parsing), then as validation rules handed to
 * Apollo: introspection, depth, aliases, `login` fields, cost. A refusal is a French message with
 * its own `extensions.code`; Apollo answers it with HTTP 400 and executes nothing.
 *
 * Types are recognised by their tag (`[Symbol.toStringTag]`), not with graphql's `isListType`…:
 * under vitest the schema and this file may hold two copies of graphql (see console/queries.test.ts).
 */
import { GraphQLError, Kind, type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

export interface GraphQLLimits {
  /** Characters of the query document (checked before parsing). */
  maxQueryLength: number;
  /** Nested field selections, fragments followed (`{ me { id } }` is 2). */
  maxDepth: number;
  /** Aliased fields in one operation, fragments followed. */
  maxAliases: number;
  /** `login` fields in one request (each is a password attempt). */
  maxLogins: number;
  /** Budget of one operation's cost: 1 per field, a list field's selection counted `LIST_SIZES` times. */
  maxCost: number;
}

/**
 * The limits in force, from the console's heaviest operations (limits.test.ts runs every operation
 * of console/public/queries.js through these rules and keeps at least twice this headroom):
 * 586 characters (`itemQuery`), depth 4 (`DASHBOARD_QUERY`, `QUEUE_QUERY`…), one alias
 * (`result:` of the decisions), cost 1 725 (`QUEUE_QUERY`: 100 items of 17 fields).
 */
export const LIMITS: GraphQLLimits = { maxQueryLength: 20_000, maxDepth: 10, maxAliases: 30, maxLogins: 1, maxCost: 5_000 };

/** The French refusals, by code; the numbers are said so that a developer knows what to change. */
export const LIMIT_MESSAGES = {
  QUERY_TOO_LARGE: (max: number) => `Requête refusée : elle est trop longue (${max} caractères au plus).`,
  QUERY_TOO_DEEP: (max: number) => `Requête refusée : elle imbrique trop de champs (profondeur ${max} au plus).`,
  TOO_MANY_ALIASES: (max: number) => `Requête refusée : elle contient trop d’alias (${max} au plus).`,
  TOO_MANY_LOGINS: (max: number) => `Requête refusée : une seule tentative de connexion par requête (${max} au plus).`,
  QUERY_TOO_COMPLEX: (max: number) => `Requête refusée : elle demande trop de données à la fois (coût ${max} au plus).`,
  INTROSPECTION_DISABLED: () => 'Requête refusée : l’introspection du schéma est désactivée sur ce service.',
} as const;

export type LimitCode = keyof typeof LIMIT_MESSAGES;
export const LIMIT_CODES = new Set<string>(Object.keys(LIMIT_MESSAGES));

/** The refusal of `code`, as a GraphQL error (Apollo wraps it; `formatError` gives back code and message). */
export function limitError(code: LimitCode, max: number, node?: FieldNode): GraphQLError {
  return new GraphQLError(LIMIT_MESSAGES[code](max), { nodes: node ? [node] : undefined, extensions: { code } });
}

/**
 * Rows a list field may bring back, i.e. what its selection's cost is multiplied by: the caps
 * the services apply (queue and claims pages 100, audit page 200, a thread 200, an author's
 * history 20, a crisis's items 50), and the shapes that are fixed (a person's data: two packages of
 * five kinds at most). Any other list of objects counts `DEFAULT_LIST_SIZE`; a list
 * of scalars or enums costs one, like a scalar.
 */
export const LIST_SIZES: Record<string, number> = {
  'QueuePage.items': 100,
  'ClaimPage.claims': 100,
  'AuditPage.entries': 200,
  'Item.thread': 200,
  'Item.authorHistory': 20,
  'Crisis.items': 50,
  'BulkResult.done': 200,
  'BulkResult.failed': 200,
  'PersonalDataSearch.packages': 2,
  'PersonalDataErasure.packages': 2,
  'PersonalDataPackage.groups': 5,
};
export const DEFAULT_LIST_SIZE = 10;

// The schema objects, structurally: what the rules read of them.
interface TypeLike {
  readonly [Symbol.toStringTag]: string;
  readonly name?: string;
  readonly ofType?: TypeLike;
  getFields?(): Record<string, { type: TypeLike }>;
}

const tag = (type: TypeLike) => type[Symbol.toStringTag];
function named(type: TypeLike): TypeLike {
  let t = type;
  while (t.ofType) t = t.ofType;
  return t;
}
function isList(type: TypeLike): boolean {
  for (let t: TypeLike | undefined = type; t; t = t.ofType) if (tag(t) === 'GraphQLList') return true;
  return false;
}
const isComposite = (type: TypeLike) => ['GraphQLObjectType', 'GraphQLInterfaceType', 'GraphQLUnionType'].includes(tag(named(type)));

/** What one selection set amounts to, fragments followed. */
export interface Measure {
  depth: number;
  aliases: number;
  logins: number;
  cost: number;
  /** The deepest field, to point the error at. */
  deepest?: FieldNode;
}

const ZERO: Measure = { depth: 0, aliases: 0, logins: 0, cost: 0 };

/**
 * Measures selection sets against the schema. A fragment is measured once per type it is read
 * on (memoised), so a document that spreads fragments in fragments costs linear time to check,
 * while its count is the expanded one; a fragment cycle counts zero (NoFragmentCycles refuses it).
 */
function measurer(context: ValidationContext) {
  const schema = context.getSchema();
  const mutationType = schema.getMutationType()?.name;
  const memo = new Map<string, Measure>();
  const inProgress = new Set<string>();

  function fragmentMeasure(fragment: FragmentDefinitionNode): Measure {
    const key = fragment.name.value;
    const known = memo.get(key);
    if (known) return known;
    if (inProgress.has(key)) return ZERO;
    inProgress.add(key);
    const type = schema.getType(fragment.typeCondition.name.value) as unknown as TypeLike | undefined;
    const result = type ? measure(fragment.selectionSet, type) : ZERO;
    inProgress.delete(key);
    memo.set(key, result);
    return result;
  }

  function measure(selectionSet: SelectionSetNode, parent: TypeLike): Measure {
    const total: Measure = { depth: 0, aliases: 0, logins: 0, cost: 0 };
    const add = (m: Measure) => {
      total.aliases += m.aliases;
      total.logins += m.logins;
      total.cost += m.cost;
      if (m.depth > total.depth) {
        total.depth = m.depth;
        total.deepest = m.deepest;
      }
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = context.getFragment(selection.name.value);
        if (fragment) add(fragmentMeasure(fragment));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as unknown as TypeLike | undefined) : parent;
        if (type) add(measure(selection.selectionSet, type));
      } else {
        const name = selection.name.value;
        const parentName = named(parent).name ?? '';
        const field = named(parent).getFields?.()[name];
        const inner = selection.selectionSet && field ? measure(selection.selectionSet, field.type) : ZERO;
        const size = field && isList(field.type) && isComposite(field.type) ? (LIST_SIZES[`${parentName}.${name}`] ?? DEFAULT_LIST_SIZE) : 1;
        add({
          depth: 1 + inner.depth,
          deepest: inner.deepest ?? selection,
          aliases: (selection.alias ? 1 : 0) + inner.aliases,
          logins: (name === 'login' && parentName === mutationType ? 1 : 0) + inner.logins,
          cost: 1 + size * inner.cost,
        });
      }
    }
    return total;
  }

  return measure;
}

/**
 * The limits as one validation rule: for each operation its depth, aliases and cost; over the
 * whole document its `login` fields (only one operation runs, but none may carry two attempts).
 */
export function limitsRule(limits: GraphQLLimits = LIMITS, observe?: (operation: string, measure: Measure) => void): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const measure = measurer(context);
    let logins = 0;
    return {
      OperationDefinition(operation) {
        const schema = context.getSchema();
        const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        if (!root) return false;
        const m = measure(operation.selectionSet, root as unknown as TypeLike);
        observe?.(operation.name?.value ?? '', m);
        if (m.depth > limits.maxDepth) context.reportError(limitError('QUERY_TOO_DEEP', limits.maxDepth, m.deepest));
        else if (m.aliases > limits.maxAliases) context.reportError(limitError('TOO_MANY_ALIASES', limits.maxAliases));
        else if (m.cost > limits.maxCost) context.reportError(limitError('QUERY_TOO_COMPLEX', limits.maxCost));
        logins += m.logins;
        return false;
      },
      Document: {
        leave() {
          if (logins > limits.maxLogins) context.reportError(limitError('TOO_MANY_LOGINS', limits.maxLogins));
        },
      },
    };
  };
}

/** `__schema` and `__type` refused (`__typename` stays allowed), as graphql's NoSchemaIntrospectionCustomRule, in French. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') context.reportError(limitError('INTROSPECTION_DISABLED', 0, node));
  },
});

/** The rules to hand to Apollo: introspection refused unless `introspection`, and the limits. */
export function validationRules(options: { introspection: boolean; limits?: GraphQLLimits }): ValidationRule[] {
  return [...(options.introspection ? [] : [noIntrospectionRule]), limitsRule(options.limits)];
}

/** The query texts of a request body (one operation, or a batch) and of a GET's `?query=`. */
export function queryTexts(body: unknown, search: string): string[] {
  const texts: string[] = [];
  for (const entry of Array.isArray(body) ? (body as unknown[]) : [body]) {
    const query = entry && typeof entry === 'object' ? (entry as { query?: unknown }).query : undefined;
    if (typeof query === 'string') texts.push(query);
  }
  const fromUrl = new URLSearchParams(search).getAll('query');
  return [...texts, ...fromUrl];
}

/** The size refusal of a request, or null: checked before Apollo parses anything. */
export function sizeRefusal(body: unknown, search: string, limits: GraphQLLimits = LIMITS): GraphQLError | null {
  return queryTexts(body, search).some((text) => text.length > limits.maxQueryLength) ? limitError('QUERY_TOO_LARGE', limits.maxQueryLength) : null;
}

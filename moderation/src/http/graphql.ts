import type { IncomingMessage } from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { ERRORS, HubError } from '../errors.ts';
import { LIMIT_CODES, LIMITS, sizeRefusal, validationRules, type GraphQLLimits } from '../graphql/limits.ts';
import { parseJson, readBody } from './body.ts';
import type { Handler, Route } from './routes.ts';

export const GRAPHQL_PATH = '/graphql';

const MAX_BODY = 1024 * 1024;

interface ErrorLog {
  error(obj: object, msg: string): void;
}

/** What a person caused by a malformed request (Apollo's codes): « Requête invalide : … ». */
const REQUEST_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/** The `extensions.code` of an error, read structurally (graphql may be loaded twice under vitest). */
const codeOf = (error: unknown): unknown => (error && typeof error === 'object' ? (error as { extensions?: { code?: unknown } }).extensions?.code : undefined);

/**
 * Errors the user caused keep their French message and code: a `HubError`, a refusal of the
 * limits (graphql/limits.ts), a malformed query. Anything else is logged with its cause and sent
 * as `ERRORS.INTERNAL`: no SQL, no stack, no internal message ever reaches `errors[]`. Only
 * `message`, `path` and `extensions.code` are sent (never `extensions.stacktrace`).
 */
export function formatError(logger: ErrorLog) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof HubError) return { message: original.publicMessage, path: formatted.path, extensions: { code: original.code } };
    // Apollo wraps a validation rule's error (code GRAPHQL_VALIDATION_FAILED); the rule's own is inside.
    const limitCode = codeOf((original as { originalError?: unknown } | null)?.originalError);
    if (typeof limitCode === 'string' && LIMIT_CODES.has(limitCode)) return { message: formatted.message, extensions: { code: limitCode } };
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_CODES.has(code) && original === error) return { message: `Requête invalide : ${formatted.message}`, extensions: { code } };
    logger.error({ err: original }, 'graphql error');
    return { message: ERRORS.INTERNAL, path: formatted.path, extensions: { code: 'INTERNAL' } };
  };
}

/** What the resolvers get; the session cookies they set are sent with the answer. */
export type RequestContext = BaseContext & { setCookies: string[] };

export interface GraphQLRouteOptions<C extends RequestContext> {
  schema: GraphQLSchema;
  /** The context of one request (who is calling), built after the body is read. */
  context(req: IncomingMessage): Promise<C>;
  logger: ErrorLog;
  /** `__schema` / `__type` answered (MODERATION_GRAPHQL_INTROSPECTION); refused in French otherwise. */
  introspection: boolean;
  /** What one request may ask (graphql/limits.ts); `LIMITS` unless a test narrows them. */
  limits?: GraphQLLimits;
}

/** Apollo Server 5 on node:http, any method on `/graphql` (Apollo answers 405 itself), CSRF prevention on. */
export async function createGraphQLRoutes<C extends RequestContext>(options: GraphQLRouteOptions<C>): Promise<{ routes: Route[]; stop(): Promise<void> }> {
  const limits = options.limits ?? LIMITS;
  const server = new ApolloServer<C>({
    schema: options.schema,
    csrfPrevention: true,
    // The process stops itself on SIGINT / SIGTERM (main.ts); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    // Introspection is refused by our own rule (validationRules, French message), not Apollo's.
    introspection: true,
    validationRules: validationRules({ introspection: options.introspection, limits }),
    // Never a stack trace, in development too: formatError sends only message, path and code.
    includeStacktraceInErrorResponses: false,
    formatError: formatError(options.logger),
  });
  await server.start();

  const handler: Handler = async (req, res, { url }) => {
    const text = req.method === 'POST' ? await readBody(req, MAX_BODY) : '';
    const body = req.method === 'POST' ? parseJson(text) : undefined;
    // An oversized document is refused before Apollo parses it, and before the session is looked up.
    const tooLarge = sizeRefusal(body, url.search, limits);
    if (tooLarge) {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify({ errors: [{ message: tooLarge.message, extensions: tooLarge.extensions }] }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const context = await options.context(req);
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => context,
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    if (context.setCookies.length) res.setHeader('set-cookie', context.setCookies);
    res.setHeader('cache-control', 'no-store');
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return { routes: [{ method: '*', path: GRAPHQL_PATH, caller: 'console', handler }], stop: () => server.stop() };
}

import type { IncomingMessage } from 'node:http';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { ERRORS, HubError } from '../errors.ts';
import { parseJson, readBody } from './body.ts';
import type { Handler, Route } from './routes.ts';

export const GRAPHQL_PATH = '/graphql';

const MAX_BODY = 1024 * 1024;

interface ErrorLog {
  error(obj: object, msg: string): void;
}

/** Errors the user caused keep their French message and code; the rest become INTERNAL. */
function formatError(logger: ErrorLog) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof HubError) return { message: original.publicMessage, path: formatted.path, extensions: { code: original.code } };
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST') {
      return { message: `Requête invalide : ${formatted.message}`, extensions: { code } };
    }
    if (original instanceof GraphQLError && !(original.originalError)) return formatted;
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
}

/** Apollo Server 5 on node:http, any method on `/graphql` (Apollo answers 405 itself), CSRF prevention on. */
export async function createGraphQLRoutes<C extends RequestContext>(options: GraphQLRouteOptions<C>): Promise<{ routes: Route[]; stop(): Promise<void> }> {
  const server = new ApolloServer<C>({
    schema: options.schema,
    csrfPrevention: true,
    // The process stops itself on SIGINT / SIGTERM (main.ts); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(options.logger),
  });
  await server.start();

  const handler: Handler = async (req, res, { url }) => {
    const text = req.method === 'POST' ? await readBody(req, MAX_BODY) : '';
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const context = await options.context(req);
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body: req.method === 'POST' ? parseJson(text) : undefined },
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

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ERRORS, HubError } from '../errors.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { SESSION_COOKIE } from '../graphql/resolvers/access.ts';
import { buildSchema } from '../graphql/schema.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services.ts';
import { parseJson, readBody, readCookie } from './body.ts';

const MAX_BODY = 1024 * 1024;

/** Errors the user caused keep their French message and code; the rest become INTERNAL. */
function formatError(logger: Logger) {
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

/** Apollo Server 5 on node:http: the console's API, CSRF prevention on. */
export async function createGraphQLHandler(services: Services, logger: Logger, secureCookies: boolean) {
  const server = new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    csrfPrevention: true,
    // The process stops itself on SIGINT / SIGTERM (main.ts); Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger),
  });
  await server.start();

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL) {
    const text = req.method === 'POST' ? await readBody(req, MAX_BODY) : '';
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const sessionToken = readCookie(req, SESSION_COOKIE);
    const context: GraphQLContext = { services, user: await services.accounts.resolve(sessionToken), sessionToken, setCookies: [], secureCookies };
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
  }

  return { handle, stop: () => server.stop() };
}

import { createRequire } from 'node:module';
import { GraphQLError as LocalGraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ERRORS, HubError } from '../errors.ts';
import { limitError } from '../graphql/limits.ts';
import { formatError } from './graphql.ts';

// Apollo's errors come from Apollo's copy of graphql (under vitest, not the one this file imports).
const { GraphQLError } = createRequire(createRequire(import.meta.url).resolve('@apollo/server'))('graphql') as typeof import('graphql');
type GraphQLError = LocalGraphQLError;

const logged: unknown[] = [];
const format = formatError({ error: (obj) => logged.push(obj) });

/** What Apollo hands formatError: the formatted error (with a stack trace when asked) and the error. */
function formatted(error: GraphQLError): GraphQLFormattedError {
  return { ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', ...error.extensions, stacktrace: ['Error: boom', '    at Object.<anonymous> (/work/main/moderation/src/db/database.ts:1:1)'] } };
}

const SQL = 'SQLITE_ERROR: no such table: audit_log — select "id", "at" from "audit_log" order by "id" desc limit ?';

describe('formatError', () => {
  it('keeps a HubError’s code and French message', () => {
    const error = new GraphQLError('FORBIDDEN', { path: ['users'], originalError: new HubError('FORBIDDEN', { detail: 'role communication_readonly' }) });
    expect(format(formatted(error), error)).toEqual({ message: ERRORS.FORBIDDEN, path: ['users'], extensions: { code: 'FORBIDDEN' } });
  });

  it('replaces an internal error (SQL text, stack) by the French generic message, and logs it', () => {
    const cause = new Error(SQL);
    const error = new GraphQLError(SQL, { path: ['auditLog'], originalError: cause });
    logged.length = 0;
    expect(format(formatted(error), error)).toEqual({ message: ERRORS.INTERNAL, path: ['auditLog'], extensions: { code: 'INTERNAL' } });
    expect(logged).toEqual([{ err: cause }]);
  });

  it('replaces a GraphQL error that carries no cause and no known code too', () => {
    // e.g. an error raised by graphql itself while answering: internal, not the user's. From the copy
    // http/graphql.ts imports, the only one outside vitest (it used to be sent as is).
    const error = new LocalGraphQLError(SQL);
    const out = format(formatted(error), error);
    expect(out).toEqual({ message: ERRORS.INTERNAL, extensions: { code: 'INTERNAL' } });
    expect(JSON.stringify(out)).not.toMatch(/audit_log|select|stacktrace|database\.ts/);
  });

  it('gives back a limit’s own code and French message from under Apollo’s validation error', () => {
    const rule = limitError('QUERY_TOO_DEEP', 10);
    const error = new GraphQLError(rule.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, originalError: rule });
    expect(format(formatted(error), error)).toEqual({ message: 'Requête refusée : elle imbrique trop de champs (profondeur 10 au plus).', extensions: { code: 'QUERY_TOO_DEEP' } });
  });

  it('says « Requête invalide » for a malformed query, without its stack', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format(formatted(error), error)).toEqual({ message: 'Requête invalide : Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLScalarType, Kind } from 'graphql';
import { applyAuth } from './auth-directive.ts';
import { accessMutation, accessQuery } from './resolvers/access.ts';
import { auditQuery } from './resolvers/audit.ts';
import { charterMutation, charterQuery } from './resolvers/charter.ts';
import { Claim, ClaimEvent, ClaimPush, claimsMutation, claimsQuery, itemClaim } from './resolvers/claims.ts';
import { connectorsQuery } from './resolvers/connectors.ts';
import { dashboardQuery } from './resolvers/dashboard.ts';
import { Crisis, escalationMutation, escalationQuery } from './resolvers/escalation.ts';
import { Item, ItemEvent } from './resolvers/items.ts';
import { OnCallMember, oncallMutation, oncallQuery } from './resolvers/oncall.ts';
import { queueMutation, queueQuery } from './resolvers/queue.ts';
import { rightsMutation, rightsQuery } from './resolvers/rights.ts';
import { registerQuery } from './resolvers/register.ts';

const SCHEMA_DIR = path.join(import.meta.dirname, 'schema');

/** ISO 8601 strings in and out; anything else is refused with a clear message. */
const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue(value) {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new TypeError('Date invalide : format attendu 2026-11-28T10:00:00Z');
    return new Date(value).toISOString();
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw new TypeError('Date invalide : format attendu 2026-11-28T10:00:00Z');
    return new Date(ast.value).toISOString();
  },
});

/** The schema, one .graphql file per domain, with thin resolvers delegating to the services. */
export function buildSchema() {
  const typeDefs = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)))
    .map((f) => readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
  const resolvers = {
    DateTime,
    Item: { ...Item, ...itemClaim },
    ItemEvent,
    Claim,
    ClaimEvent,
    ClaimPush,
    Crisis,
    OnCallMember,
    Query: { ...accessQuery, ...queueQuery, ...charterQuery, ...auditQuery, ...dashboardQuery, ...connectorsQuery, ...escalationQuery, ...claimsQuery, ...oncallQuery, ...registerQuery, ...rightsQuery },
    Mutation: { ...accessMutation, ...queueMutation, ...charterMutation, ...escalationMutation, ...claimsMutation, ...oncallMutation, ...rightsMutation },
  };
  return applyAuth(makeExecutableSchema({ typeDefs, resolvers }));
}

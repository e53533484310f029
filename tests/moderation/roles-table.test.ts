/**
 * Who may call what, checked against the service itself: every Query and Mutation field of the
 * built schema and every route of the HTTP table is called by each kind of caller — nobody,
 * each console role, another landlord's hub (its session cookie, site token, signatures and
 * ack links, made with its own secrets), and the route's own partner (the site, the CRM, the
 * CMS, Meta, the on-call person) — and gets the French refusal exactly when the table below
 * says so. A new field or route without an entry here fails, naming it.
 */
import { signWebhookBody } from '@hub/emulators';
import { signedHeaders } from '@hub/integrations/contracts';
import type { GraphQLField, GraphQLNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../moderation/src/errors.ts';
import { ackToken } from '../../moderation/src/escalation/ack.ts';
import { buildSchema } from '../../moderation/src/graphql/schema.ts';
import { httpRoutes } from '../../moderation/src/http-routes.ts';
import type { Route } from '../../moderation/src/http/routes.ts';
import { createLogger, readConfig } from '../../moderation/src/index.ts';
import { consoleClient, startModeration, type TestModeration } from '../support/moderation.ts';

type Role = 'communication_readonly' | 'community_manager' | 'admin';
type Caller = 'anonymous' | Role | 'another_landlord';
type HttpCaller = Caller | 'partner';

const CALLERS: readonly Caller[] = ['anonymous', 'communication_readonly', 'community_manager', 'admin', 'another_landlord'];
const HTTP_CALLERS: readonly HttpCaller[] = [...CALLERS, 'partner'];
const ANYONE = CALLERS;
const STAFF: readonly Caller[] = ['communication_readonly', 'community_manager', 'admin'];
const MODERATORS: readonly Caller[] = ['community_manager', 'admin'];
const ADMIN: readonly Caller[] = ['admin'];

/** Who may use each field of the API. A new field: add it here, with who may use it. */
const GRAPHQL_TABLE: Record<string, readonly Caller[]> = {
  'Query.me': ANYONE,
  'Query.users': ADMIN,
  'Query.savedReplies': STAFF,
  'Query.auditLog': MODERATORS,
  'Query.charter': STAFF,
  'Query.tryCharter': MODERATORS,
  'Query.previewCharter': ADMIN,
  'Query.claims': STAFF,
  'Query.claim': STAFF,
  'Query.socialAccounts': STAFF,
  'Query.dashboard': STAFF,
  'Query.crises': STAFF,
  'Query.crisis': STAFF,
  'Query.holdingStatements': STAFF,
  'Query.escalationSettings': STAFF,
  'Query.officeCalendar': STAFF,
  'Query.isOfficeHoursNow': STAFF,
  'Query.officeStatus': STAFF,
  'Query.holidays': STAFF,
  'Query.oncallRoster': STAFF,
  'Query.oncallRotation': STAFF,
  'Query.queue': STAFF,
  'Query.item': STAFF,
  'Query.moderationStats': STAFF,
  // The register of processing (register.graphql): the DPO's side, not the moderators'.
  'Query.processingRegister': ['communication_readonly', 'admin'],
  // A person's rights (rights.graphql): searching, exporting, erasing someone's data.
  'Query.personalData': ADMIN,
  'Query.rightsRequests': ADMIN,
  'Mutation.exportPersonalData': ADMIN,
  'Mutation.erasePersonalData': ADMIN,
  'Mutation.markRightsRequestHandled': ADMIN,
  'Mutation.login': ANYONE,
  'Mutation.logout': ANYONE,
  'Mutation.createUser': ADMIN,
  'Mutation.saveCharter': ADMIN,
  'Mutation.openClaim': MODERATORS,
  'Mutation.setClaimStatus': MODERATORS,
  'Mutation.retryClaimPush': MODERATORS,
  'Mutation.acknowledgeCrisis': MODERATORS,
  'Mutation.closeCrisis': MODERATORS,
  'Mutation.addCrisisNote': MODERATORS,
  'Mutation.recordHoldingStatement': MODERATORS,
  'Mutation.saveEscalationSettings': ADMIN,
  'Mutation.saveOfficeCalendar': ADMIN,
  'Mutation.addOncallMember': ADMIN,
  'Mutation.updateOncallMember': ADMIN,
  'Mutation.removeOncallMember': ADMIN,
  'Mutation.reorderOncallMembers': ADMIN,
  'Mutation.approve': MODERATORS,
  'Mutation.hold': MODERATORS,
  'Mutation.hide': MODERATORS,
  'Mutation.unhide': MODERATORS,
  'Mutation.reject': MODERATORS,
  'Mutation.delete': MODERATORS,
  'Mutation.reply': MODERATORS,
  'Mutation.assign': MODERATORS,
  'Mutation.note': MODERATORS,
  'Mutation.bulkDecide': MODERATORS,
};
/** Ends the caller's session: called last, after every other field has been tried with it. */
const ENDS_SESSION = new Set(['Mutation.logout']);

/** What a caller holds: a console cookie, the partners' tokens and secrets (of this hub or another). */
interface Keys {
  cookie?: string;
  siteToken?: string;
  claimsSecret?: string;
  cmsSecret?: string;
  appSecret?: string;
  verifyToken?: string;
  ackSecret?: string;
}

interface Answer {
  status: number;
  text: string;
}

interface RouteCase {
  allowed: readonly HttpCaller[];
  /** What a refused caller gets: this status and this French text. */
  refusal: Answer;
  send(base: string, keys: Keys): Promise<Answer>;
}

const EVERYONE = HTTP_CALLERS;
const PARTNER: readonly HttpCaller[] = ['partner'];
const SITE_REFUSAL = { status: 401, text: 'Jeton du site absent ou invalide.' };

async function answer(res: Response): Promise<Answer> {
  // The live feed stays open: its status is the answer.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, text: '' };
  }
  return { status: res.status, text: await res.text() };
}

const call = async (url: string, init: RequestInit = {}) => answer(await fetch(url, init));
const cookieOf = (keys: Keys): Record<string, string> => (keys.cookie ? { cookie: keys.cookie } : {});
const siteHeaders = (keys: Keys): Record<string, string> => ({ 'content-type': 'application/json', ...(keys.siteToken ? { 'x-hub-site-token': keys.siteToken } : {}), ...cookieOf(keys) });
const signed = (secret: string | undefined, body: string): Record<string, string> => (secret ? signedHeaders(secret, body, new Date()) : {});

/** Who may call each route, and a minimal request (valid enough to get past the check). */
const ROUTE_TABLE: Record<string, RouteCase> = {
  '* /health': { allowed: EVERYONE, refusal: { status: 401, text: '' }, send: (base, keys) => call(`${base}/health`, { headers: cookieOf(keys) }) },
  '* /ready': { allowed: EVERYONE, refusal: { status: 401, text: '' }, send: (base, keys) => call(`${base}/ready`, { headers: cookieOf(keys) }) },
  // Opened by the caller's address (loopback here) or METRICS_TOKEN, not by a role: integrations/src/metrics/metrics.test.ts.
  'GET /metrics': { allowed: EVERYONE, refusal: { status: 403, text: '' }, send: (base, keys) => call(`${base}/metrics`, { headers: cookieOf(keys) }) },
  // The transport is open to all (sign-in goes through it); its fields are the table above.
  '* /graphql': {
    allowed: EVERYONE,
    refusal: { status: 401, text: '' },
    send: (base, keys) => call(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...cookieOf(keys) }, body: JSON.stringify({ query: '{ __typename }' }) }),
  },
  '* /events': { allowed: STAFF, refusal: { status: 401, text: ERRORS.UNAUTHENTICATED }, send: (base, keys) => call(`${base}/events`, { headers: cookieOf(keys) }) },
  'GET /webhooks/facebook': {
    allowed: PARTNER,
    refusal: { status: 403, text: 'Vérification refusée' },
    send: (base, keys) => call(`${base}/webhooks/facebook?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': keys.verifyToken ?? '', 'hub.challenge': 'defi' })}`, { headers: cookieOf(keys) }),
  },
  'POST /webhooks/facebook': {
    allowed: PARTNER,
    refusal: { status: 401, text: 'Signature du webhook invalide.' },
    send: (base, keys) => call(`${base}/webhooks/facebook`, { method: 'POST', headers: { 'content-type': 'application/json', ...cookieOf(keys), ...(keys.appSecret ? { 'x-hub-signature-256': signWebhookBody(keys.appSecret, '{}') } : {}) }, body: '{}' }),
  },
  'POST /claims/status': {
    allowed: PARTNER,
    refusal: { status: 401, text: ERRORS.CLAIM_SIGNATURE_INVALID },
    send: (base, keys) => call(`${base}/claims/status`, { method: 'POST', headers: { 'content-type': 'application/json', ...cookieOf(keys), ...signed(keys.claimsSecret, '{}') }, body: '{}' }),
  },
  'GET /public/claims/*reference': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/claims/REC-2026-000001`, { headers: siteHeaders(keys) }) },
  'POST /public/comments': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/comments`, { method: 'POST', headers: siteHeaders(keys), body: '{}' }) },
  'GET /public/comments': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/comments?article=les-tilleuls`, { headers: siteHeaders(keys) }) },
  'POST /public/contact': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/contact`, { method: 'POST', headers: siteHeaders(keys), body: '{}' }) },
  'POST /public/rights-requests': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/rights-requests`, { method: 'POST', headers: siteHeaders(keys), body: '{}' }) },
  'POST /public/rights-requests/confirm': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/rights-requests/confirm`, { method: 'POST', headers: siteHeaders(keys), body: '{}' }) },
  'GET /public/privacy': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/privacy`, { headers: siteHeaders(keys) }) },
  '* /public/*': { allowed: PARTNER, refusal: SITE_REFUSAL, send: (base, keys) => call(`${base}/public/inexistant`, { headers: siteHeaders(keys) }) },
  'POST /cms/published': {
    allowed: PARTNER,
    refusal: { status: 401, text: 'Signature de l’avis de publication invalide ou expirée.' },
    send: (base, keys) => call(`${base}/cms/published`, { method: 'POST', headers: { 'content-type': 'application/json', ...cookieOf(keys), ...signed(keys.cmsSecret, '{}') }, body: '{}' }),
  },
  // A link signed by this hub is read (here: for nobody on call, refused as such); any other is invalid.
  '* /astreinte/prise-en-charge': {
    allowed: PARTNER,
    refusal: { status: 400, text: ERRORS.ACK_LINK_INVALID },
    send(base, keys) {
      const jeton = keys.ackSecret ? ackToken(keys.ackSecret, { crisisId: 'inexistante', memberId: 'inexistant', level: 1 }, new Date(Date.now() + 3600_000)) : '';
      return call(`${base}/astreinte/prise-en-charge?${new URLSearchParams({ jeton })}`, { headers: cookieOf(keys) });
    },
  },
};

const routeKey = (route: Route) => `${route.method === '*' ? '*' : [route.method].flat().join(',')} ${route.path}`;

// ——— GraphQL: a minimal operation per field, its required arguments made up from their types.
// Types are read by their printed form and their named type's methods, not with graphql's
// `is…Type` helpers: vitest may load graphql twice (the schema's copy is not the test's).

const schema = buildSchema();
const named = (printed: string): GraphQLNamedType => schema.getType(printed.replace(/[[\]!]/g, ''))!;
const isLeaf = (type: GraphQLNamedType) => !('getFields' in type);

function sample(printed: string): unknown {
  if (printed.endsWith('!')) return sample(printed.slice(0, -1));
  if (printed.startsWith('[')) return [];
  const type = named(printed);
  if ('getValues' in type) return type.getValues()[0]!.name;
  if ('getFields' in type) {
    const fields = Object.values(type.getFields()) as { name: string; type: unknown; defaultValue?: unknown }[];
    const required = fields.filter((f) => String(f.type).endsWith('!') && f.defaultValue === undefined);
    return Object.fromEntries(required.map((f) => [f.name, sample(String(f.type))]));
  }
  const scalars: Record<string, unknown> = { Int: 1, Float: 1, Boolean: false, DateTime: '2026-01-01T00:00:00Z' };
  return type.name in scalars ? scalars[type.name] : 'inexistant';
}

function operationFor(kind: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((a) => String(a.type).endsWith('!') && a.defaultValue === undefined);
  const declared = args.map((a, i) => `$a${i}: ${String(a.type)}`).join(', ');
  const passed = args.map((a, i) => `${a.name}: $a${i}`).join(', ');
  const selection = isLeaf(named(String(field.type))) ? '' : ' { __typename }';
  const query = `${kind === 'Query' ? 'query' : 'mutation'}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  return { query, variables: Object.fromEntries(args.map((a, i) => [`a${i}`, sample(String(a.type))])) };
}

const FIELDS = (['Query', 'Mutation'] as const)
  .flatMap((kind) => Object.values((kind === 'Query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {}).map((field) => ({ name: `${kind}.${field.name}`, ...operationFor(kind, field) })))
  .sort((a, b) => Number(ENDS_SESSION.has(a.name)) - Number(ENDS_SESSION.has(b.name)));

/** The answers that mean « you may not », and those that mean the request never reached the check. */
const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const NOT_CHECKED = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

const ENV = {
  MODERATION_SITE_TOKEN: 'jeton-du-site-de-ce-bailleur',
  CLAIMS_WEBHOOK_SECRET: 'secret-grc-de-ce-bailleur',
  CMS_PUBLISH_SECRET: 'secret-cms-de-ce-bailleur',
  FACEBOOK_APP_SECRET: 'secret-app-meta-de-ce-bailleur',
  FACEBOOK_VERIFY_TOKEN: 'jeton-verification-de-ce-bailleur',
};
const OTHER_ENV = {
  MODERATION_SITE_TOKEN: 'jeton-du-site-autre-bailleur',
  CLAIMS_WEBHOOK_SECRET: 'secret-grc-autre-bailleur',
  CMS_PUBLISH_SECRET: 'secret-cms-autre-bailleur',
  FACEBOOK_APP_SECRET: 'secret-app-meta-autre-bailleur',
  FACEBOOK_VERIFY_TOKEN: 'jeton-verification-autre-bailleur',
};

const keysOf = async (hub: TestModeration, env: typeof ENV): Promise<Keys> => ({
  siteToken: env.MODERATION_SITE_TOKEN,
  claimsSecret: env.CLAIMS_WEBHOOK_SECRET,
  cmsSecret: env.CMS_PUBLISH_SECRET,
  appSecret: env.FACEBOOK_APP_SECRET,
  verifyToken: env.FACEBOOK_VERIFY_TOKEN,
  ackSecret: await hub.services.escalationSettings.ackSecret(),
});

let mod: TestModeration;
let other: TestModeration;
let routes: Route[];
const keys = {} as Record<HttpCaller, Keys>;

async function signIn(hub: TestModeration, email: string, password: string) {
  const client = consoleClient(hub.url);
  const result = await client.login(email, password);
  if (result.errors) throw new Error(`sign-in of ${email} failed: ${result.errors[0]?.message}`);
  return client.cookie;
}

beforeAll(async () => {
  [mod, other] = await Promise.all([startModeration({ env: ENV }), startModeration({ env: OTHER_ENV })]);
  const admin = consoleClient(mod.url);
  await admin.login(mod.adminEmail, mod.adminPassword);
  for (const role of ['community_manager', 'communication_readonly'] as const) {
    const created = await admin.query('mutation($i: NewConsoleUser!){ createUser(input: $i){ id } }', { i: { email: `${role}@bailleur.example`, displayName: role, role, password: 'Moderation2026abc' } });
    if (created.errors) throw new Error(`createUser ${role}: ${created.errors[0]?.message}`);
  }
  // Each role signs in once (the lockout counts sign-ins); the other hub's admin too.
  const [manager, readonly, foreign] = await Promise.all([
    signIn(mod, 'community_manager@bailleur.example', 'Moderation2026abc'),
    signIn(mod, 'communication_readonly@bailleur.example', 'Moderation2026abc'),
    signIn(other, other.adminEmail, other.adminPassword),
  ]);
  Object.assign(keys, {
    anonymous: {},
    admin: { cookie: admin.cookie },
    community_manager: { cookie: manager },
    communication_readonly: { cookie: readonly },
    another_landlord: { cookie: foreign, ...(await keysOf(other, OTHER_ENV)) },
    partner: await keysOf(mod, ENV),
  } satisfies Record<HttpCaller, Keys>);
  // The route table as the server is built with (a second GraphQL server, stopped at once).
  const built = await httpRoutes(readConfig({ ...ENV, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }), mod.services, createLogger('silent'));
  await built.stop();
  routes = built.routes;
});
afterAll(async () => {
  await Promise.all([mod?.stop(), other?.stop()]);
});

// The routes first: the GraphQL table ends with `logout`, which ends each caller's session.
describe('roles × HTTP routes', () => {
  it('has an entry for every route, and none for a route that no longer exists', () => {
    const names = routes.map(routeKey);
    const missing = names.filter((name) => !(name in ROUTE_TABLE));
    expect(missing, `routes without an entry in ROUTE_TABLE (tests/moderation/roles-table.test.ts): ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(ROUTE_TABLE).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('refuses exactly the callers the table refuses, another landlord’s credentials included', async () => {
    const cases = routes.map(routeKey).flatMap((name) => HTTP_CALLERS.map((caller) => ({ name, caller })));
    const mismatches = await Promise.all(
      cases.map(async ({ name, caller }) => {
        const entry = ROUTE_TABLE[name];
        if (!entry) return `${name}: no entry`;
        const got = await entry.send(mod.url, keys[caller]);
        const refused = got.status === entry.refusal.status && got.text.includes(entry.refusal.text);
        const allowed = entry.allowed.includes(caller);
        return refused === allowed ? `${name} for ${caller}: ${allowed ? 'refused' : 'not refused'} (${got.status} ${got.text.slice(0, 120)})` : null;
      }),
    );
    expect(mismatches.filter(Boolean)).toEqual([]);
  });
});

describe('roles × GraphQL fields', () => {
  it('has no entry for a field that no longer exists', () => {
    const names = new Set(FIELDS.map((f) => f.name));
    expect(Object.keys(GRAPHQL_TABLE).filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(FIELDS)('$name', async ({ name, query, variables }) => {
    const allowed = GRAPHQL_TABLE[name];
    if (!allowed) expect.fail(`${name} has no entry in GRAPHQL_TABLE (tests/moderation/roles-table.test.ts): say which roles may use it`);
    const answers = await Promise.all(
      CALLERS.map(async (caller) => {
        const res = await fetch(`${mod.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...cookieOf(keys[caller]) }, body: JSON.stringify({ query, variables }) });
        const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
        return { caller, error: body.errors?.[0] };
      }),
    );
    for (const { caller, error } of answers) {
      const code = error?.extensions?.code ?? '';
      expect(NOT_CHECKED.has(code), `${name} for ${caller}: the request itself was refused (${code}: ${error?.message}), fix its sample arguments`).toBe(false);
      if (allowed.includes(caller)) {
        expect(REFUSALS.has(code), `${name} should let ${caller} in, got ${code}: ${error?.message}`).toBe(false);
        continue;
      }
      // Without a session of this hub: « connexion requise »; with one, a role that may not.
      const expected = caller === 'anonymous' || caller === 'another_landlord' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect({ code, message: error?.message }, `${name} should refuse ${caller}`).toEqual({ code: expected, message: ERRORS[expected] });
    }
  });
});

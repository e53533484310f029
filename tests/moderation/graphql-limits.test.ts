import { getIntrospectionQuery } from 'graphql';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, postComment, startModeration, startModerationOn, type TestModeration } from '../support/moderation.ts';

/**
 * What one GraphQL request may ask (moderation/src/graphql/limits.ts), over HTTP against the real
 * service: each refusal is a 400 with a French message and its own code, and nothing runs.
 */

/** The raw answer, for what consoleClient does not show (the body as text). */
async function post(mod: TestModeration, query: string, cookie = '') {
  const res = await fetch(`${mod.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query }),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const LUCAS = { email: 'lucas@bailleur.example', displayName: 'Lucas', role: 'community_manager', password: 'Lucas2026abc' };

describe.each(['sqlite', 'postgres'] as const)('GraphQL limits on %s', (dialect) => {
  let mod: TestModeration;
  let admin: ReturnType<typeof consoleClient>;
  let itemId: string;

  beforeAll(async () => {
    mod = await startModerationOn(dialect);
    admin = consoleClient(mod.url);
    await admin.login(mod.adminEmail, mod.adminPassword);
    await admin.query('mutation($i: NewConsoleUser!){ createUser(input: $i){ id } }', { i: LUCAS });
    await postComment(mod, { text: 'Le chauffage ne marche plus depuis lundi au bâtiment B.', clientKey: 'client-limits-1' });
    const queue = await admin.query<{ queue: { items: { id: string }[] } }>('query { queue(first: 1) { items { id } } }');
    itemId = queue.data!.queue.items[0]!.id;
  });
  afterAll(async () => {
    await mod?.stop();
  });

  const lucas = async () => {
    const { failures, lockedUntil } = await mod.services.accounts.lockoutOf(LUCAS.email);
    return { failed_attempts: failures, locked_until: lockedUntil };
  };
  const failedLogins = async () => (await mod.services.db.selectFrom('audit_log').select('action').where('action', 'in', ['session.failed', 'session.locked']).execute()).length;

  it('refuses introspection by default, in French', async () => {
    const { status, body } = await post(mod, '{ __schema { queryType { name } } }', admin.cookie);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: 'Requête refusée : l’introspection du schéma est désactivée sur ce service.', extensions: { code: 'INTROSPECTION_DISABLED' } }]);
    expect((await post(mod, `{ __type(name: "Item") { name } }`)).body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    // __typename is not introspection: clients may ask it.
    expect((await post(mod, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses the Item.claim ↔ Claim.item loop past depth 10, without running it', async () => {
    const loop = 'claim { item { '.repeat(6) + 'id' + ' } }'.repeat(6);
    const { status, body } = await post(mod, `{ item(id: "${itemId}") { ${loop} } }`, admin.cookie);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: 'Requête refusée : elle imbrique trop de champs (profondeur 10 au plus).', extensions: { code: 'QUERY_TOO_DEEP' } }]);
  });

  it('refuses threads of threads (list fields multiply the cost), in French', async () => {
    const { status, body } = await post(mod, `{ item(id: "${itemId}") { thread { id thread { id authorHistory { id } } } } }`, admin.cookie);
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ message: 'Requête refusée : elle demande trop de données à la fois (coût 5000 au plus).', extensions: { code: 'QUERY_TOO_COMPLEX' } }]);
    // One level is what the console asks: it is answered.
    const one = await post(mod, `{ item(id: "${itemId}") { thread { id } authorHistory { id } claim { reference } } }`, admin.cookie);
    expect(one.status).toBe(200);
    expect(one.body.errors).toBeUndefined();
  });

  it('refuses 50 aliased logins without trying a single password', async () => {
    const before = await failedLogins();
    const spray = Array.from({ length: 50 }, (_, i) => `l${i}: login(email: "${LUCAS.email}", password: "essai-${i}") { id }`).join(' ');
    const { status, text, body } = await post(mod, `mutation { ${spray} }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((e) => e.extensions?.code)).toContain('TOO_MANY_LOGINS');
    expect(body.errors?.find((e) => e.extensions?.code === 'TOO_MANY_LOGINS')?.message).toBe('Requête refusée : une seule tentative de connexion par requête (1 au plus).');
    expect(text).not.toMatch(/BAD_CREDENTIALS|LOCKED/);
    // The lockout was not touched: no failure counted, nothing in the audit log, the right password still works.
    expect(await lucas()).toEqual({ failed_attempts: 0, locked_until: null });
    expect(await failedLogins()).toBe(before);
    expect((await consoleClient(mod.url).login(LUCAS.email, LUCAS.password)).data?.login.role).toBe('community_manager');
    // Two in one request are refused as well; one at a time still counts toward the lockout.
    const two = await post(mod, `mutation { a: login(email: "${LUCAS.email}", password: "x") { id } b: login(email: "${LUCAS.email}", password: "y") { id } }`);
    expect(two.body.errors).toEqual([{ message: 'Requête refusée : une seule tentative de connexion par requête (1 au plus).', extensions: { code: 'TOO_MANY_LOGINS' } }]);
    expect((await consoleClient(mod.url).login(LUCAS.email, 'mauvais')).errors?.[0]?.extensions?.code).toBe('BAD_CREDENTIALS');
    expect((await lucas()).failed_attempts).toBe(1);
  });

  it('refuses an oversized query before reading it', async () => {
    const before = (await lucas()).failed_attempts;
    const padded = `mutation { login(email: "${LUCAS.email}", password: "mauvais") { id } }`.padEnd(20_001, ' ');
    const { status, body } = await post(mod, padded);
    expect(status).toBe(400);
    expect(body).toEqual({ errors: [{ message: 'Requête refusée : elle est trop longue (20000 caractères au plus).', extensions: { code: 'QUERY_TOO_LARGE' } }] });
    expect((await lucas()).failed_attempts).toBe(before);
    // A GET that long never reaches GraphQL: node refuses its request line first (16 kB of headers).
    const get = await fetch(`${mod.url}/graphql?query=${encodeURIComponent('{ me { id } }'.padEnd(20_001, 'a'))}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(431);
  });

  it('answers an internal error without SQL nor stack trace', async () => {
    await sql`ALTER TABLE audit_log RENAME TO audit_log_away`.execute(mod.services.db);
    try {
      const { status, text, body } = await post(mod, '{ auditLog(first: 5) { entries { id action } } }', admin.cookie);
      expect(status).toBe(200);
      expect(body.errors).toEqual([{ message: 'Une erreur interne est survenue. Merci de réessayer.', path: ['auditLog'], extensions: { code: 'INTERNAL' } }]);
      expect(text).not.toMatch(/audit_log|select|sqlite|relation|stacktrace|\.ts:\d/i);
    } finally {
      await sql`ALTER TABLE audit_log_away RENAME TO audit_log`.execute(mod.services.db);
    }
  });
});

describe('GraphQL introspection with MODERATION_GRAPHQL_INTROSPECTION=true', () => {
  let mod: TestModeration;

  beforeAll(async () => {
    mod = await startModeration({ env: { MODERATION_GRAPHQL_INTROSPECTION: 'true' } });
  });
  afterAll(async () => {
    await mod?.stop();
  });

  it('answers the standard introspection query (depth and cost limits leave it alone)', async () => {
    const { status, body } = await post(mod, getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const types = (body.data as { __schema: { types: { name: string }[] } }).__schema.types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Item', 'Claim', 'Query', 'Mutation']));
  });

  it('keeps the other limits', async () => {
    const spray = Array.from({ length: 3 }, (_, i) => `l${i}: login(email: "admin@bailleur.example", password: "essai-${i}") { id }`).join(' ');
    expect((await post(mod, `mutation { ${spray} }`)).body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_LOGINS');
  });
});

import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { LIMITS, limitsRule, sizeRefusal, validationRules, type Measure } from './limits.ts';
import { buildSchema } from './schema.ts';

// parse/validate from the very copy of graphql the schema builder uses (as console/queries.test.ts).
const { parse, validate, specifiedRules, getIntrospectionQuery } = createRequire(createRequire(import.meta.url).resolve('@graphql-tools/schema'))('graphql') as typeof import('graphql');

const schema = buildSchema();

/** What Apollo runs: graphql's rules, then ours. */
function check(text: string, options: { introspection?: boolean } = {}) {
  return validate(schema, parse(text), [...specifiedRules, ...validationRules({ introspection: options.introspection ?? false })]).map((e) => ({
    message: e.message,
    code: e.extensions.code as string | undefined,
  }));
}

/** `claim { item { … leaf } }`, `pairs` times: two levels each (Claim.item ↔ Item.claim). */
const loop = (pairs: number, leaf = 'id') => 'claim { item { '.repeat(pairs) + leaf + ' } }'.repeat(pairs);

/** Every operation string an export of the console's queries.js stands for (as console/queries.test.ts). */
function operations(exports: Record<string, unknown>): [string, string][] {
  return Object.entries(exports).flatMap(([name, value]): [string, string][] => {
    if (typeof value === 'string') return [[name, value]];
    if (typeof value === 'function') return [false, true].map((flag) => [`${name}(${flag})`, (value as (flag: boolean) => string)(flag)]);
    if (value && typeof value === 'object') return Object.entries(value).map(([key, text]) => [`${name}.${key}`, String(text)]);
    throw new Error(`${name}: ni une chaîne, ni une fonction, ni un objet de chaînes`);
  });
}
const queriesPath = path.join(import.meta.dirname, '..', 'console', 'public', 'queries.js');
const consoleOperations = operations((await import(queriesPath)) as Record<string, unknown>);

describe('the console’s operations under the limits', () => {
  it.each(consoleOperations)('%s passes every rule', (_name, text) => {
    expect(text.length).toBeLessThanOrEqual(LIMITS.maxQueryLength);
    expect(check(text)).toEqual([]);
  });

  it('leaves headroom: at least twice what the heaviest console operation needs', () => {
    const seen: { name: string; length: number; measure: Measure }[] = [];
    for (const [name, text] of consoleOperations) {
      const errors = validate(schema, parse(text), [limitsRule(LIMITS, (_op, measure) => seen.push({ name, length: text.length, measure }))]);
      expect(errors).toEqual([]);
    }
    const max = (pick: (s: (typeof seen)[number]) => number) => Math.max(...seen.map(pick));
    const heaviest = { length: max((s) => s.length), depth: max((s) => s.measure.depth), aliases: max((s) => s.measure.aliases), cost: max((s) => s.measure.cost) };
    // What the limits were chosen from (limits.ts, README.md « Limites »): 586 characters, depth 4, 1 alias, cost 1 725.
    expect(heaviest.depth).toBeGreaterThan(1);
    expect(heaviest.length * 2).toBeLessThanOrEqual(LIMITS.maxQueryLength);
    expect(heaviest.depth * 2).toBeLessThanOrEqual(LIMITS.maxDepth);
    expect(heaviest.aliases * 2).toBeLessThanOrEqual(LIMITS.maxAliases);
    expect(heaviest.cost * 2).toBeLessThanOrEqual(LIMITS.maxCost);
  });
});

describe('depth (field selections only, fragments followed)', () => {
  it('lets a query of depth 10 pass', () => {
    // item (1), four claim/item pairs (8), id (1).
    expect(check(`query { item(id: "1") { ${loop(4)} } }`)).toEqual([]);
  });

  it('refuses the Claim.item ↔ Item.claim loop at depth 11, in French', () => {
    const errors = check(`query { item(id: "1") { ${loop(4, 'claim { reference }')} } }`);
    expect(errors).toEqual([{ code: 'QUERY_TOO_DEEP', message: 'Requête refusée : elle imbrique trop de champs (profondeur 10 au plus).' }]);
    expect(check(`query { item(id: "1") { ${loop(50)} } }`).map((e) => e.code)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('follows fragments', () => {
    const text = `query { item(id: "1") { ...A } }
      fragment A on Item { claim { item { ...B } } }
      fragment B on Item { claim { item { ...C } } }
      fragment C on Item { claim { item { ...D } } }
      fragment D on Item { claim { item { ...E } } }
      fragment E on Item { claim { item { id } } }`;
    expect(check(text).map((e) => e.code)).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe('aliases (30 per operation)', () => {
  const aliased = (n: number) => `query { ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;

  it('lets 30 aliases pass', () => {
    expect(check(aliased(30))).toEqual([]);
  });

  it('refuses 31, in French', () => {
    expect(check(aliased(31))).toEqual([{ code: 'TOO_MANY_ALIASES', message: 'Requête refusée : elle contient trop d’alias (30 au plus).' }]);
  });

  it('counts the aliases of a fragment each time it is spread', () => {
    const fragment = `fragment F on Query { ${Array.from({ length: 10 }, (_, i) => `f${i}: me { id }`).join(' ')} }`;
    expect(check(`query { ...F ... on Query { ...F } ...F } ${fragment}`)).toEqual([]);
    expect(check(`query { ...F ... on Query { ...F } ...F ...F } ${fragment}`).map((e) => e.code)).toEqual(['TOO_MANY_ALIASES']);
  });
});

describe('login (one per request)', () => {
  const logins = (n: number) => `mutation { ${Array.from({ length: n }, (_, i) => `l${i}: login(email: "a${i}@bailleur.example", password: "x") { id }`).join(' ')} }`;

  it('lets one login pass', () => {
    expect(check(logins(1))).toEqual([]);
    expect(check('mutation { login(email: "a@bailleur.example", password: "x") { id } }')).toEqual([]);
  });

  it('refuses two, in French', () => {
    expect(check(logins(2))).toEqual([{ code: 'TOO_MANY_LOGINS', message: 'Requête refusée : une seule tentative de connexion par requête (1 au plus).' }]);
  });

  it('counts them through fragments and across the document’s operations', () => {
    expect(check(`mutation { ...L ...L } fragment L on Mutation { login(email: "a@bailleur.example", password: "x") { id } }`).map((e) => e.code)).toEqual(['TOO_MANY_LOGINS']);
    expect(check(`mutation A { login(email: "a@b.fr", password: "x") { id } } mutation B { login(email: "b@b.fr", password: "x") { id } }`).map((e) => e.code)).toEqual(['TOO_MANY_LOGINS']);
  });
});

describe('cost (list fields multiply)', () => {
  it('lets a thread with its authors’ histories pass', () => {
    expect(check('query { item(id: "1") { thread { id authorHistory { id } } } }')).toEqual([]);
  });

  it('refuses threads of threads, in French', () => {
    expect(check('query { item(id: "1") { thread { thread { id text } } } }')).toEqual([
      { code: 'QUERY_TOO_COMPLEX', message: 'Requête refusée : elle demande trop de données à la fois (coût 5000 au plus).' },
    ]);
  });

  it('refuses the queue with every item’s thread', () => {
    expect(check('query { queue(first: 100) { items { id thread { id } } } }').map((e) => e.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('checks fragments spread in fragments in linear time', () => {
    // 2^40 expanded fields: measured once per fragment, refused at once.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const started = Date.now();
    const errors = check(`query { ...F0 }\n${fragments}\nfragment F40 on Query { me { id } }`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(errors.map((e) => e.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('introspection', () => {
  it('is refused by default, in French; __typename stays allowed', () => {
    expect(check('query { __schema { types { name } } }')).toEqual([{ code: 'INTROSPECTION_DISABLED', message: 'Requête refusée : l’introspection du schéma est désactivée sur ce service.' }]);
    expect(check('query { __type(name: "Item") { name } }').map((e) => e.code)).toEqual(['INTROSPECTION_DISABLED']);
    expect(check('query { __typename me { __typename id } }')).toEqual([]);
  });

  it('passes, the standard introspection query included, when enabled', () => {
    expect(check(getIntrospectionQuery(), { introspection: true })).toEqual([]);
  });
});

describe('document size (before parsing)', () => {
  const padded = (length: number) => `query { me { id } }${' '.repeat(length - 19)}`;

  it('lets 20 000 characters pass', () => {
    expect(sizeRefusal({ query: padded(20_000) }, '')).toBeNull();
  });

  it('refuses more, in a body, a batch or a GET, in French', () => {
    for (const [body, search] of [
      [{ query: padded(20_001) }, ''],
      [[{ query: 'query { me { id } }' }, { query: padded(20_001) }], ''],
      [undefined, `?query=${encodeURIComponent(padded(20_001))}`],
    ] as const) {
      const refusal = sizeRefusal(body, search);
      expect(refusal?.message).toBe('Requête refusée : elle est trop longue (20000 caractères au plus).');
      expect(refusal?.extensions.code).toBe('QUERY_TOO_LARGE');
    }
  });
});

describe('MODERATION_GRAPHQL_INTROSPECTION', () => {
  it('is off unless set to true (or 1)', () => {
    expect(readConfig({}).MODERATION_GRAPHQL_INTROSPECTION).toBe(false);
    expect(readConfig({ MODERATION_GRAPHQL_INTROSPECTION: 'false' }).MODERATION_GRAPHQL_INTROSPECTION).toBe(false);
    expect(readConfig({ MODERATION_GRAPHQL_INTROSPECTION: 'true' }).MODERATION_GRAPHQL_INTROSPECTION).toBe(true);
    expect(readConfig({ MODERATION_GRAPHQL_INTROSPECTION: '1' }).MODERATION_GRAPHQL_INTROSPECTION).toBe(true);
    expect(() => readConfig({ MODERATION_GRAPHQL_INTROSPECTION: 'oui' })).toThrow(/MODERATION_GRAPHQL_INTROSPECTION/);
  });
});

import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../graphql/schema.ts';

// parse/validate from the very copy of graphql the schema builder uses: two copies cannot
// share a GraphQLSchema (« Cannot use GraphQLSchema from another module or realm »).
const { parse, validate } = createRequire(createRequire(import.meta.url).resolve('@graphql-tools/schema'))('graphql') as typeof import('graphql');

/** Every operation string an export of queries.js stands for, named after the export. */
function operations(exports: Record<string, unknown>): [string, string][] {
  return Object.entries(exports).flatMap(([name, value]): [string, string][] => {
    if (typeof value === 'string') return [[name, value]];
    if (typeof value === 'function') return [false, true].map((flag) => [`${name}(${flag})`, (value as (flag: boolean) => string)(flag)]);
    if (value && typeof value === 'object') return Object.entries(value).map(([key, text]) => [`${name}.${key}`, String(text)]);
    throw new Error(`${name}: ni une chaîne, ni une fonction, ni un objet de chaînes`);
  });
}

// A computed path: queries.js is a browser module without types, loaded as is.
const queriesPath = path.join(import.meta.dirname, 'public', 'queries.js');
const queries = (await import(queriesPath)) as Record<string, unknown>;
const schema = buildSchema();

describe('console queries (public/queries.js)', () => {
  const all = operations(queries);

  it('exports operations', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(all)('%s is valid against the service schema', (name, text) => {
    let errors: readonly { message: string }[];
    try {
      errors = validate(schema, parse(text));
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
    if (errors.length) throw new Error(`${name}: ${errors.map((e) => e.message).join(' / ')}`);
  });
});

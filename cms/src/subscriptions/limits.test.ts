import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryDb } from './db.test.helper';
import { createLimiter } from './limits';
import { TABLES } from './schema';

let knex: Knex;
beforeEach(async () => {
  knex = await memoryDb();
});
afterEach(async () => {
  await knex.destroy();
});

const limit = { name: 'ip', max: 3, windowSeconds: 3600 };
const t0 = new Date('2025-06-01T10:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('hit', () => {
  it('allows `max` hits, then refuses, per key', async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await createLimiter(knex, 's').hit(limit, '192.0.2.1', later(i)));
    expect(results).toEqual([true, true, true, false, false]);
    expect(await createLimiter(knex, 's').hit(limit, '192.0.2.2', later(5))).toBe(true);
    expect(await createLimiter(knex, 's').hasRoom(limit, '192.0.2.1', later(6))).toBe(false);
  });

  it('gives no fresh allowance right after a window boundary, but does two windows later', async () => {
    for (let i = 0; i < 3; i++) await createLimiter(knex, 's').hit(limit, 'k', later(50));
    expect(await createLimiter(knex, 's').hit(limit, 'k', later(70))).toBe(false);
    expect(await createLimiter(knex, 's').hit(limit, 'k', later(130))).toBe(true);
  });

  it('stores keyed hashes, never the key itself', async () => {
    await createLimiter(knex, 's').hit(limit, 'marie@ex.fr', t0);
    const rows = await knex(TABLES.limits).select('bucket');
    expect(JSON.stringify(rows)).not.toContain('marie');
  });
});

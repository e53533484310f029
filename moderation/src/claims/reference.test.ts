import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { formatReference, nextReference, normaliseReference, yearInParis } from './reference.ts';

describe('claim references', () => {
  it('are REC-<year>-<6 digits>', () => {
    expect(formatReference(2026, 123)).toBe('REC-2026-000123');
    expect(formatReference(2027, 999_999)).toBe('REC-2027-999999');
    expect(() => formatReference(2026, 0)).toThrow();
    expect(() => formatReference(2026, 1_000_000)).toThrow();
  });

  it.each([
    ['REC-2026-000123', 'REC-2026-000123'],
    [' rec-2026-000123 ', 'REC-2026-000123'],
    ['REC – 2026 – 000123'.replace(/ /g, ''), 'REC-2026-000123'],
    ['REC-2026-123', null],
    ['REC-26-000123', null],
    ['2026-000123', null],
    ['REC-2026-000123; drop table claims', null],
    ['', null],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseReference(input)).toBe(expected);
  });

  it('take the year in Paris: New Year’s Eve 23:30 in Paris is still the old year', () => {
    expect(yearInParis(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
    expect(yearInParis(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });
});

describe('the yearly counter', () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = openDatabase('sqlite::memory:'));
    await migrate(db, 'sqlite', new Date());
  });
  afterAll(() => db.destroy());

  const take = (at: string) => db.transaction().execute((trx) => nextReference(trx, new Date(at)));

  it('numbers from 1 each year, without gaps, and gives back the number of a rolled-back claim', async () => {
    expect(await take('2026-03-01T10:00:00Z')).toBe('REC-2026-000001');
    expect(await take('2026-03-01T10:01:00Z')).toBe('REC-2026-000002');
    await expect(
      db.transaction().execute(async (trx) => {
        await nextReference(trx, new Date('2026-03-01T10:02:00Z'));
        throw new Error('claim refused');
      }),
    ).rejects.toThrow('claim refused');
    expect(await take('2026-03-01T10:03:00Z')).toBe('REC-2026-000003');
    expect(await take('2027-01-01T08:00:00Z')).toBe('REC-2027-000001');
    expect(await take('2026-12-31T12:00:00Z')).toBe('REC-2026-000004');
  });

  it('never gives a number twice to concurrent claims', async () => {
    const references = await Promise.all(Array.from({ length: 20 }, () => take('2030-05-05T10:00:00Z')));
    expect(new Set(references).size).toBe(20);
    expect(references.sort().at(-1)).toBe('REC-2030-000020');
  });
});

import { parisTime } from '@hub/integrations/paris-time';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { takeClaimNumber } from './store.ts';

/**
 * Claim references as tenants are told them: `REC-<year>-<6 digits>` (REC-2026-000123),
 * numbered from 1 each year. The year is the one in Paris when the claim is opened, so that a
 * claim opened on 31 December at 23:30 belongs to that year, as the tenant reads it.
 */
export const REFERENCE_PATTERN = /^REC-(\d{4})-(\d{6})$/;

export function yearInParis(at: Date): number {
  return parisTime(at).year;
}

export function formatReference(year: number, number: number): string {
  if (!Number.isInteger(number) || number < 1 || number > 999_999) throw new RangeError(`numéro de réclamation hors limites : ${number}`);
  return `REC-${year}-${String(number).padStart(6, '0')}`;
}

/** The reference as typed by a tenant (spaces, lower case tolerated), or null when it cannot be one. */
export function normaliseReference(input: string): string | null {
  const compact = input.trim().toUpperCase().replace(/\s+/g, '').replace(/[‐‑–—]/g, '-');
  return REFERENCE_PATTERN.test(compact) ? compact : null;
}

/**
 * The next number of `year`, taken inside the claim's transaction: one upsert on the year's
 * counter row. On PostgreSQL the row lock makes concurrent openers wait for each other's commit,
 * so two claims never share a number; a rolled-back claim gives its number back (no gap).
 */
export async function nextReference(trx: Transaction<Database>, at: Date): Promise<string> {
  const year = yearInParis(at);
  return formatReference(year, await takeClaimNumber(trx, year));
}

/**
 * Small settings kept in the database as JSON, one row per key (the office calendar, the
 * escalation thresholds…), so that every worker reads the same values and an edit in the
 * console survives a restart. Validation belongs to each setting's owner, not to this store.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = Db | Transaction<Database>;

export interface SettingRow<T> {
  value: T;
  updatedAt: string;
  /** Who wrote it: `user:<id>` or `system`. */
  updatedBy: string;
}

/** The stored row of `key` with its metadata, or null when it was never written. */
export async function readSettingRow<T>(db: Executor, key: string): Promise<SettingRow<T> | null> {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at, updatedBy: row.updated_by } : null;
}

/** The value of `key`, or `fallback` when it was never written. */
export async function readSetting<T>(db: Executor, key: string, fallback: T): Promise<T> {
  return (await readSettingRow<T>(db, key))?.value ?? fallback;
}

/** Writes `value` (JSON) under `key`, replacing what was there, as `actor` at `at`. */
export async function writeSetting(db: Executor, key: string, value: unknown, { actor, at }: { actor: string; at: Date | string }): Promise<void> {
  const row = { key, value: JSON.stringify(value), updated_at: typeof at === 'string' ? at : at.toISOString(), updated_by: actor };
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}

/**
 * `load` remembered for `ttlMs`: for values read on every ingested item (calendar, escalation
 * settings, who is on call) that change rarely. An edit made on another worker applies within
 * `ttlMs`; one made here should call `forget()`.
 */
export function remembered<T>(ttlMs: number, load: () => Promise<T>): { get(): Promise<T>; forget(): void } {
  let value: { at: number; promise: Promise<T> } | undefined;
  return {
    get() {
      // Elapsed time, not the time of day: the monotonic timer, unmoved by a test's clock.
      const now = performance.now();
      if (!value || now - value.at > ttlMs) {
        const promise = load();
        value = { at: now, promise };
        promise.catch(() => {
          if (value?.promise === promise) value = undefined;
        });
      }
      return value.promise;
    },
    forget() {
      value = undefined;
    },
  };
}

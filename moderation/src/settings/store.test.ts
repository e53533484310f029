import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { readSetting, readSettingRow, writeSetting } from './store.ts';

describe('settings store', () => {
  let db: Db;
  beforeEach(async () => {
    ({ db } = openDatabase('sqlite::memory:'));
    await migrate(db, 'sqlite', new Date());
  });
  afterEach(() => db.destroy());

  it('gives the fallback until a value is written, then the value', async () => {
    expect(await readSetting(db, 'escalation', { threshold: 0.8 })).toEqual({ threshold: 0.8 });
    await writeSetting(db, 'escalation', { threshold: 0.6 }, { actor: 'user:u1', at: new Date('2026-11-24T09:00:00Z') });
    expect(await readSetting(db, 'escalation', { threshold: 0.8 })).toEqual({ threshold: 0.6 });
  });

  it('replaces the value and records who and when', async () => {
    await writeSetting(db, 'k', [1], { actor: 'system', at: '2026-01-01T00:00:00.000Z' });
    await writeSetting(db, 'k', [1, 2], { actor: 'user:u2', at: '2026-01-02T00:00:00.000Z' });
    expect(await readSettingRow(db, 'k')).toEqual({ value: [1, 2], updatedAt: '2026-01-02T00:00:00.000Z', updatedBy: 'user:u2' });
  });
});

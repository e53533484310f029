import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { createRoster, type Roster } from './roster.ts';

const MONDAY_0900 = new Date('2026-11-23T08:00:00Z'); // Monday 23 November 2026, 09:00 Paris
const weeksLater = (n: number, base = MONDAY_0900) => new Date(base.getTime() + n * 7 * 86_400_000 + 3_600_000);

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as { publicMessage?: string }).publicMessage };
  }
  throw new Error('expected a failure');
}

describe('on-call roster', () => {
  let db: Db;
  let roster: Roster;
  beforeEach(async () => {
    ({ db } = openDatabase('sqlite::memory:'));
    await migrate(db, 'sqlite', new Date());
    roster = createRoster({ db, clock: () => MONDAY_0900 });
  });
  afterEach(() => db.destroy());

  const people = async () => {
    const julie = await roster.add({ level: 1, name: 'Julie Martin', email: 'Julie.Martin@example.org' }, 'user:admin');
    const karim = await roster.add({ level: 1, name: 'Karim Benali', email: 'karim.benali@example.org', webhookUrl: 'https://sms.example.org/hooks/secret-token' }, 'user:admin');
    const direction = await roster.add({ level: 2, name: 'Direction de la communication', email: 'direction.communication@example.org' }, 'user:admin');
    return { julie, karim, direction };
  };

  it('rotates level 1 week by week, switching on Monday at 09:00 Paris', async () => {
    const { julie, karim, direction } = await people();
    expect(julie.email).toBe('julie.martin@example.org');
    const thisWeek = (await roster.onCallAt(MONDAY_0900, 1))!.id;
    const other = thisWeek === julie.id ? karim.id : julie.id;
    expect((await roster.onCallAt(new Date(MONDAY_0900.getTime() - 60_000), 1))!.id).toBe(other); // Monday 08:59
    expect((await roster.onCallAt(weeksLater(1), 1))!.id).toBe(other);
    expect((await roster.onCallAt(weeksLater(2), 1))!.id).toBe(thisWeek);
    expect((await roster.onCallAt(weeksLater(3), 2))!.id).toBe(direction.id);
  });

  it('gives the rotation of the coming weeks, from the week in progress', async () => {
    await people();
    const weeks = await roster.rotation(new Date('2026-11-25T12:00:00Z'), 5);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]!.weekStart.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(weeks[1]!.weekStart.toISOString()).toBe('2026-11-30T08:00:00.000Z');
    const [a, b] = [weeks[0]!.level1!.name, weeks[1]!.level1!.name];
    expect(a).not.toBe(b);
    expect(weeks.map((w) => w.level1!.name)).toEqual([a, b, a, b, a]);
    expect(weeks.every((w) => w.level2?.name === 'Direction de la communication')).toBe(true);
  });

  it('skips inactive people and says nobody when nobody is active', async () => {
    const { julie, karim, direction } = await people();
    await roster.update(karim.id, { active: false }, 'user:admin');
    for (const n of [0, 1, 2]) expect((await roster.onCallAt(weeksLater(n), 1))!.id).toBe(julie.id);
    await roster.remove(direction.id, 'user:admin');
    expect(await roster.onCallAt(MONDAY_0900, 2)).toBeNull();
  });

  it('reorders a level, and refuses an order that forgets someone', async () => {
    const { julie, karim } = await people();
    const reordered = await roster.reorder(1, [karim.id, julie.id], 'user:admin');
    expect(reordered.map((m) => m.name)).toEqual(['Karim Benali', 'Julie Martin']);
    expect(await failure(roster.reorder(1, [karim.id], 'user:admin'))).toMatchObject({ code: 'INVALID_ONCALL' });
  });

  it('validates in French', async () => {
    expect(await failure(roster.add({ level: 3 as 1, name: 'X', email: 'x@example.org' }, 'a'))).toEqual({ code: 'INVALID_ONCALL', message: 'Niveau d’astreinte invalide : 1 ou 2.' });
    expect(await failure(roster.add({ level: 1, name: ' ', email: 'x@example.org' }, 'a'))).toEqual({ code: 'INVALID_ONCALL', message: 'Le nom est obligatoire.' });
    expect(await failure(roster.add({ level: 1, name: 'x'.repeat(121), email: 'x@example.org' }, 'a'))).toEqual({ code: 'INVALID_ONCALL', message: 'Le nom dépasse 120 caractères.' });
    expect(await failure(roster.add({ level: 1, name: 'X', email: 'pas-une-adresse' }, 'a'))).toEqual({ code: 'INVALID_ONCALL', message: 'Adresse e-mail invalide.' });
    expect(await failure(roster.add({ level: 1, name: 'X', email: 'x@example.org', webhookUrl: 'ftp://example.org/hook' }, 'a'))).toEqual({
      code: 'INVALID_ONCALL',
      message: 'L’adresse du webhook doit être une URL http:// ou https://.',
    });
    await roster.add({ level: 1, name: 'X', email: 'x@example.org' }, 'a');
    expect(await failure(roster.add({ level: 1, name: 'Y', email: 'X@example.org' }, 'a'))).toMatchObject({ code: 'DUPLICATE' });
    expect(await failure(roster.update('nobody', { name: 'Z' }, 'a'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('audits every change with before and after, keeping only the webhook host', async () => {
    const { karim } = await people();
    await roster.update(karim.id, { name: 'Karim B.' }, 'user:admin');
    const entries = await db.selectFrom('audit_log').selectAll().where('action', '=', 'oncall.update').execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.before!)).toMatchObject({ name: 'Karim Benali', webhook: 'sms.example.org' });
    expect(JSON.parse(entries[0]!.after!)).toMatchObject({ name: 'Karim B.' });
    const all = await db.selectFrom('audit_log').select(['after']).execute();
    expect(JSON.stringify(all)).not.toContain('secret-token');
  });

  describe('provisioning from ONCALL_ROSTER', () => {
    const entries = [
      { level: 1 as const, name: 'Julie Martin', email: 'julie.martin@example.org' },
      { level: 1 as const, name: 'Karim Benali', email: 'karim.benali@example.org', webhook: 'https://sms.example.org/hooks/k' },
      { level: 2 as const, name: 'Direction de la communication', email: 'direction.communication@example.org' },
    ];

    it('adds the people once, in the list order, and does nothing the second time', async () => {
      expect(await roster.provision(entries)).toEqual({ added: 3, updated: 0, unchanged: 0 });
      expect((await roster.list()).map((m) => [m.level, m.rotationOrder, m.name])).toEqual([
        [1, 0, 'Julie Martin'],
        [1, 1, 'Karim Benali'],
        [2, 0, 'Direction de la communication'],
      ]);
      expect(await roster.provision(entries)).toEqual({ added: 0, updated: 0, unchanged: 3 });
      expect(await db.selectFrom('audit_log').select('action').where('action', '=', 'oncall.provision').execute()).toHaveLength(1);
    });

    it('wins for the people it lists and leaves the others as edited, after them', async () => {
      await roster.provision(entries);
      const sophie = await roster.add({ level: 1, name: 'Sophie Durand', email: 'sophie.durand@example.org' }, 'user:admin');
      const julie = (await roster.list()).find((m) => m.name === 'Julie Martin')!;
      await roster.reorder(1, [sophie.id, julie.id, (await roster.list()).find((m) => m.name === 'Karim Benali')!.id], 'user:admin');
      await roster.update(julie.id, { name: 'Julie M.', active: false }, 'user:admin');
      const result = await roster.provision([entries[1]!, entries[0]!, entries[2]!]);
      expect(result).toEqual({ added: 0, updated: 2, unchanged: 1 });
      const level1 = (await roster.list()).filter((m) => m.level === 1);
      expect(level1.map((m) => [m.name, m.active])).toEqual([
        ['Karim Benali', true],
        ['Julie Martin', true],
        ['Sophie Durand', true],
      ]);
    });

    it('refuses an invalid entry or a person listed twice', async () => {
      expect(await failure(roster.provision([{ level: 1, name: 'X', email: 'x' }]))).toMatchObject({ code: 'INVALID_ONCALL', message: 'Adresse e-mail invalide.' });
      expect(await failure(roster.provision([entries[0]!, { ...entries[0]!, name: 'Autre' }]))).toMatchObject({ code: 'INVALID_ONCALL' });
    });
  });
});

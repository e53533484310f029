import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { HubError } from '../errors.ts';
import { createAccounts } from './accounts.ts';

const PASSWORD = 'Tilleuls2026abc';
let opened: Db[] = [];

async function setup() {
  const { db, dialect } = openDatabase('sqlite::memory:');
  await migrate(db, dialect, new Date());
  opened.push(db);
  const accounts = createAccounts({ db, clock: () => new Date(), sessionHours: 12 });
  await accounts.create('system', { email: 'lucas@bailleur.example', displayName: 'Lucas', role: 'community_manager', password: PASSWORD });
  return { db, accounts };
}

/** The code of the refusal (BAD_CREDENTIALS, LOCKED), or 'OK'. */
async function attempt(accounts: Awaited<ReturnType<typeof setup>>['accounts'], email: string, password: string) {
  try {
    await accounts.login(email, password);
    return 'OK';
  } catch (error) {
    if (error instanceof HubError) return `${error.code}: ${error.publicMessage}`;
    throw error;
  }
}

afterEach(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
  opened = [];
});

describe('console sign-in', () => {
  it('counts wrong guesses sent in parallel: ten at once still lock the account', async () => {
    const { accounts } = await setup();
    const answers = await Promise.all(Array.from({ length: 10 }, () => attempt(accounts, 'lucas@bailleur.example', 'mauvais-mot-de-passe')));
    expect(answers.filter((a) => a.startsWith('LOCKED')).length).toBeGreaterThan(0);
    expect(await attempt(accounts, 'lucas@bailleur.example', PASSWORD)).toMatch(/^LOCKED: .*bloqué/);
  }, 60_000);

  it('answers an unknown address exactly as a known one, lock included, after the same work', async () => {
    const { accounts } = await setup();
    const known: string[] = [];
    const unknown: string[] = [];
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 6; i++) {
      for (const [email, answers, spent] of [['lucas@bailleur.example', known, times.known], ['personne@bailleur.example', unknown, times.unknown]] as const) {
        const start = performance.now();
        answers.push(await attempt(accounts, email, 'mauvais-mot-de-passe'));
        spent.push(performance.now() - start);
      }
    }
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.split(':')[0])).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'LOCKED', 'LOCKED']);
    // The password hash is checked for both (the first five attempts): no shortcut for an unknown address.
    const least = (list: number[]) => Math.min(...list.slice(1, 5));
    expect(least(times.unknown)).toBeGreaterThan(least(times.known) / 3);
  }, 60_000);

  it('starts counting again after a successful login', async () => {
    const { accounts } = await setup();
    for (let i = 0; i < 4; i++) expect(await attempt(accounts, 'lucas@bailleur.example', 'mauvais-mot-de-passe')).toMatch(/^BAD_CREDENTIALS/);
    expect(await attempt(accounts, 'lucas@bailleur.example', PASSWORD)).toBe('OK');
    expect(await attempt(accounts, 'lucas@bailleur.example', 'mauvais-mot-de-passe')).toMatch(/^BAD_CREDENTIALS/);
  }, 60_000);

  it('redoes an old, cheaper hash at a successful login and still accepts the password', async () => {
    const { db, accounts } = await setup();
    const salt = randomBytes(16);
    const key = scryptSync(PASSWORD, salt, 32, { N: 16384, r: 8, p: 1 });
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    await db.updateTable('users').set({ password_hash: old }).where('email', '=', 'lucas@bailleur.example').execute();
    expect(await attempt(accounts, 'lucas@bailleur.example', PASSWORD)).toBe('OK');
    const row = await db.selectFrom('users').select('password_hash').where('email', '=', 'lucas@bailleur.example').executeTakeFirstOrThrow();
    expect(row.password_hash.split('$')[1]).toBe('131072');
    expect(await attempt(accounts, 'lucas@bailleur.example', PASSWORD)).toBe('OK');
  }, 60_000);
});

describe('watching a session (the live feed)', () => {
  it('ends at logout, at once, and at expiry', async () => {
    const { db } = await setup();
    let now = new Date();
    const accounts = createAccounts({ db, clock: () => now, sessionHours: 1, checkMs: 20 });
    const first = await accounts.login('lucas@bailleur.example', PASSWORD);
    const ended: string[] = [];
    accounts.watch(first.token, () => ended.push('logout'));
    await new Promise((r) => setTimeout(r, 50));
    expect(ended).toEqual([]);
    await accounts.logout(first.token);
    expect(ended).toEqual(['logout']);

    const second = await accounts.login('lucas@bailleur.example', PASSWORD);
    accounts.watch(second.token, () => ended.push('expiry'));
    await new Promise((r) => setTimeout(r, 50));
    now = new Date(now.getTime() + 2 * 3600_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(ended).toEqual(['logout', 'expiry']);

    accounts.watch('pas-une-session', () => ended.push('unknown'));
    await new Promise((r) => setTimeout(r, 50));
    expect(ended).toEqual(['logout', 'expiry', 'unknown']);
  }, 60_000);
});

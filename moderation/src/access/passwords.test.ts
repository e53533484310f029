import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, SCRYPT_PARAMS, hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords.ts';

/** A hash as the module made them before (N=2^14): still checked, then redone at login. */
function oldHash(password: string) {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('passwords', () => {
  it('checks the right password and refuses another', async () => {
    const stored = await hashPassword('Tilleuls2026!');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(stored).not.toContain('Tilleuls2026');
    expect(await verifyPassword('Tilleuls2026!', stored)).toBe(true);
    expect(await verifyPassword('tilleuls2026!', stored)).toBe(false);
  });
  it('salts each hash', async () => {
    expect(await hashPassword('Tilleuls2026!')).not.toBe(await hashPassword('Tilleuls2026!'));
  });
  it('hashes with OWASP’s current scrypt parameters (N=2^17, r=8, p=1)', async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const [, n, r, p] = (await hashPassword('Tilleuls2026!')).split('$');
    expect([n, r, p]).toEqual(['131072', '8', '1']);
  });
  it('still checks a hash made with the older parameters, and asks for it to be redone', async () => {
    const stored = oldHash('Tilleuls2026!');
    expect(await verifyPassword('Tilleuls2026!', stored)).toBe(true);
    expect(await verifyPassword('Tilleuls2027!', stored)).toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(await hashPassword('Tilleuls2026!'))).toBe(false);
  });
  it('checks unknown accounts against a hash as costly as a real one', async () => {
    expect(DUMMY_HASH.split('$').slice(1, 4)).toEqual(['131072', '8', '1']);
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
  });
  it('refuses a malformed hash without throwing', async () => {
    expect(await verifyPassword('x', 'scrypt$abc$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });
  it('explains a weak password in French', () => {
    expect(passwordProblem('court1')).toMatch(/10 caractères/);
    expect(passwordProblem('seulementdeslettres')).toMatch(/chiffres/);
    expect(passwordProblem('Tilleuls2026')).toBeNull();
  });
});

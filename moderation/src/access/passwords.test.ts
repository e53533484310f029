import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

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
  it('explains a weak password in French', () => {
    expect(passwordProblem('court1')).toMatch(/10 caractères/);
    expect(passwordProblem('seulementdeslettres')).toMatch(/chiffres/);
    expect(passwordProblem('Tilleuls2026')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { compileCharter } from './compile.ts';
import { defaultCharter } from './default-charter.ts';
import { judge } from './judge.ts';
import type { Charter, CharterRule } from './types.ts';

const ok: CharterRule = { id: 'insultes', label: 'Insultes', severity: 'high', action: 'reject', enabled: true, params: { kind: 'words', terms: ['connard'] } };
const charterOf = (...rules: unknown[]) => ({ version: 2, rules }) as Charter;
const now = new Date('2026-03-14T10:00:00Z');

describe('compileCharter', () => {
  it('compiles the default charter into the pipeline, in order', () => {
    const compiled = compileCharter(defaultCharter);
    expect(compiled.version).toBe(1);
    expect(compiled.pipeline.map((p) => p.name)).toEqual(['normalise', 'duplicate', 'personal-data', 'words', 'links', 'flood', 'classify', 'decide']);
  });

  it('leaves disabled rules out of judging', () => {
    const compiled = compileCharter(charterOf({ ...ok, enabled: false }));
    expect(judge(compiled, { text: 'connard', authorKey: 'a', createdAt: now }, { now, recentByAuthor: [] }).decision).toBe('approve');
  });

  it.each<[string, unknown[], RegExp]>([
    ['a regex that does not compile', [{ ...ok, id: 'spam', params: { kind: 'pattern', patterns: ['ok', '(abc'] } }], /^Règle « spam » : expression régulière invalide « \(abc »/],
    ['a bad tenant number regex', [{ ...ok, id: 'perso', params: { kind: 'personal_data', detect: ['tenant_number'], tenantNumberPatterns: ['[0-9'] } }], /^Règle « perso » : expression régulière invalide « \[0-9 »/],
    ['an unknown kind', [{ ...ok, id: 'meteo', params: { kind: 'weather', terms: [] } }], /^Règle « meteo » : type de règle inconnu « weather »/],
    ['an empty id', [ok, { ...ok, id: '  ' }], /^Règle n° 2 : identifiant vide$/],
    ['a duplicate id', [ok, { ...ok, label: 'Encore' }], /^Règle « insultes » : identifiant en double \(règles n° 1 et n° 2\)$/],
    ['an unknown action', [{ ...ok, action: 'delete' }], /^Règle « insultes » : action : /],
    ['an unknown setting', [{ ...ok, params: { kind: 'words', terms: ['x'], regex: true } }], /^Règle « insultes » : params : Clé non reconnue : "regex"/],
    ['a missing setting', [{ ...ok, params: { kind: 'flood', maxItems: 5 } }], /^Règle « insultes » : params\.windowMinutes : /],
    ['a term without letters', [{ ...ok, params: { kind: 'words', terms: ['connard', '!!!'] } }], /^Règle « insultes » : terme vide « !!! »$/],
    ['a bad domain', [{ ...ok, id: 'liens', params: { kind: 'links', blockedDomains: ['bit.ly', 'http://x'] } }], /^Règle « liens » : nom de domaine invalide « http:\/\/x »$/],
    ['a length rule without bounds', [{ ...ok, id: 'longueur', params: { kind: 'length' } }], /^Règle « longueur » : il faut minChars ou maxChars$/],
    ['a ratio above 1', [{ ...ok, id: 'cris', params: { kind: 'shouting', minLetters: 10, maxUppercaseRatio: 70 } }], /^Règle « cris » : params\.maxUppercaseRatio : /],
  ])('refuses %s, in French, naming the rule', (_, rules, message) => {
    expect(() => compileCharter(charterOf(...rules))).toThrow(message);
  });

  it('refuses a charter without a version', () => {
    expect(() => compileCharter({ rules: [ok] } as unknown as Charter)).toThrow(/^Charte invalide : version : /);
  });
});

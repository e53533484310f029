import { describe, expect, it } from 'vitest';
import { compileCharter } from '../compile.ts';
import { defaultCharter } from '../default-charter.ts';
import type { Charter } from '../types.ts';
import { compilePatternRules, isBuiltInPattern } from './patterns.ts';
import { rule } from './test-support.ts';

const typed = (...patterns: string[]) => rule('spam', { kind: 'pattern', patterns }, 'reject');
const reasons = (rules: Parameters<typeof compilePatternRules>[0], text: string) => compilePatternRules(rules)(text).map((m) => `${m.ruleId} ${m.reason}`);

describe('pattern rules', () => {
  it('run an administrator’s pattern in linear time, whatever it is', () => {
    const start = performance.now();
    expect(reasons([typed('(a+)+$', '(x+x+)+y')], `${'a'.repeat(20_000)}! ${'x'.repeat(20_000)}`)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('read an administrator’s pattern as JavaScript would, no-break spaces included', () => {
    expect(reasons([typed(String.raw`\bprix\s+cass[ée]s?\b`)], 'Des PRIX\u00a0CASSÉS ici')).toEqual(['spam motif : "PRIX\u00a0CASSÉS"']);
  });

  it('try every rule once the patterns together matched, in charter order', () => {
    const promo = rule('promo', { kind: 'pattern', patterns: [String.raw`\bcode\s+promo\b`] });
    expect(reasons([typed(String.raw`\bbitcoin\b`), promo], 'Code promo bitcoin')).toEqual(['spam motif : "bitcoin"', 'promo motif : "Code promo"']);
    expect(reasons([typed(String.raw`\bbitcoin\b`), promo], 'Merci pour la fête des voisins')).toEqual([]);
  });

  it('keep the built-in patterns as written, a look-behind included', () => {
    const publicite = defaultCharter.rules.find((r) => r.id === 'publicite')!;
    expect(reasons([publicite], 'Tout à -50 % ce week-end')).toEqual(['publicite motif : "-50 %"']);
    expect(reasons([publicite], 'Bâtiment B-12 %')).toEqual([]);
    expect(isBuiltInPattern(String.raw`(?<![\p{L}\p{N}])-\s?\d{1,2}\s?%`)).toBe(true);
  });
});

describe('saving a pattern', () => {
  const charterWith = (patterns: string[], kind: 'pattern' | 'personal_data' = 'pattern') =>
    ({ version: 2, rules: [kind === 'pattern' ? typed(...patterns) : rule('spam', { kind: 'personal_data', detect: ['tenant_number'], tenantNumberPatterns: patterns })] }) as Charter;
  const refusal = (source: string) =>
    `Règle « spam » : expression non prise en charge « ${source} » : les renvois (\\1), les assertions avant/arrière ((?=…), (?<=…)) ne sont pas acceptés, car ils peuvent bloquer le service`;

  it.each(['(a)\\1', 'promo(?= gratuite)', '(?<=code )promo', '(?<!pas de )promo'])('refuses %s, which only backtracking can run', (source) => {
    expect(() => compileCharter(charterWith(['ok', source]))).toThrow(refusal(source));
    expect(() => compileCharter(charterWith([source], 'personal_data'))).toThrow(refusal(source));
  });

  it('refuses what RE2 cannot compile as invalid', () => {
    expect(() => compileCharter(charterWith(['a{1001}']))).toThrow(/^Règle « spam » : expression régulière invalide « a\{1001\} » \(.*invalid repeat count/);
  });

  it('accepts the default charter, and its look-behind pattern in any pattern rule', () => {
    expect(() => compileCharter(defaultCharter)).not.toThrow();
    expect(() => compileCharter(charterWith([String.raw`(?<![\p{L}\p{N}])-\s?\d{1,2}\s?%`]))).not.toThrow();
  });
});

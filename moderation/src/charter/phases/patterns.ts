import { defaultCharter } from '../default-charter.ts';
import { anyOf } from '../regex.ts';
import type { CharterRule, RuleMatch } from '../types.ts';
import { DEFAULT_TENANT_NUMBER_PATTERNS } from './personal-data.ts';
import { matchOf, rulesOf } from './types.ts';

/**
 * The patterns shipped with the code, byte for byte. `tests/charter/regex-safety.test.ts` proves each one
 * linear on V8, so they may keep V8's syntax (the « -50 % » rule looks behind) and speed; any
 * other pattern is an administrator's and runs on re2js.
 */
const BUILT_IN = new Set([
  ...defaultCharter.rules.flatMap((rule) => (rule.params.kind === 'pattern' ? rule.params.patterns : rule.params.kind === 'personal_data' ? (rule.params.tenantNumberPatterns ?? []) : [])),
  ...DEFAULT_TENANT_NUMBER_PATTERNS,
]);
export const isBuiltInPattern = (source: string): boolean => BUILT_IN.has(source);

/**
 * `pattern` rules: the patterns of all rules are first tried together as one regex, and each
 * rule's own regex only runs when that one matched.
 */
export function compilePatternRules(rules: readonly CharterRule[]): (text: string) => RuleMatch[] {
  const patternRules = rulesOf(rules, 'pattern').map((rule) => ({ rule, regex: anyOf(rule.params.patterns, isBuiltInPattern) }));
  const anyPattern = anyOf(
    patternRules.flatMap(({ rule }) => rule.params.patterns),
    isBuiltInPattern,
  );
  return (text) => {
    const matches: RuleMatch[] = [];
    if (patternRules.length === 0 || !anyPattern.test(text)) return matches;
    for (const { rule, regex } of patternRules) {
      const found = regex.find(text);
      if (found) matches.push(matchOf(rule, `motif : "${found.text.slice(0, 60)}"`));
    }
    return matches;
  };
}

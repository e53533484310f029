import { WordMatcher } from '../matcher.ts';
import { spellingsIn } from '../spelling.ts';
import type { CharterRule, RuleMatch } from '../types.ts';
import { matchOf, rulesOf, type Phase } from './types.ts';

/** Charter patterns are JavaScript regular expressions, case-insensitive, in Unicode mode. */
export const PATTERN_FLAGS = 'iu';
const BACKREFERENCE = /\\[1-9]|\\k</;

/** One regex for several sources when they can share one (no backreference, no clashing group). */
function combine(sources: readonly string[]): RegExp[] {
  const alone = sources.filter((s) => BACKREFERENCE.test(s));
  const together = sources.filter((s) => !BACKREFERENCE.test(s));
  try {
    const joined = together.length ? [new RegExp(together.map((s) => `(?:${s})`).join('|'), PATTERN_FLAGS)] : [];
    return [...joined, ...alone.map((s) => new RegExp(s, PATTERN_FLAGS))];
  } catch {
    return sources.map((s) => new RegExp(s, PATTERN_FLAGS));
  }
}

/** « mot interdit » when the rule refuses or hides, « mot repéré » when it holds or marks. */
const noun = (rule: CharterRule, n: number) => (rule.action === 'reject' || rule.action === 'hide' ? (n > 1 ? 'mots interdits' : 'mot interdit') : n > 1 ? 'mots repérés' : 'mot repéré');

/**
 * `words` and `pattern`: every listed term of every words rule sits in one word matcher
 * (Aho–Corasick over canonical words), so the text is scanned once whatever the number of terms
 * or rules; the patterns of all rules are first tried together as one regex, and each rule's own
 * regex only runs when that one matched. Reasons show the term as the author wrote it.
 */
export const wordsPhase: Phase = {
  name: 'words',
  kinds: ['words', 'pattern'],
  compile(rules) {
    const wordRules = rulesOf(rules, 'words');
    const matcher = new WordMatcher(wordRules.flatMap((rule, index) => rule.params.terms.map((term) => ({ term, value: index }))));
    const patternRules = rulesOf(rules, 'pattern').map((rule) => ({ rule, regexes: combine(rule.params.patterns) }));
    const all = combine(patternRules.flatMap(({ rule }) => rule.params.patterns));
    const anyPattern = all.length === 1 ? all[0]! : null; // null: no shared prefilter, test each rule
    return (state) => {
      const matches: RuleMatch[] = [];
      const termsByRule = new Map<number, string[]>();
      for (const hit of matcher.findAll(state.keys)) {
        const terms = termsByRule.get(hit.value) ?? [];
        if (!terms.includes(hit.term)) terms.push(hit.term);
        termsByRule.set(hit.value, terms);
      }
      const spelling = spellingsIn(state.text);
      for (const [index, terms] of [...termsByRule].sort(([a], [b]) => a - b)) {
        const rule = wordRules[index]!;
        const shown = terms.slice(0, 3).map((term) => {
          const written = spelling(term);
          return written === undefined || written.toLowerCase() === term.toLowerCase() ? `"${term}"` : `"${written}" (${term})`;
        });
        matches.push(matchOf(rule, `${noun(rule, terms.length)} : ${shown.join(', ')}${terms.length > 3 ? '…' : ''}`));
      }
      if (patternRules.length > 0 && (anyPattern === null || anyPattern.test(state.text))) {
        for (const { rule, regexes } of patternRules) {
          const found = regexes.map((r) => r.exec(state.text)).find((m) => m !== null);
          if (found) matches.push(matchOf(rule, `motif : "${found[0].slice(0, 60)}"`));
        }
      }
      return { matches };
    };
  },
};

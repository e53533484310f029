import { matchKey } from '../matcher.ts';
import { read } from '../normalise.ts';
import type { RuleMatch } from '../types.ts';
import { frenchNumber, matchOf, rulesOf, type Phase } from './types.ts';

/**
 * First phase: the canonical form every later phase reads (see ../normalise.ts), and the rules on
 * the shape of the text itself: `length` (empty, too short, too long) and `shouting` (capitals).
 */
export const normalisePhase: Phase = {
  name: 'normalise',
  kinds: ['length', 'shouting'],
  compile(rules) {
    const lengths = rulesOf(rules, 'length');
    const shoutings = rulesOf(rules, 'shouting');
    return (state) => {
      const text = state.text;
      const reading = read(text);
      const form = reading.tokens.map((t) => t.word).join(' ');
      const keys = reading.tokens.map((t) => matchKey(t.word));
      const matches: RuleMatch[] = [];
      const chars = codePoints(text.trim());
      for (const rule of lengths) {
        const { minChars, maxChars } = rule.params;
        if (minChars !== undefined && chars < minChars) {
          matches.push(matchOf(rule, chars === 0 ? 'message vide' : `message trop court : ${frenchNumber(chars)} caractères (minimum ${frenchNumber(minChars)})`));
        } else if (maxChars !== undefined && chars > maxChars) {
          matches.push(matchOf(rule, `message trop long : ${frenchNumber(chars)} caractères (maximum ${frenchNumber(maxChars)})`));
        }
      }
      if (shoutings.length > 0) {
        const { letters, upper } = countLetters(text);
        for (const rule of shoutings) {
          const ratio = letters === 0 ? 0 : upper / letters;
          if (letters >= rule.params.minLetters && ratio > rule.params.maxUppercaseRatio) {
            matches.push(matchOf(rule, `message en majuscules : ${Math.round(ratio * 100)} % de capitales`));
          }
        }
      }
      return { canonical: form, keys, reading, matches };
    };
  },
};

/** Characters as people count them: an emoji is one, not two UTF-16 units. */
function codePoints(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** Letters and capitals among them; ASCII is counted without case mapping. */
function countLetters(text: string): { letters: number; upper: number } {
  let letters = 0;
  let upper = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 128) {
      if (code >= 65 && code <= 90) upper++;
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) letters++;
      continue;
    }
    const lower = char.toLowerCase();
    const isUpper = lower !== char;
    if (isUpper || lower !== char.toUpperCase()) {
      letters++;
      if (isUpper) upper++;
    }
  }
  return { letters, upper };
}

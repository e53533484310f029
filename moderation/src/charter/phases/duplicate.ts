import { canonical } from '../normalise.ts';
import type { RuleMatch } from '../types.ts';
import { matchOf, rulesOf, type Phase } from './types.ts';

const MINUTE = 60_000;

/** The text with only its words, in canonical form: what two copies of one message share. */
function sameness(canonicalText: string): string {
  return canonicalText.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
}

/**
 * The same recent texts come back with each new item of their author: their form is remembered
 * (a pure function's memo, bounded).
 */
const recentForms = new Map<string, string>();
function formOf(text: string): string {
  let form = recentForms.get(text);
  if (form === undefined) {
    form = sameness(canonical(text));
    if (recentForms.size >= 5_000) recentForms.clear();
    recentForms.set(text, form);
  }
  return form;
}

/**
 * `duplicate`: the same message (same canonical words, so « Merci !! » repeats « merci ») already
 * posted by the same author within the window before `context.now`. `recentByAuthor` must not
 * contain the item being judged.
 */
export const duplicatePhase: Phase = {
  name: 'duplicate',
  kinds: ['duplicate'],
  compile(rules) {
    const duplicates = rulesOf(rules, 'duplicate');
    return (state) => {
      const mine = sameness(state.canonical);
      if (duplicates.length === 0 || mine === '') return {};
      const now = state.context.now.getTime();
      const ages = state.context.recentByAuthor
        .filter((recent) => recent.createdAt.getTime() <= now && formOf(recent.text) === mine)
        .map((recent) => now - recent.createdAt.getTime());
      if (ages.length === 0) return {};
      const youngest = Math.min(...ages);
      const matches: RuleMatch[] = duplicates
        .filter((rule) => youngest <= rule.params.windowMinutes * MINUTE)
        .map((rule) => matchOf(rule, `message identique publié il y a ${Math.round(youngest / MINUTE)} min`));
      return { matches };
    };
  },
};

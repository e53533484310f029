import { CATEGORY_LABELS, INTENSIFIERS, NEGATIVE_TERMS, NEGATORS, PROBLEM_CUES, REQUEST_TOPICS, RESOLVED_MARKERS } from './lexicon.ts';
import { WordMatcher, matchKey, matchKeys, type WordHit } from './matcher.ts';
import type { RequestCategory, Verdict } from './types.ts';

/**
 * Marks a tenant's **request** (something to repair or to answer: a leak, a broken lift, a rent
 * certificate) and scores the **negative tone** of a text, from the French lexicon in lexicon.ts.
 *
 * Request: each category sums the weights of its words (2 for a problem named outright,
 * « fuite », « punaises de lit », « pas de chauffage »; 1 for a subject, « ascenseur », « loyer »);
 * problem cues (« en panne », « depuis », « toujours pas », a question mark) add one point each,
 * two at most, and words saying it is solved (« réparé », « merci pour ») take one off. The best
 * category is a request when it has a word of its own and reaches 2 points.
 *
 * Negative tone: the weights of the negative words found (each once) are added, × 1.5 after an
 * intensifier (« vraiment nul »); a negator one or two words before cancels the word (« pas de
 * problème », « ce n'est pas nul », « plus de cafards »). When something negative was found, each « ! » adds 0.15 (three
 * at most) and a text in capitals 0.3. The sum s becomes a score 1 − e^(−s): one strong word
 * (« scandale », 1) gives 0.63, two give 0.86, « nul » alone 0.45.
 */

export interface Classification {
  request: Verdict['request'];
  negative: Verdict['negative'];
}

type Entry =
  | { type: 'topic'; category: RequestCategory; weight: number; negatable: boolean }
  | { type: 'cue' | 'resolved'; weight: number; negatable: boolean }
  | { type: 'negative'; weight: number; negatable: boolean };

/** Categories in lexicon order: on a tie, the first wins. */
const CATEGORIES = Object.keys(REQUEST_TOPICS) as RequestCategory[];
const negators = new Set(NEGATORS.flatMap(matchKeys));
const intensifiers = new Set(INTENSIFIERS.flatMap(matchKeys));

/** One matcher for the whole lexicon: a text is scanned once. A spelling listed twice counts once. */
const lexicon = (() => {
  const entries = new Map<string, { term: string; value: Entry }>();
  const add = (term: string, value: Entry) => {
    const key = `${value.type}:${matchKeys(term).join(' ')}`;
    if (!entries.has(key)) entries.set(key, { term, value });
  };
  for (const [category, groups] of Object.entries(REQUEST_TOPICS) as [RequestCategory, (typeof REQUEST_TOPICS)[RequestCategory]][]) {
    for (const { terms, weight, negatable = false } of groups) for (const term of terms) add(term, { type: 'topic', category, weight, negatable });
  }
  for (const term of PROBLEM_CUES) add(term, { type: 'cue', weight: 1, negatable: true });
  for (const term of RESOLVED_MARKERS) add(term, { type: 'resolved', weight: 1, negatable: false });
  for (const [term, weight] of Object.entries(NEGATIVE_TERMS)) add(term, { type: 'negative', weight, negatable: !negators.has(matchKeys(term)[0] ?? '') });
  return new WordMatcher(entries.values());
})();

/** Within one type, a hit inside a longer one does not count again (« honte » in « honte à vous »). */
function longestHits(hits: WordHit<Entry>[]): WordHit<Entry>[] {
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: WordHit<Entry>[] = [];
  for (const hit of sorted) {
    const inside = kept.some((k) => k.value.type === hit.value.type && k.start <= hit.start && hit.end <= k.end);
    if (!inside) kept.push(hit);
  }
  return kept;
}

const before = (keys: readonly string[], at: number, set: Set<string>) => set.has(keys[at - 1] ?? '') || set.has(keys[at - 2] ?? '');

/** « pas de problème », « aucun souci », « ce n'est pas nul », and « plus de cafards » (not « de plus en plus nul »). */
const PLUS = matchKey('plus');
const isNegated = (keys: readonly string[], at: number) => before(keys, at, negators) || (keys[at - 2] === PLUS && (keys[at - 1] === 'de' || keys[at - 1] === 'd'));

export function classify(text: string, keys: readonly string[] = matchKeys(text)): Classification {
  const hits = longestHits(lexicon.findAll(keys)).filter((h) => !(h.value.negatable && isNegated(keys, h.start)));
  return { request: findRequest(text, hits), negative: scoreNegative(text, keys, hits) };
}

function findRequest(text: string, hits: readonly WordHit<Entry>[]): Classification['request'] {
  const scores = new Map<RequestCategory, { score: number; keywords: string[] }>();
  const cues: string[] = [];
  let resolved = 0;
  for (const { value, term } of hits) {
    if (value.type === 'topic') {
      const category = scores.get(value.category) ?? { score: 0, keywords: [] };
      if (category.keywords.includes(term)) continue;
      category.score += value.weight;
      category.keywords.push(term);
      scores.set(value.category, category);
    } else if (value.type === 'cue' && !cues.includes(term)) cues.push(term);
    else if (value.type === 'resolved') resolved++;
  }
  let best: [RequestCategory, { score: number; keywords: string[] }] | undefined;
  for (const category of CATEGORIES) {
    const entry = scores.get(category);
    if (entry && (!best || entry.score > best[1].score)) best = [category, entry];
  }
  if (!best) return null;
  if (text.includes('?')) cues.push('?');
  const total = best[1].score + Math.min(2, cues.length) - Math.min(1, resolved);
  return total >= 2 ? { category: best[0], keywords: [...new Set([...best[1].keywords, ...cues])] } : null;
}

function scoreNegative(text: string, keys: readonly string[], hits: readonly WordHit<Entry>[]): Classification['negative'] {
  let sum = 0;
  const keywords: string[] = [];
  for (const hit of hits) {
    if (hit.value.type !== 'negative' || keywords.includes(hit.term)) continue;
    sum += hit.value.weight * (before(keys, hit.start, intensifiers) ? 1.5 : 1);
    keywords.push(hit.term);
  }
  if (sum === 0) return { score: 0, keywords };
  sum += Math.min(3, text.split('!').length - 1) * 0.15 + (isShouted(text) ? 0.3 : 0);
  return { score: Math.round((1 - Math.exp(-sum)) * 100) / 100, keywords };
}

const LETTER = /\p{L}/gu;

/** The built-in regexes of this module, for `tests/charter/regex-safety.test.ts` (the lexicon goes through the word matcher). */
export const CLASSIFIER_REGEXES: readonly RegExp[] = [LETTER];

function isShouted(text: string): boolean {
  const letters = text.match(LETTER) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  return letters.length >= 10 && upper / letters.length > 0.6;
}

/** « fuite / dégât des eaux », for moderators. */
export function categoryLabel(category: RequestCategory): string {
  return CATEGORY_LABELS[category];
}

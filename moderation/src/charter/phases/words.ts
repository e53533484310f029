import { WordMatcher, matchKey, matchKeys, type WordHit } from '../matcher.ts';
import { canonicalWords, squeeze, type Reading } from '../normalise.ts';
import type { CharterRule, RuleMatch, TermHit } from '../types.ts';
import { INSULT_CUES, lexiconEntries, sourceLabel, type Wordlists } from '../wordlists/index.ts';
import { compilePatternRules } from './patterns.ts';
import { matchOf, rulesOf, type Phase, type RuleOf } from './types.ts';

/** What a listed term stands for in the one matcher of the phase. */
type Entry =
  | { kind: 'term'; rule: number; ambiguous: boolean; source: string; list: string | null }
  | { kind: 'allow' }
  | { kind: 'cue' };

/** Where a term was found: word positions in the reading, and the offsets in the text. */
interface Found {
  term: string;
  entry: Extract<Entry, { kind: 'term' }>;
  start: number;
  end: number;
  from: number;
  to: number;
}

const CHARTER_SOURCE = 'charte du bailleur';
/** A masked letter (« p*te ») may stand for any letter of a term this long or longer (« c*n » only after an insult cue). */
const MIN_MASKED_LENGTH = 4;
const MIN_CUED_MASKED_LENGTH = 3;

/** « mot interdit » when the rule refuses or hides, « mot repéré » when it holds or marks. */
const noun = (rule: CharterRule, n: number) => (rule.action === 'reject' || rule.action === 'hide' ? (n > 1 ? 'mots interdits' : 'mot interdit') : n > 1 ? 'mots repérés' : 'mot repéré');

function entriesOf(wordRules: RuleOf<'words'>[], lists: Wordlists): { term: string; value: Entry }[] {
  return wordRules.flatMap((rule, index) => {
    const listed = (rule.params.terms ?? []).map((term) => ({ term, value: { kind: 'term', rule: index, ambiguous: false, source: rule.id.startsWith('mots-surveilles') ? 'mots surveillés (administrateur)' : CHARTER_SOURCE, list: null } as Entry }));
    const lexicon = rule.params.lexicon;
    const fromLexicon = lexicon
      ? lexiconEntries(lexicon, lists).map((entry) => ({ term: entry.term, value: { kind: 'term', rule: index, ambiguous: entry.ambiguous, source: sourceLabel(entry, lists), list: lexicon } as Entry }))
      : [];
    return [...listed, ...fromLexicon];
  });
}

/** Every key of a masked-letter index: « konard » is also « *onard », « k*nard »… */
function maskedIndex(entries: { term: string; value: Entry }[]): Map<string, { term: string; value: Entry }[]> {
  const index = new Map<string, { term: string; value: Entry }[]>();
  for (const { term, value } of entries) {
    if (value.kind !== 'term') continue;
    const [key, ...rest] = matchKeys(term);
    if (!key || rest.length || key.length < MIN_CUED_MASKED_LENGTH) continue;
    // Masks of the word as spelled (« chauf*ard ») and as squeezed (« chau*ard »).
    const spelled = term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
    const masks = new Set<string>();
    for (const form of /^[a-z]+$/.test(spelled) ? [spelled, key] : [key]) {
      for (let i = 0; i < form.length; i++) masks.add(matchKey(squeeze(`${form.slice(0, i)}*${form.slice(i + 1)}`)));
    }
    for (const masked of masks) index.set(masked, [...(index.get(masked) ?? []), { term, value }]);
  }
  return index;
}

/**
 * `words`, `allow` and `pattern`. Every listed term of every words rule — the built-in lexicons,
 * the landlord's terms and the administrators' watched words — sits in one word matcher
 * (Aho–Corasick over canonical words) with the allowed terms and the insult cues, so the text is
 * scanned once whatever the number of terms. The other readings of the normaliser (words glued
 * across a dash or an emoji, a masked letter) are looked up one by one, against unambiguous
 * terms only. Ambiguous terms (« rat », « punaise ») count only right after an insult cue
 * (« vous êtes des », « espèce de »). A term inside an allowed one does not count. Reasons and
 * term hits show each term as the author wrote it, read back from the offsets.
 */
export const wordsPhase: Phase = {
  name: 'words',
  kinds: ['words', 'allow', 'pattern'],
  compile(rules, options) {
    const wordRules = rulesOf(rules, 'words');
    const terms = entriesOf(wordRules, options.wordlists);
    const allowed = rulesOf(rules, 'allow').flatMap((rule) => rule.params.terms.map((term) => ({ term, value: { kind: 'allow' } as Entry })));
    const cues = INSULT_CUES.map((term) => ({ term, value: { kind: 'cue' } as Entry }));
    const matcher = new WordMatcher<Entry>([...terms, ...allowed, ...cues]);
    const masked = maskedIndex(terms);
    const insultRule = wordRules.findIndex((rule) => rule.params.lexicon === 'insultes');
    const gluedCues = gluedCuesOf(INSULT_CUES);
    const patterns = compilePatternRules(rules);
    return (state) => {
      const found = findTerms(state.reading, state.keys, { matcher, masked, gluedCues }, insultRule);
      const byRule = new Map<number, Found[]>();
      for (const hit of found) {
        const list = byRule.get(hit.entry.rule) ?? [];
        if (!list.some((f) => f.term === hit.term)) list.push(hit);
        byRule.set(hit.entry.rule, list);
      }
      const matches: RuleMatch[] = [];
      for (const [index, hits] of [...byRule].sort(([a], [b]) => a - b)) {
        const rule = wordRules[index]!;
        const shown: TermHit[] = hits.map((hit) => ({ term: hit.term, written: state.text.slice(hit.from, hit.to), source: hit.entry.source }));
        const listed = shown.slice(0, 3).map(({ term, written }) => (written.toLowerCase() === term.toLowerCase() ? `"${term}"` : `"${written}" (${term})`));
        matches.push({ ...matchOf(rule, `${noun(rule, hits.length)} : ${listed.join(', ')}${hits.length > 3 ? '…' : ''}`), terms: shown.slice(0, 20) });
      }
      matches.push(...patterns(state.text));
      return { matches };
    };
  },
};

/** Cues of several words, glued (« filsde », « niqueta »), by their first three letters. */
function gluedCuesOf(cues: readonly string[]): Map<string, string[]> {
  const byStart = new Map<string, string[]>();
  for (const cue of cues) {
    const words = canonicalWords(cue);
    if (words.length < 2) continue;
    const glued = words.join('');
    byStart.set(glued.slice(0, 3), [...(byStart.get(glued.slice(0, 3)) ?? []), glued]);
  }
  return byStart;
}

interface Lookups {
  matcher: WordMatcher<Entry>;
  masked: Map<string, { term: string; value: Entry }[]>;
  gluedCues: Map<string, string[]>;
}

function findTerms(reading: Reading, keys: readonly string[], { matcher, masked, gluedCues }: Lookups, insultRule: number): Found[] {
  const { tokens, variants } = reading;
  if (tokens.length === 0) return [];
  const hits = matcher.findAll(keys);
  const cueEnds = new Set<number>();
  const allowedWords = new Set<number>();
  for (const hit of hits) {
    if (hit.value.kind === 'cue') cueEnds.add(hit.end);
    else if (hit.value.kind === 'allow') for (let w = hit.start; w < hit.end; w++) allowedWords.add(w);
  }
  const isAllowed = (start: number, end: number) => {
    for (let w = start; w < end; w++) if (allowedWords.has(w)) return true;
    return false;
  };
  /** An insult cue just before, in the same clause: « vous êtes des | rats ». */
  const cued = (start: number) => cueEnds.has(start) && !tokens[start]!.broken;
  const found: Found[] = [];
  const keep = (hit: Found, how: { guess?: boolean; cued?: boolean } = {}) => {
    const { entry, start, end } = hit;
    if (isAllowed(start, end)) return;
    const insulting = how.cued || cued(start);
    const guess = how.guess ?? false;
    // An ambiguous word, or a guess from a glued or masked reading of a short word, needs the cue.
    if ((entry.ambiguous || guess) && !insulting) return;
    found.push(hit);
    // « vous êtes des merdes »: swearing or sexual words thrown at someone are insults.
    if (insulting && insultRule >= 0 && entry.rule !== insultRule && (entry.list === 'grossieretes' || entry.list === 'sexuel')) {
      found.push({ ...hit, entry: { ...entry, rule: insultRule } });
    }
  };
  for (const hit of hits as WordHit<Entry>[]) {
    if (hit.value.kind !== 'term') continue;
    keep({ term: hit.term, entry: hit.value, start: hit.start, end: hit.end, from: tokens[hit.start]!.start, to: tokens[hit.end - 1]!.end });
  }
  // « f*i*l*s d*e p*u*t*e » reads as one word: the cue glued in front of the term.
  tokens.forEach((token, at) => {
    for (const cue of token.word.length > 5 ? (gluedCues.get(token.word.slice(0, 3)) ?? []) : []) {
      if (!token.word.startsWith(cue) || token.word.length - cue.length < 3) continue;
      for (const { term, value } of matcher.lookupWord(matchKey(token.word.slice(cue.length)))) {
        if (value.kind === 'term') keep({ term, entry: value, start: at, end: at + 1, from: token.start, to: token.end }, { cued: true });
      }
    }
  });
  const seen = new Set(found.map((f) => `${f.entry.rule}|${f.term}`));
  for (const variant of variants) {
    const key = matchKey(variant.word);
    const candidates = variant.masked ? (key.split('*').length === 2 ? (masked.get(key) ?? []) : []) : matcher.lookupWord(key);
    for (const { term, value } of candidates) {
      if (value.kind !== 'term') continue;
      if (seen.has(`${value.rule}|${term}`)) continue;
      keep({ term, entry: value, start: variant.first, end: variant.last + 1, from: variant.start, to: variant.end }, { guess: variant.masked && key.length < MIN_MASKED_LENGTH });
    }
  }
  return found.sort((a, b) => a.from - b.from);
}

import { matchKeys } from '../matcher.ts';
import { LEET, canonicalWords } from '../normalise.ts';
import type { LexiconName } from '../types.ts';
import { AMBIGUOUS, INSULTS_DESPITE_STEM, STEMS } from './classes.ts';

/** A list the lexicon is built from, as recorded with every entry. */
export interface WordlistSource {
  id: string;
  /** French, as the console shows it: « french-badwords-list 1.0.7 (MIT) ». */
  label: string;
  licence: string;
  url: string;
}

export interface WordlistEntry {
  /** The most readable spelling of the family (the lists hold many disguised ones). */
  term: string;
  list: LexiconName;
  /** An ordinary word in a tenant's mouth: counts only where the text insults someone. */
  ambiguous: boolean;
  /** Source ids, in the order of `sources`. */
  from: string[];
  /** How many spellings of this family the sources hold (« pouffiasse », « pouff1@55e »…). */
  spellings: number;
}

export interface Wordlists {
  sources: WordlistSource[];
  entries: WordlistEntry[];
}

export interface WordlistInput {
  source: WordlistSource;
  /** Outside lists: one flat list, sorted by classes.ts. The landlord's: already sorted. */
  entries: readonly string[] | Readonly<Partial<Record<LexiconName, readonly string[]>>>;
  /** Every entry of this input counts only after an insult or threat cue. */
  ambiguous?: boolean;
}

const LISTS: readonly LexiconName[] = ['insultes', 'grossieretes', 'sexuel', 'menaces', 'discriminations'];

/** The lists write whole words: every digit or symbol in an entry stands for a letter (« 3pa15 » is « épais »). */
function readEntry(entry: string): string {
  return /\p{L}/u.test(entry) ? entry.replace(/[0-9@$€!]/g, (c) => LEET[c] ?? c) : entry;
}

const familyOf = (entry: string) => matchKeys(readEntry(entry)).join(' ');
const ambiguous = new Set(AMBIGUOUS.map(familyOf));
const insultsDespiteStem = new Set(INSULTS_DESPITE_STEM.map(familyOf));
const stemsByList = STEMS.map(({ list, stems }) => ({
  list,
  stems: stems.map((stem) => canonicalWords(stem).join(' ')),
}));

/** The list an outside entry belongs to: the first whose stems its canonical words start with. */
function listOf(entry: string): LexiconName {
  const family = familyOf(entry);
  if (insultsDespiteStem.has(family)) return 'insultes';
  const words = canonicalWords(readEntry(entry)).join(' ');
  for (const { list, stems } of stemsByList) if (stems.some((stem) => words.startsWith(stem))) return list;
  return 'insultes';
}

/** A spelling without digits or symbols, with its accents if one has them. */
function readability(spelling: string): number {
  return (/[0-9@$€!]/.test(spelling) ? 0 : 2) + (/[^\p{ASCII}]/u.test(spelling) ? 1 : 0) + (spelling === spelling.toLowerCase() ? 1 : 0);
}

/**
 * Merges the sources into one lexicon: entries grouped by family (their canonical match keys),
 * each family in one list (the landlord's sorting first, then classes.ts), with the sources it
 * comes from. Deterministic: the same sources give the same file.
 */
export function buildWordlists(inputs: readonly WordlistInput[]): Wordlists {
  const families = new Map<string, { entry: WordlistEntry; best: string; fixed: boolean }>();
  for (const { source, entries, ambiguous: allAmbiguous = false } of inputs) {
    const sorted: [string, LexiconName | null][] = Array.isArray(entries)
      ? (entries as readonly string[]).map((e) => [e, null])
      : LISTS.flatMap((list) => ((entries as Partial<Record<LexiconName, readonly string[]>>)[list] ?? []).map((e): [string, LexiconName] => [e, list]));
    for (const [spelling, given] of sorted) {
      const trimmed = spelling.trim();
      const family = familyOf(trimmed);
      if (!family) continue;
      const known = families.get(family);
      if (known) {
        if (!known.entry.from.includes(source.id)) known.entry.from.push(source.id);
        known.entry.spellings++;
        if (given && !known.fixed) {
          known.fixed = true;
          known.entry.list = given;
        }
        if (readability(trimmed) > readability(known.best)) known.best = trimmed;
        continue;
      }
      const list = given ?? listOf(trimmed);
      families.set(family, {
        entry: {
          term: trimmed,
          list,
          ambiguous: allAmbiguous || ambiguous.has(family),
          from: [source.id],
          spellings: 1,
        },
        best: trimmed,
        fixed: given !== null,
      });
    }
  }
  const entries = [...families.values()].map(({ entry, best }) => ({
    ...entry,
    term: /[0-9@$€!]/.test(best) && /\p{L}/u.test(best) ? readEntry(best) : best,
  }));
  entries.sort((a, b) => a.list.localeCompare(b.list) || a.term.localeCompare(b.term, 'fr'));
  return { sources: [...new Map(inputs.map((i) => [i.source.id, i.source])).values()], entries };
}

import { readFileSync } from 'node:fs';
import type { LexiconName } from '../types.ts';
import type { WordlistEntry, Wordlists } from './build.ts';

export type { WordlistEntry, WordlistSource, Wordlists } from './build.ts';
export { buildWordlists } from './build.ts';
export { INSULT_CUES } from './classes.ts';

/** The compiled default lexicon (build-wordlists regenerates it from the pinned sources). */
export const defaultWordlists: Wordlists = JSON.parse(readFileSync(new URL('./fr.json', import.meta.url), 'utf8')) as Wordlists;

/** The entries of one list. */
export function lexiconEntries(name: LexiconName, lists: Wordlists = defaultWordlists): WordlistEntry[] {
  return lists.entries.filter((entry) => entry.list === name);
}

/** « termes du bailleur, french-badwords-list 1.0.7 (MIT, d’après le Wiktionnaire) »: where an entry comes from. */
export function sourceLabel(entry: WordlistEntry, lists: Wordlists = defaultWordlists): string {
  return entry.from.map((id) => lists.sources.find((s) => s.id === id)?.label ?? id).join(', ');
}

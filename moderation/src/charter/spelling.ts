import { canonicalWords } from './normalise.ts';

/** Symbols that stand for a canonical letter (the reverse of the normaliser's leetspeak). */
const LEET_OF: Record<string, string> = { o: '0', i: '1!', e: '3€', a: '4@', s: '5$', t: '7' };
const SEPARATOR = '[.\\-_*\\s]*';

/** One regex per listed term, built on its first hit (bounded: a charter has so many terms). */
const regexes = new Map<string, RegExp | null>();

function regexFor(term: string): RegExp | null {
  let regex = regexes.get(term);
  if (regex !== undefined) return regex;
  const words = canonicalWords(term);
  // A squeezed letter stands for a run of it, possibly split: « n.n » in « c.o.n.n.a.r.d ».
  const letter = (c: string) => {
    const one = `[${escapeClass(c + (LEET_OF[c] ?? ''))}]+`;
    return `${one}(?:${SEPARATOR}${one})*`;
  };
  const word = (w: string) => [...w].map(letter).join(SEPARATOR);
  regex = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])${words.map(word).join('[sx]?[^\\p{L}\\p{N}]*')}[sx]?(?![\\p{L}\\p{N}])`, 'u') : null;
  if (regexes.size >= 50_000) regexes.clear();
  regexes.set(term, regex);
  return regex;
}

/**
 * How listed terms were actually written in `text` — « c.o.n.n.a.r.d » for « connard » — so that
 * the moderator sees the evasion. Only used for terms that matched, so its cost does not grow with
 * the list. The finder returns undefined when a spelling cannot be traced back (the term is then
 * shown as listed).
 */
export function spellingsIn(text: string): (term: string) => string | undefined {
  let folded: { folded: string; starts: number[] } | undefined;
  return (term) => {
    const regex = regexFor(term);
    folded ??= fold(text);
    const match = regex?.exec(folded.folded);
    if (!match) return undefined;
    return text.slice(folded.starts[match.index] ?? 0, folded.starts[match.index + match[0].length] ?? text.length);
  };
}

export function findSpelling(text: string, term: string): string | undefined {
  return spellingsIn(text)(term);
}

/** Lower case without accents, with, for each folded position, where it starts in `text`. */
function fold(text: string): { folded: string; starts: number[] } {
  let folded = '';
  const starts: number[] = [];
  let at = 0;
  for (const char of text) {
    const f = char.charCodeAt(0) < 128 ? char.toLowerCase() : char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
    for (let i = 0; i < f.length; i++) starts.push(at);
    folded += f;
    at += char.length;
  }
  starts.push(at);
  return { folded, starts };
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^\-[]/g, '\\$&');
}

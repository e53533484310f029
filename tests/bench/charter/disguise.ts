/**
 * Disguised spellings the way people write them to slip past a filter, generated from a word:
 * leetspeak, separators between letters (spaces, dots, stars, dashes, zero-width characters,
 * emoji), repeated letters, Unicode look-alikes (Cyrillic, Greek, full-width), accents added or
 * dropped, capitals, French inflections, a masked letter, phonetic spellings. Deterministic for
 * a given random source.
 */
import { mulberry32 } from '../../../moderation/src/charter/bench.ts';

export { mulberry32 };
export type Random = () => number;

const LEET: Record<string, string[]> = { a: ['@', '4'], i: ['1', '!'], e: ['3', '€'], o: ['0'], s: ['5', '$'], t: ['7'] };
/** Look-alikes as people paste them: Cyrillic а е о р с х у, Greek ο α, full-width forms. */
const LOOKALIKES: Record<string, string[]> = {
  a: ['а', 'α', 'ａ'],
  e: ['е', 'ｅ'],
  o: ['о', 'ο', 'ｏ'],
  p: ['р', 'ｐ'],
  c: ['с', 'ｃ'],
  x: ['х'],
  y: ['у'],
  i: ['і', 'ｉ'],
  n: ['ｎ'],
  t: ['ｔ'],
  u: ['ｕ'],
  s: ['ѕ', 'ｓ'],
};
const SEPARATORS = ['.', ' ', '-', '_', '*', '\u200b', '\u00ad', '🤬', '💩', '·'];
const ACCENTS: Record<string, string> = { e: 'é', a: 'à', u: 'ù', i: 'ï', o: 'ô' };

export interface Disguise {
  name: string;
  apply(word: string, random: Random): string;
}

const pick = <T>(list: readonly T[], random: Random): T => list[Math.floor(random() * list.length)]!;

/** Letters of the word that are letters (not spaces of a multi-word insult). */
function mapLetters(word: string, random: Random, share: number, map: (c: string) => string | undefined): string {
  let changed = false;
  const out = [...word].map((c) => {
    const replacement = map(c.toLowerCase());
    if (replacement === undefined || random() > share) return c;
    changed = true;
    return replacement;
  });
  if (!changed) {
    const positions = out.map((c, i) => (map(c.toLowerCase()) !== undefined ? i : -1)).filter((i) => i >= 0);
    if (positions.length) {
      const at = pick(positions, random);
      out[at] = map(out[at]!.toLowerCase())!;
    }
  }
  return out.join('');
}

export const DISGUISES: readonly Disguise[] = [
  { name: 'leetspeak', apply: (w, r) => mapLetters(w, r, 0.5, (c) => (LEET[c] ? pick(LEET[c]!, r) : undefined)) },
  {
    name: 'séparateurs',
    apply: (w, r) => {
      const sep = pick(SEPARATORS, r);
      return w
        .split(' ')
        .map((part) => [...part].join(sep))
        .join(' ');
    },
  },
  { name: 'lettres répétées', apply: (w, r) => mapLetters(w, r, 0.3, (c) => (/[a-z]/.test(c) ? c.repeat(2 + Math.floor(r() * 3)) : undefined)) },
  { name: 'sosies Unicode', apply: (w, r) => mapLetters(w, r, 0.4, (c) => (LOOKALIKES[c] ? pick(LOOKALIKES[c]!, r) : undefined)) },
  { name: 'accents', apply: (w, r) => mapLetters(w.normalize('NFD').replace(/\p{M}/gu, ''), r, 0.4, (c) => ACCENTS[c]) },
  { name: 'capitales', apply: (w, r) => [...w].map((c) => (r() < 0.5 ? c.toUpperCase() : c)).join('') },
  {
    name: 'flexions',
    apply: (w, r) => {
      if (w.includes(' ') || /[sx]$/.test(w)) return w.includes(' ') ? w : w;
      return /e$/.test(w) ? `${w}s` : `${w}${pick(['s', 'e', 'es'], r)}`;
    },
  },
  {
    name: 'lettre masquée',
    apply: (w, r) => {
      const letters = [...w];
      const inner = letters.map((c, i) => (i > 0 && i < letters.length - 1 && /\p{L}/u.test(c) ? i : -1)).filter((i) => i >= 0);
      if (!inner.length || w.includes(' ')) return w;
      letters[pick(inner, r)] = '*';
      return letters.join('');
    },
  },
  {
    name: 'phonétique',
    apply: (w) => {
      const out = w
        .replace(/qu/g, 'k')
        .replace(/c(?=[aou])/g, 'k')
        .replace(/f/g, 'ph');
      return out === w ? w.replace(/k/g, 'qu') : out;
    },
  },
];

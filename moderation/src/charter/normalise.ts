import { confusablesMap } from 'confusables';

/**
 * The charter compares words in one canonical spelling, so that the evasions people use to slip
 * an insult past a filter land on the same form as the word in the list: « C.o.n.n.a.r.d »,
 * « c0nnard », « connnnard », « CONNARD », « сonnard » (Cyrillic с), « con\u200bnard » all
 * become « conard ».
 *
 * One pass over the characters, no backtracking regex: the cost is linear in the text whatever
 * it holds. Every word keeps where it was in the text, so the spelling an author used is read
 * back from the offsets (the moderator sees the disguise) instead of being searched for again.
 */

/** A word of the text in canonical form, with where it was written. */
export interface Token {
  word: string;
  /** UTF-16 offsets in the text as given: text.slice(start, end) is how it was written. */
  start: number;
  end: number;
  /** A clause break (, ; : ? ! . …) stands between this word and the previous one. */
  broken: boolean;
}

/** Another way to read a run of the text as one word: glued across dashes or emoji, edge symbols read as letters. */
export interface Variant {
  word: string;
  start: number;
  end: number;
  /** The tokens it stands for: tokens[first..last]. */
  first: number;
  last: number;
  /** Holds a masked letter « * » (« c*nnard »): a masked word may only meet unambiguous terms. */
  masked: boolean;
}

export interface Reading {
  tokens: Token[];
  variants: Variant[];
}

/** What each leetspeak symbol stands for (the lexicon build reads list entries with it too). */
export const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '€': 'e',
  '!': 'i',
};

/** Numbers with a unit or rank are not leetspeak: « 3e », « 1er », « 2eme », « 10h30 », « 15m2 », « 12bis ». */
const UNIT_SUFFIXES = new Set([
  '',
  'e',
  'er',
  'ere',
  're',
  'eme',
  'nd',
  'nde',
  'd',
  'h',
  'min',
  'mn',
  's',
  'm',
  'km',
  'cm',
  'mm',
  'kg',
  'g',
  'l',
  'ml',
  'an',
  'ans',
  'bis',
  'ter',
  'a',
  'b',
  'c',
  'k',
  'kw',
  'kwh',
  'w',
  'v',
  'x',
  'eur',
  'h',
  'j',
  'p',
  't',
]);

type Kind = 'letter' | 'digit' | 'leet' | 'glue' | 'mask' | 'space' | 'break' | 'other';

/** How each character reads, computed once per distinct character. */
const folded = new Map<string, string>();

/** The ASCII letters and digits a character stands for: accents dropped, look-alikes replaced (a maintained table). */
function fold(char: string): string {
  let out = folded.get(char);
  if (out !== undefined) return out;
  const decomposed = char.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  if (/^[a-z0-9]+$/.test(decomposed)) out = decomposed;
  else if (char === 'œ' || char === 'Œ') out = 'oe';
  else if (char === 'æ' || char === 'Æ') out = 'ae';
  else if (char === 'ß') out = 'ss';
  else {
    const lookalike = confusablesMap.get(char)?.toLowerCase();
    out = lookalike && /^[a-z0-9]+$/.test(lookalike) ? lookalike : /\p{Cf}|\p{M}/u.test(char) ? '' : char;
  }
  if (folded.size < 100_000) folded.set(char, out);
  return out;
}

function kindOf(c: string): Kind {
  const code = c.charCodeAt(0);
  if (code >= 97 && code <= 122) return 'letter';
  if (code >= 48 && code <= 57) return 'digit';
  switch (c) {
    case '@':
    case '$':
    case '€':
    case '!':
      return 'leet';
    case '*':
      return 'mask';
    case '.':
    case '-':
    case '_':
    case '~':
    case '+':
    case '=':
    case '#':
    case '^':
    case '|':
    case '/':
    case '\\':
      return 'glue';
    case ',':
    case ';':
    case ':':
    case '?':
    case '…':
    case '(':
    case ')':
    case '"':
    case '«':
    case '»':
    case '\n':
      return 'break';
    case "'":
    case '’':
    case '`':
    case '´':
      return 'space'; // « qu'on » is two words, never « quon »
    default:
      return /\s/.test(c) ? 'space' : /[\p{L}\p{N}]/u.test(c) ? 'other' : 'glue';
  }
}

/** A run of letters, digits and leet symbols, before it is read. */
interface Piece {
  raw: string;
  start: number;
  end: number;
  /** What stands between the previous piece and this one. */
  gap: {
    space: boolean;
    broken: boolean;
    mask: boolean;
    empty: boolean;
    dots: boolean;
  };
}

/** Cuts the text into pieces: every character looked at once. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let raw = '';
  let start = -1;
  let end = 0;
  let gap = emptyGap();
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    const { f, kind } = code < 128 ? ASCII[code]! : readChar(text.slice(i, i + width));
    if (kind === 'letter' || kind === 'digit' || kind === 'leet') {
      if (start < 0) start = i;
      raw += f;
      end = i + width;
    } else if (kind !== 'invisible') {
      if (start >= 0) {
        out.push({ raw, start, end, gap });
        raw = '';
        start = -1;
        gap = emptyGap();
      }
      gap.empty = false;
      if (kind === 'space') gap.space = true;
      else if (kind === 'break') gap.broken = true;
      else if (kind === 'mask') gap.mask = true;
      else if (f === '.') gap.dots = true;
    }
    i += width;
  }
  if (start >= 0) out.push({ raw, start, end, gap });
  return out;
}

const emptyGap = (): Piece['gap'] => ({ space: false, broken: false, mask: false, empty: true, dots: false });

interface CharReading {
  f: string;
  kind: Kind | 'invisible';
}

const ASCII: CharReading[] = Array.from({ length: 128 }, (_, code) => {
  const f = String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
  return { f, kind: kindOf(f) };
});
const readings = new Map<string, CharReading>();

/** How a character outside ASCII reads (invisible ones, zero-width space or soft hyphen, read as nothing). */
function readChar(char: string): CharReading {
  let reading = readings.get(char);
  if (reading) return reading;
  const f = fold(char);
  reading = { f, kind: f === '' ? 'invisible' : f.length > 1 ? (/^[a-z0-9]+$/.test(f) ? 'letter' : 'glue') : kindOf(f) };
  if (readings.size < 100_000) readings.set(char, reading);
  return reading;
}

/**
 * A digit or symbol is read as a letter only inside a word that has letters: « c0nnard »,
 * « 3ncul3 », « 5ale », but not « 2026 », « 3e étage » or « 10h30 »; a « ! » or « @ » at the edge
 * of a word is punctuation or a mention (« connard! », « @bailleur »): `edges` reads them too.
 */
function readLeet(raw: string, edges: boolean): { word: string; trailingBang: boolean } {
  let from = 0;
  let to = raw.length;
  if (!edges) {
    while (from < to && (raw[from] === '!' || raw[from] === '@')) from++;
    while (to > from && raw[to - 1] === '!') to--;
  }
  const trailingBang = to < raw.length;
  const core = raw.slice(from, to);
  let letters = false;
  let symbols = false;
  for (let k = 0; k < core.length; k++) {
    const c = core.charCodeAt(k);
    if (c >= 97 && c <= 122) letters = true;
    else symbols = true;
  }
  if (!symbols || !letters || isNumberWithUnit(core)) return { word: squeeze(core.replace(/[!@$€]/g, '')), trailingBang };
  let word = '';
  for (const c of core) word += LEET[c] ?? c;
  return { word: squeeze(word), trailingBang };
}

function isNumberWithUnit(core: string): boolean {
  let k = 0;
  while (k < core.length && core.charCodeAt(k) >= 48 && core.charCodeAt(k) <= 57) k++;
  if (k === 0) return false;
  let j = core.length;
  while (j > k && core.charCodeAt(j - 1) >= 48 && core.charCodeAt(j - 1) <= 57) j--;
  const suffix = core.slice(k, j);
  return UNIT_SUFFIXES.has(suffix) || (j === core.length && (suffix === 'h' || suffix === 'm'));
}

/** « connnnard » → « conard »: a repeated letter is one letter (digits stay as they are). */
export function squeeze(word: string): string {
  let out = '';
  let last = '';
  for (let k = 0; k < word.length; k++) {
    const c = word[k]!;
    if (c === last && c >= 'a' && c <= 'z') continue;
    out += c;
    last = c;
  }
  return out;
}

/**
 * Single letters split by dots, dashes, stars or spaces, three or more of them, are one word:
 * « c.o.n », « c o n ». French one-letter words in front stay words: « il y a 3 jours » is not
 * « yae », « a c.o.n » (space, then dots) is « a con ».
 */
function spacedRunLength(words: string[], list: Piece[], at: number): number {
  let n = 1;
  while (at + n < list.length && words[at + n]!.length === 1 && !list[at + n]!.gap.broken) n++;
  return words[at]!.length === 1 ? n : 0;
}

function keptInFront(words: string[], list: Piece[], at: number, n: number): number {
  let kept = 0;
  while (kept < n) {
    const next = list[at + kept + 1]?.gap;
    const isSpace = next !== undefined && next.space && !next.dots;
    const w = words[at + kept];
    const yA = ((w === 'y' && words[at + kept + 1] === 'a') || (kept > 0 && words[at + kept - 1] === 'y' && w === 'a')) && isSpace;
    const after = list[at + kept + 2]?.gap;
    const wordBeforeDots = isSpace && after !== undefined && !after.space;
    if (!yA && !wordBeforeDots) break;
    kept++;
  }
  return kept;
}

/** The words of a text in canonical form with their offsets, and the other readings worth a look. */
export function read(text: string): Reading {
  const list = pieces(text);
  const words = list.map((p) => readLeet(p.raw, false));
  const plain = words.map((w) => w.word);
  const tokens: Token[] = [];
  /** For each piece, the token it belongs to (-1: it read as nothing, a lone « ! »). */
  const tokenOf: number[] = new Array(list.length).fill(-1);
  let breakNext = false;
  const push = (word: string, from: number, to: number) => {
    if (word) {
      for (let k = from; k <= to; k++) tokenOf[k] = tokens.length;
      tokens.push({
        word,
        start: list[from]!.start,
        end: list[to]!.end,
        broken: breakNext || list[from]!.gap.broken,
      });
      breakNext = false;
    }
    if (words[to]!.trailingBang) breakNext = true;
  };
  for (let at = 0; at < list.length; ) {
    const n = spacedRunLength(plain, list, at);
    const kept = n >= 3 ? keptInFront(plain, list, at, n) : 0;
    if (n - kept >= 3) {
      for (let k = 0; k < kept; k++) push(plain[at + k]!, at + k, at + k);
      push(
        readLeet(
          list
            .slice(at + kept, at + n)
            .map((p) => p.raw)
            .join(''),
          false,
        ).word,
        at + kept,
        at + n - 1,
      );
      at += n;
    } else {
      push(plain[at]!, at, at);
      at++;
    }
  }
  return { tokens, variants: variantsOf(list, tokens, tokenOf) };
}

/** Pieces glued without a space: at most this many read as one word (« con-nard », « f.d.p »). */
const MAX_GLUED = 8;
/** No listed term is longer: a glued reading past it cannot meet one. */
const MAX_GLUED_LENGTH = 40;

/**
 * Readings beside the plain one, only where the text calls for them: words glued across a dash,
 * a dot, an emoji or a star without a space (« con-nard », « con🤬nard », « c*nnard »), and
 * words whose edge symbols are letters (« @ndouille », « abrut! »). Linear: each piece starts at
 * most MAX_GLUED readings.
 */
function variantsOf(list: Piece[], tokens: Token[], tokenOf: number[]): Variant[] {
  const variants: Variant[] = [];
  let edged: string[] | undefined;
  for (let at = 0; at < list.length; at++) {
    const piece = list[at]!;
    const first = tokenOf[at]!;
    const next = list[at + 1]?.gap;
    const glues = next !== undefined && !next.space && !next.broken;
    const hasEdges = /^[!@]|!$/.test(piece.raw);
    if (first < 0 || (!glues && !hasEdges)) continue;
    edged ??= list.map((p) => (/[!@]/.test(p.raw) ? readLeet(p.raw, true).word : squeeze(p.raw)));
    const token = tokens[first]!;
    if (hasEdges && token.start === piece.start && token.end === piece.end && edged[at] !== token.word) {
      variants.push({ word: edged[at]!, start: piece.start, end: piece.end, first, last: first, masked: false });
    }
    // Inside a run of spaced letters the plain reading has glued them already.
    if (!glues || token.start !== piece.start) continue;
    let glued = edged[at]!;
    let masked = false;
    for (let last = at + 1; last < list.length && last - at < MAX_GLUED && glued.length <= MAX_GLUED_LENGTH; last++) {
      const gap = list[last]!.gap;
      if (gap.space || gap.broken || gap.empty) break;
      masked ||= gap.mask;
      glued += (gap.mask ? '*' : '') + edged[last]!;
      const lastToken = tokenOf[last]!;
      if (lastToken > first && tokens[lastToken]!.end === list[last]!.end) {
        variants.push({ word: squeeze(glued), start: piece.start, end: list[last]!.end, first, last: lastToken, masked });
      }
    }
  }
  return variants;
}

/** The canonical words of a text, in order. */
export function canonicalWords(text: string): string[] {
  return read(text).tokens.map((t) => t.word);
}

/** Lower case, no accents, leetspeak read as letters, spaced letters joined, runs squeezed: the words joined by spaces. */
export function canonical(text: string): string {
  return canonicalWords(text).join(' ');
}

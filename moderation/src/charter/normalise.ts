/**
 * The charter compares words in one canonical spelling, so that the evasions people use to slip
 * an insult past a filter land on the same form as the word in the list:
 * « C.o.n.n.a.r.d », « c0nnard », « connnnard », « CONNARD » all become « conard ».
 */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '€': 'e', '!': 'i' };

/** Letters split by dots, dashes, stars or spaces, three or more of them: « c.o.n », « c o n ». */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}@$€][.\-_*\s]+){2,}[\p{L}\p{N}@$€](?![\p{L}\p{N}])/gu;
const SEPARATOR = /[.\-_*\s]+/g;

/** A run of letters, digits and leet symbols: the unit in which leetspeak is read. */
const TOKEN = /[\p{L}\p{N}@$€!]+/gu;
/** Numbers with a short suffix are not leetspeak: « 3e », « 1er », « 2eme », « 10h30 », « 15m2 ». */
const NUMBER_WITH_SUFFIX = /^\d+[a-z]{0,3}\d*$/;

const NON_ASCII = /[^\x00-\x7f]/;
const LEET_CHAR = /[0-9@$€!]/;

/** Lower case, no accents, leetspeak read as letters, spaced letters joined, runs squeezed. */
export function canonical(text: string): string {
  let form = text.normalize('NFKD');
  // Accents, and invisible characters slipped inside a word (zero-width space, soft hyphen).
  if (NON_ASCII.test(form)) form = form.replace(/\p{M}|\p{Cf}/gu, '').replace(/Œ|œ/g, 'oe').replace(/Æ|æ/g, 'ae');
  form = form.toLowerCase().replace(SPACED_LETTERS, joinSpacedLetters);
  if (LEET_CHAR.test(form)) form = form.replace(TOKEN, readLeet);
  return form.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * « c o n n a r d » → « connard ». French one-letter words in front of the run stay words:
 * « il y a 3 jours » is not « yae », « a c.o.n » (space, then dots) is « a con ».
 */
function joinSpacedLetters(run: string): string {
  const letters = run.split(SEPARATOR);
  const separators = run.match(SEPARATOR) ?? [];
  let kept = 0;
  while (kept < letters.length) {
    const sep = separators[kept] ?? '';
    const isSpace = /^\s+$/.test(sep);
    const yA = (letters[kept] === 'y' || (kept > 0 && letters[kept - 1] === 'y' && letters[kept] === 'a')) && isSpace;
    const wordBeforeDots = isSpace && separators[kept + 1] !== undefined && !/^\s+$/.test(separators[kept + 1] ?? '');
    if (!yA && !wordBeforeDots) break;
    kept++;
  }
  if (letters.length - kept < 3) return run;
  return [...letters.slice(0, kept), letters.slice(kept).join('')].join(' ');
}

/**
 * A digit or symbol is read as a letter only inside a word that has letters: « c0nnard »,
 * « 3ncul3 », but not « 2026 », « 3e étage » or « 10h30 »; a « ! » or « @ » at the edge of a word
 * is punctuation or a mention (« connard! », « @bailleur »), not a letter.
 */
function readLeet(token: string): string {
  if (!/[0-9@$€!]/.test(token) || !/\p{L}/u.test(token) || NUMBER_WITH_SUFFIX.test(token)) return token;
  const [, lead = '', core = '', trail = ''] = /^([!@]*)(.*?)(!*)$/su.exec(token) ?? [];
  return lead + core.replace(/[0-9@$€!]/g, (c) => LEET[c] ?? c) + trail;
}

/** The canonical words of a text, in order. */
export function canonicalWords(text: string): string[] {
  return canonical(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The charter compares words in one canonical spelling, so that the evasions people use to slip
 * an insult past a filter land on the same form as the word in the list:
 * « C.o.n.n.a.r.d », « c0nnard », « connnnard », « CONNARD » all become « conard ».
 */
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '€': 'e', '!': 'i' };

/** Letters split by dots, dashes, stars or spaces, three or more of them: « c.o.n », « c o n ». */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}@$€][.\-_*\s]+){2,}[\p{L}\p{N}@$€](?![\p{L}\p{N}])/gu;

/** Lower case, no accents, leetspeak read as letters, spaced letters joined, runs squeezed. */
export function canonical(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(SPACED_LETTERS, (run) => run.replace(/[.\-_*\s]+/g, ''))
    .replace(/[0-9@$€!]/g, (c, offset: number, whole: string) => (isInWord(whole, offset) ? (LEET[c] ?? c) : c))
    .replace(/(\p{L})\1+/gu, '$1');
}

/** A digit or symbol is read as a letter only when it touches a letter: « c0nnard », not « 2026 ». */
function isInWord(text: string, offset: number): boolean {
  const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
  return isLetter(text[offset - 1]) || isLetter(text[offset + 1]);
}

/** The canonical words of a text, in order. */
export function canonicalWords(text: string): string[] {
  return canonical(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

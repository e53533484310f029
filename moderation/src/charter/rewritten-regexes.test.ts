import { describe, expect, it } from 'vitest';
import { findLinks } from './phases/links.ts';
import { maskPersonalData } from './phases/personal-data.ts';
import { mulberry32 } from './bench.ts';

/*
 * The personal-data and link regexes were rewritten to run in linear time. Here are the former
 * ones, verbatim, run on thousands of short texts (where they are still fast): the rewritten
 * ones must find exactly the same things.
 */
const FORMER_TENANT_NUMBER_PATTERNS = [
  String.raw`\b(?:contrat|locataire|client|bail|dossier|r[ée]f[ée]rence|r[ée]f)\.?\s*(?:n[°o]\.?|num[ée]ro|#)?\s*[:.]?\s*(?:\d{2,}[\s\-/]?\d{4,}|\d{6,})`,
  String.raw`\b(?:num[ée]ro|n[°o])\.?\s*(?:de\s+|d['’]\s*)?(?:locataire|contrat|client|bail|dossier|allocataire)\s*[:.]?\s*(?:\d{2,}[\s\-/]?\d{4,}|\d{6,})`,
];
const WAYS = String.raw`rue|avenue|av\.|boulevard|bd|all[ée]e|impasse|chemin|route|quai|square|passage|faubourg|esplanade|parvis|sentier|promenade|rond-point|place(?!\s+(?:de\s+|pour\s+)?(?:parking|stationnement|libre|disponible|handicap))`;
const FORMER_DETECTORS = [
  { hint: /[a-z]{2}\d{2}/i, regex: /\b[a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,4})?\b/giu, iban: true },
  { hint: /@|\bat\b|arobase/i, regex: /[\p{L}\p{N}._%+-]+\s*(?:@|\[at\]|\(at\)|\[arobase\]|\(arobase\))\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu },
  { hint: /(?:)/, regex: new RegExp(FORMER_TENANT_NUMBER_PATTERNS.map((s) => `(?:${s})`).join('|'), 'giu') },
  { hint: /\d/, regex: /(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)/gu },
  {
    hint: /\d/,
    regex: new RegExp(String.raw`\b\d{1,4}(?:\s?(?:bis|ter|quater|[a-d]))?\s*,?\s*(?:${WAYS})\s+(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*)?[\p{L}\d][\p{L}'’-]+`, 'giu'),
  },
];
const FORMER_LINK = new RegExp(
  String.raw`\bhttps?:\/\/[^\s<>"«»]+|\bwww\.[^\s<>"«»]+|(?<![\p{L}\p{N}@.\-])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:fr|com|net|org|eu|be|ch|io|ly|gl|gd|gy|info|biz|xyz|site|online|shop|app|link|click|top|cc|tk|ru|cn|uk)\b(?:\/[^\s<>"«»]*)?`,
  'giu',
);

function isIban(found: string): boolean {
  const iban = found.replace(/[ -]/g, '').toUpperCase();
  if (/^FR\d{2}[A-Z0-9]{23}$/.test(iban)) return true;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return iban.length >= 15 && BigInt(digits) % 97n === 1n;
}

function formerMask(text: string): string {
  let out = text;
  for (const { hint, regex, iban } of FORMER_DETECTORS) {
    if (!hint.test(out)) continue;
    out = out.replace(regex, (hit) => (iban && !isIban(hit) ? hit : '[donnée masquée]'));
  }
  return out;
}

/** Pieces of personal data and links, glued at random: where the rewritten parts could differ. */
const PIECES = [
  ...['contrat', 'Contrat', 'locataire', 'réf', 'REF', 'référence', 'dossier', 'client', 'bail', 'n°', 'no', 'N°', 'numéro', 'de', "d'", 'd’', '#', ':', '.'],
  ...[' ', ' ', '  ', '\u00a0', '-', '/', ',', '_', '%', '+', 'é', 'a', 'b', 'at', 'x.y'],
  ...['1', '0', '12', '1234', '12345', '123456', '0612345678', '06 12 34 56 78', '+33', '0033', '(0)', 'FR76', 'fr76', '3000', '6000', 'DE89'],
  ...['@', '[at]', '(arobase)', 'jean', 'free', '.fr', 'rue', 'Rue', 'place', 'de la', 'parking', 'bis'],
  ...['www.', 'http://', 'bit.ly', '-x-', 'ab-cd', '.com'],
];


const random = mulberry32(7);
const TEXTS = Array.from({ length: 30_000 }, () => Array.from({ length: 1 + Math.floor(random() * 16) }, () => PIECES[Math.floor(random() * PIECES.length)]).join(''));

describe('the rewritten regexes find what the former ones found', () => {
  it('masks the same personal data', () => {
    const differ = TEXTS.filter((text) => maskPersonalData(text) !== formerMask(text));
    expect(differ.slice(0, 5).map((text) => [text, formerMask(text), maskPersonalData(text)])).toEqual([]);
  });

  it('finds the same links', () => {
    const differ = TEXTS.filter((text) => JSON.stringify(findLinks(text).map((l) => l.url)) !== JSON.stringify([...text.matchAll(FORMER_LINK)].map((m) => m[0])));
    expect(differ.slice(0, 5)).toEqual([]);
  });
});

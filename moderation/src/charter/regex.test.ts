import { describe, expect, it } from 'vitest';
import { anyOf, re2Regex, regexProblem, requiredLiteral, toRe2Syntax, v8Regex } from './regex.ts';

/** Every character that might read differently: ASCII, Latin, the Unicode spaces, a few emoji. */
const CHARACTERS = [
  ...Array.from({ length: 0x3100 }, (_, cp) => cp),
  ...Array.from({ length: 0x200 }, (_, i) => 0xfe00 + i),
  0x1f600,
  0x1f3e0,
  0x10ffff,
].map((cp) => String.fromCodePoint(cp));

describe('administrators’ patterns on re2js read as in JavaScript (flags iu)', () => {
  it.each([String.raw`\s`, String.raw`\S`, String.raw`[\s]`, String.raw`[\S]`, String.raw`[^\s]`, String.raw`[^\S]`, '.', String.raw`[\s\d]`])('%s', (source) => {
    const re2 = re2Regex(`^${source}$`);
    const v8 = v8Regex(`^${source}$`);
    expect(CHARACTERS.filter((c) => re2.test(c) !== v8.test(c)).map((c) => c.codePointAt(0)!.toString(16))).toEqual([]);
  });

  it.each<[string, string, boolean]>([
    ['prix\\s+fou', 'PRIX\u00a0FOU', true], // a no-break space, as French typography puts before « : » or « € »
    ['\\bété\\b', 'ÉTÉ', false], // \b and \w are ASCII in both
    ['^été$', 'ÉTÉ', true],
    ['\\p{Lu}\\p{L}+', 'Élodie', true],
    ['caf\\u00e9', 'CAFÉ', true],
    ['\\u{1F600}', 'a😀', true],
    ['\\uD83D\\uDE00', 'a😀', true],
    ['a[]b', 'ab', false],
    ['a[^]b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['[\\b]', '\b', true],
    ['[[:a]', '[', true],
    ['x\\cJy', 'x\ny', true],
    ['(?<prix>\\d+)\\s?€', '15 €', true],
    ['^a|b$', 'xb', true],
  ])('/%s/ on « %s »: %s', (source, text, expected) => {
    expect(re2Regex(source).test(text)).toBe(expected);
    expect(v8Regex(source).test(text)).toBe(expected);
  });

  it('translates only what differs', () => {
    expect(toRe2Syntax(String.raw`\bcodes?\s+promo\b`)).toBe(String.raw`\bcodes?[\x{9}-\x{d}\x{20}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}-\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]+promo\b`);
  });

  it('gives matches as JavaScript does, offsets in UTF-16 units', () => {
    expect(re2Regex('b+').find('😀 abb')).toEqual({ text: 'bb', index: 4 });
    expect(re2Regex(String.raw`\d+`).replaceAll('😀 12 é 345', (hit) => `<${hit.length}>`)).toBe('😀 <2> é <3>');
    expect(re2Regex('x*').replaceAll('abc', () => '!')).toBe('abc');
  });

  it('stays linear on a pattern that makes V8 backtrack for ever', () => {
    const start = performance.now();
    expect(re2Regex('(a+)+$').test(`${'a'.repeat(20_000)}!`)).toBe(false);
    expect(re2Regex('(x+x+)+y').find('x'.repeat(20_000))).toBeNull();
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('checking a pattern', () => {
  it.each(['(a)\\1', '(?<mot>a)\\k<mot>', 'a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b'])('refuses what needs backtracking: %s', (source) => {
    expect(regexProblem(source, false)).toEqual({ kind: 'unsupported' });
  });

  it.each(['[(?=]', '\\(?=', '\\\\1', '[\\\\1]', '(?:a)', '(?<nom>a)'])('accepts what only looks like it: %s', (source) => {
    expect(regexProblem(source, false)).toBeNull();
  });

  it('keeps V8’s message for invalid syntax, and gives RE2’s for what only RE2 refuses', () => {
    expect(regexProblem('(abc', false)).toEqual({ kind: 'invalid', detail: expect.stringMatching(/Unterminated group/) });
    expect(regexProblem('a{1001}', false)).toEqual({ kind: 'invalid', detail: expect.stringMatching(/invalid repeat count/) });
  });

  it('lets the built-in patterns look around', () => {
    expect(regexProblem(String.raw`(?<![\p{L}\p{N}])-\s?\d{1,2}\s?%`, true)).toBeNull();
    expect(regexProblem(String.raw`(?<![\p{L}\p{N}])-\s?\d{1,2}\s?%`, false)).toEqual({ kind: 'unsupported' });
  });
});

describe('several patterns as one', () => {
  const builtIn = new Set(['(?<![a-z])b']);
  const both = anyOf(['(?<![a-z])b', 'c+'], (s) => builtIn.has(s));

  it('finds the leftmost match of either engine', () => {
    expect(both.find('ccc b')).toEqual({ text: 'ccc', index: 0 });
    expect(both.find('b ccc')).toEqual({ text: 'b', index: 0 });
    expect(both.test('ab')).toBe(false);
    expect(both.replaceAll('b cc ab', (hit) => hit.toUpperCase())).toBe('B CC ab');
  });

  it('keeps apart patterns that cannot share one regex', () => {
    expect(anyOf(['(?<n>a)x', '(?<n>b)y'], () => false).find('zby')).toEqual({ text: 'by', index: 1 });
  });

  it('matches nothing without patterns', () => {
    expect(anyOf([], () => false).test('')).toBe(false);
  });
});

describe('the words every match of a typed pattern contains', () => {
  it.each([
    [String.raw`\bcodes?\s+promo\b`, 'promo'],
    [String.raw`\bgagne[rz]?\s+\d+`, 'gagne'],
    [String.raw`livraison\s+gratuite`, 'livraison'],
    [String.raw`(?:promo|solde)s?`, null],
    [String.raw`abc|défi`, null],
    [String.raw`\d{6,}`, null],
    [String.raw`abc+de`, 'abc'],
    [String.raw`[ée]crivez-moi`, 'crivez'],
  ])('%s → %s', (source, literal) => {
    expect(requiredLiteral(source)).toBe(literal);
  });

  it('finds the same matches with and without the look for those words', () => {
    const regex = anyOf([String.raw`\bcodes?\s+promo\b`, String.raw`\bje\s+vends\b`], () => false);
    expect(regex.test('Voici un CODE PROMO')).toBe(true);
    expect(regex.find('bonjour, je vends un canapé')).toEqual({ text: 'je vends', index: 9 });
    expect(regex.test('Le code de la porte ne marche plus')).toBe(false);
  });
});

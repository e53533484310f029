import { describe, expect, it } from 'vitest';
import { WordMatcher, matchKey, matchKeys } from './matcher.ts';

const terms = ['con', 'connard', 'pute', 'fils de pute', 'nique ta mère', 'ta mère', 'sale arabe', 'enculé'];
const matcher = new WordMatcher(terms.map((term) => ({ term, value: term })));
const found = (text: string) => matcher.findAll(matchKeys(text)).map((h) => h.term);

describe('whole words only', () => {
  it.each([
    ['Je suis très content du gardien'],
    ['Mon contrat de location'],
    ['Un quartier réputé calme'],
    ['Le député est passé'],
    ['Il faut consulter le règlement'],
    ['Une computer'],
  ])('« %s » matches nothing', (text) => {
    expect(found(text)).toEqual([]);
  });

  it.each([
    ['Quel con', ['con']],
    ['Espèce de connard', ['connard']],
    ['Bande de CONNARDS', ['connard']],
    ['sales arabes', ['sale arabe']],
    ['Enculés !', ['enculé']],
  ])('« %s » matches %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('evasions land on the listed word', () => {
  it.each(['c.o.n.n.a.r.d', 'c0nnard', 'connnnard', 'C O N N A R D', 'CoNnArD', 'c-o-n-n-a-r-d'])('« %s »', (spelling) => {
    expect(found(`t'es un ${spelling} !`)).toEqual(['connard']);
  });
});

describe('multi-word terms', () => {
  it('finds overlapping terms and the shorter ones inside them', () => {
    expect(found('Nique ta mère, fils de pute')).toEqual(['nique ta mère', 'ta mère', 'fils de pute', 'pute']);
  });

  it('finds a term that starts inside a failed longer one (failure links)', () => {
    expect(found('nique ta tête, ta mère')).toEqual(['ta mère']);
  });

  it('catches the glued spelling of a multi-word term', () => {
    expect(found('filsdepute')).toEqual(['fils de pute']);
    expect(found('fils-de-pute')).toEqual(['fils de pute', 'pute']);
  });

  it('reports word positions', () => {
    const [hit] = new WordMatcher([{ term: 'nique ta mère', value: 1 }]).findAll(matchKeys('va nique ta mère'));
    expect(hit).toMatchObject({ value: 1, start: 1, end: 4 });
  });
});

describe('building', () => {
  it('keeps one entry per listed term and rule, even when two rules share a term', () => {
    const shared = new WordMatcher([
      { term: 'fdp', value: 'insultes' },
      { term: 'FDP', value: 'grossieretes' },
    ]);
    expect(shared.findAll(matchKeys('fdp')).map((h) => h.value)).toEqual(['insultes', 'grossieretes']);
  });

  it('refuses a term with no letters or digits', () => {
    expect(() => new WordMatcher([{ term: ' !!! ', value: 0 }])).toThrow(/terme vide/);
  });

  it('holds a large dictionary and still finds the one term in the text', () => {
    // Synthetic words made of distinct syllables, so that no two collapse to one canonical form.
    const syllables = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'je', 'ki', 'lo', 'mu'];
    const name = (i: number) => [...String(i)].map((d) => syllables[Number(d)]).join('');
    const big = new WordMatcher(Array.from({ length: 50_000 }, (_, i) => ({ term: `${name(i)} pas`, value: i })));
    expect(big.size).toBe(100_000); // each two-word term is also listed glued
    expect(big.findAll(matchKeys(`un ${name(4321)} pas de plus, ${name(77)}pas`))).toMatchObject([
      { value: 4321, start: 1, end: 3 },
      { value: 77, start: 5, end: 6 },
    ]);
  });
});

describe('keys: plural, feminine and the hard « c » sound folded', () => {
  it.each([
    ['connards', 'konard'],
    ['sociaux', 'sociau'],
    ['pds', 'pds'],
    ['cas', 'kas'],
    ['rats', 'rat'],
    ['connardes', 'konard'],
    ['enculees', 'enkul'],
    ['quelque', 'kelk'],
    ['phoque', 'foke'],
    ['face', 'face'],
  ])('%s → %s', (word, key) => {
    expect(matchKey(word)).toBe(key);
  });
});

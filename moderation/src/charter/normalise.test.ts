import { describe, expect, it } from 'vitest';
import { canonical, canonicalWords } from './normalise.ts';

describe('canonical spelling of a word', () => {
  it.each([
    ['connard'],
    ['CONNARD'],
    ['c.o.n.n.a.r.d'],
    ['c o n n a r d'],
    ['c-o-n-n-a-r-d'],
    ['c0nnard'],
    ['connnnard'],
    ['Cönnärd'],
    ['c0nn4rd'],
    ['con\u200bnard'],
    ['con\u00adnard'],
  ])('« %s » reads as the listed word', (spelling) => {
    expect(canonical(spelling)).toBe(canonical('connard'));
  });

  it('keeps numbers that are not hidden letters', () => {
    expect(canonicalWords('Bâtiment 3, 2e étage, depuis 2026')).toEqual(['batiment', '3', '2e', 'etage', 'depuis', '2026']);
  });

  it('does not glue ordinary short words together', () => {
    expect(canonicalWords('il y a une fuite')).toEqual(['il', 'y', 'a', 'une', 'fuite']);
  });

  it('folds accents and ligatures the way tenants type them', () => {
    expect(canonical('Cœur Élévé')).toBe(canonical('coeur eleve'));
  });
});

describe('punctuation and numbers are not leetspeak', () => {
  it.each([
    ['Espèce de connard!', ['espece', 'de', 'conard']],
    ["C'est nul !!", ['c', 'est', 'nul']],
    ['@bailleur merci', ['baileur', 'merci']],
    ['3e étage, 1er lot, rendez-vous à 10h30', ['3e', 'etage', '1er', 'lot', 'rendez', 'vous', 'a', '10h30']],
  ])('« %s »', (text, words) => {
    expect(canonicalWords(text)).toEqual(words);
  });

  it('still reads digits inside a word as letters', () => {
    expect(canonicalWords('3ncul3 et 5al0pe')).toEqual(['encule', 'et', 'salope']);
  });
});

describe('French one-letter words in front of spaced letters', () => {
  it('does not glue « il y a 3 jours »', () => {
    expect(canonicalWords('il y a 3 jours')).toEqual(['il', 'y', 'a', '3', 'jours']);
  });

  it('joins the spaced word after « y a » or a word followed by dots', () => {
    expect(canonicalWords('y a c.o.n.n.a.r.d')).toEqual(['y', 'a', 'conard']);
    expect(canonicalWords('a c.o.n.n.a.r.d')).toEqual(['a', 'conard']);
    expect(canonicalWords('un vrai a b r u t i')).toEqual(['un', 'vrai', 'abruti']);
  });
});

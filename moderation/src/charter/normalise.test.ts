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

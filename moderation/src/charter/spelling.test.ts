import { describe, expect, it } from 'vitest';
import { findSpelling } from './spelling.ts';

describe('the spelling shown to the moderator', () => {
  it.each([
    ['Espèce de c.o.n.n.a.r.d !', 'connard', 'c.o.n.n.a.r.d'],
    ['T’es un c0nnard', 'connard', 'c0nnard'],
    ['CONNNNARD', 'connard', 'CONNNNARD'],
    ['Bande de Connards', 'connard', 'Connards'],
    ['Enculé va', 'encule', 'Enculé'],
    ['fils  de   pute', 'fils de pute', 'fils  de   pute'],
  ])('in « %s », « %s » was written « %s »', (text, term, written) => {
    expect(findSpelling(text, term)).toBe(written);
  });

  it('gives up rather than guess when the term is not there as written', () => {
    expect(findSpelling('un contrat', 'con')).toBeUndefined();
  });
});

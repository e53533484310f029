import { describe, expect, it } from 'vitest';
import { formError, readToken, safeReturnPath } from './forms.ts';

describe('safeReturnPath', () => {
  it.each([
    ['/chantiers/les-tilleuls', '/chantiers/les-tilleuls'],
    ['/newsletters', '/newsletters'],
    [undefined, '/'],
    ['//evil.example/x', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/a?b=c', '/'],
    ['javascript:alert(1)', '/'],
  ])('%j → %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });
});

describe('formError', () => {
  it('names the input the CMS field belongs to', () => {
    expect(formError({ message: 'm', field: 'email' })).toEqual({ message: 'm', field: 'email' });
    expect(formError({ message: 'm', field: 'frequency' })).toEqual({ message: 'm', field: 'frequence' });
    expect(formError({ message: 'm', field: 'confirm' })).toEqual({ message: 'm', field: 'confirmer' });
    expect(formError({ message: 'm', field: null })).toEqual({ message: 'm', field: null });
  });
});

describe('readToken', () => {
  it('keeps a plausible token only', () => {
    expect(readToken('abc.def')).toBe('abc.def');
    expect(readToken(null)).toBe('');
    expect(readToken('x'.repeat(1001))).toBe('');
  });
});

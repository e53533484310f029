import { describe, expect, it } from 'vitest';
import { pageHref, requestedPage } from './pagination.ts';

describe('requestedPage', () => {
  it.each([
    ['', 1],
    ['?page=3', 3],
    ['?page=0', null],
    ['?page=-1', null],
    ['?page=2abc', null],
    ['?page=99999999', null],
  ])('%s → %s', (search, page) => {
    expect(requestedPage(new URL(`http://x/actualites${search}`))).toBe(page);
  });
  it('links page 1 without a query', () => {
    expect(pageHref('/actualites', 1)).toBe('/actualites');
    expect(pageHref('/actualites', 2)).toBe('/actualites?page=2');
  });
});

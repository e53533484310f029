import { describe, expect, it } from 'vitest';
import { ByteBudgetCache, cacheKey, canonicalPath } from './page-cache.ts';

const page = (size: number) => ({ status: 200, headers: [] as [string, string][], body: new Uint8Array(size) });

describe('cacheKey', () => {
  it('ignores the order of query parameters', () => {
    expect(cacheKey(new URL('http://x/actualites?page=2&a=1'))).toBe(cacheKey(new URL('http://x/actualites?a=1&page=2')));
  });
  it('keeps different pages apart', () => {
    expect(cacheKey(new URL('http://x/actualites?page=2'))).not.toBe(cacheKey(new URL('http://x/actualites')));
    expect(cacheKey(new URL('http://x/actualites'))).toBe('/actualites');
  });
});

describe('cacheKey and unknown parameters', () => {
  it('leaves unknown parameters out of the key', () => {
    expect(cacheKey(new URL('http://x/actualites?x=1'))).toBe('/actualites');
    expect(cacheKey(new URL('http://x/actualites?utm_source=lettre&page=2'))).toBe('/actualites?page=2');
  });
  it('keeps nothing for a search, a personal link or a value no link gives', () => {
    for (const address of ['/recherche?q=ascenseur', '/suivi?reference=ABC', '/actualites?page=abc', '/actualites?page=1&page=2', '/articles/a?commentaire=zzz']) {
      expect(cacheKey(new URL(`http://x${address}`)), address).toBeNull();
    }
    expect(cacheKey(new URL('http://x/articles/a?commentaire=merci'))).toBe('/articles/a?commentaire=merci');
  });
  it('gives the canonical address without unknown parameters', () => {
    expect(canonicalPath(new URL('http://x/recherche?x=1&q=eau'))).toBe('/recherche?q=eau');
    expect(canonicalPath(new URL('http://x/?fbclid=1'))).toBe('/');
  });
});

describe('ByteBudgetCache', () => {
  it('drops the least recently used pages once over budget', () => {
    const cache = new ByteBudgetCache(100);
    cache.set('/a', page(40));
    cache.set('/b', page(40));
    cache.get('/a');
    cache.set('/c', page(40));
    expect(cache.get('/b')).toBeUndefined();
    expect(cache.get('/a')).toBeDefined();
    expect(cache.get('/c')).toBeDefined();
  });
  it('refuses a page larger than the whole budget and forgets everything on clear', () => {
    const cache = new ByteBudgetCache(100);
    cache.set('/big', page(101));
    expect(cache.get('/big')).toBeUndefined();
    cache.set('/a', page(10));
    cache.clear();
    expect(cache.size).toBe(0);
  });
  it('counts a replaced page once', () => {
    const cache = new ByteBudgetCache(100);
    cache.set('/a', page(60));
    cache.set('/a', page(60));
    cache.set('/b', page(40));
    expect(cache.get('/a')).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import { findLinks, linksPhase } from './links.ts';
import { rule, run } from './test-support.ts';

const links = rule('liens', { kind: 'links', maxLinks: 2, blockedDomains: ['bit.ly', 'tinyurl.com'] });
const allowedOnly = rule('liens-autorises', { kind: 'links', allowedDomains: ['mon-bailleur.fr', 'service-public.fr'] });
const reasons = (text: string, rules = [links]) => run(linksPhase, rules, text).matches?.map((m) => m.reason) ?? [];

describe('finding links', () => {
  it.each([
    ['https://www.Mon-Bailleur.fr/actualites?id=3', 'mon-bailleur.fr'],
    ['http://exemple.com:8080/page', 'exemple.com'],
    ['www.exemple.org', 'exemple.org'],
    ['voir bit.ly/3xYz', 'bit.ly'],
    ['sur arnaque.fr.', 'arnaque.fr'],
  ])('« %s » → %s', (text, host) => {
    expect(findLinks(text).map((l) => l.host)).toEqual([host]);
  });

  it.each(['jean@free.fr', "C'est nul.Me voilà bien", 'M.Dupont au 3.5', 'le bât.B'])('no link in « %s »', (text) => {
    expect(findLinks(text)).toEqual([]);
  });
});

describe('links phase', () => {
  it('holds more links than allowed', () => {
    expect(reasons('https://a.fr https://b.fr https://c.fr')).toEqual(['3 liens (maximum 2)']);
  });

  it('lets two ordinary links through', () => {
    expect(reasons('https://a.fr et https://b.fr')).toEqual([]);
  });

  it.each(['https://bit.ly/3xYz', 'https://www.bit.ly/3xYz', 'tinyurl.com/abc', 'https://x.tinyurl.com/abc'])('holds a link to a blocked domain: %s', (text) => {
    expect(reasons(`Regardez ${text}`)[0]).toMatch(/^lien vers un domaine bloqué : (bit\.ly|tinyurl\.com|x\.tinyurl\.com)$/);
  });

  it('does not take a domain that merely ends the same way for a blocked one', () => {
    expect(reasons('https://rabbit.ly/x')).toEqual([]);
  });

  it('with allowedDomains, holds any other domain', () => {
    expect(reasons('https://www.mon-bailleur.fr/a et https://demarches.service-public.fr', [allowedOnly])).toEqual([]);
    expect(reasons('https://mon-bailleur.fr.arnaque.com/login', [allowedOnly])).toEqual(['lien vers un domaine non autorisé : mon-bailleur.fr.arnaque.com']);
  });

  it('gives all the reasons of a rule in one match', () => {
    expect(reasons('bit.ly/a bit.ly/b https://c.fr')).toEqual(['3 liens (maximum 2) ; lien vers un domaine bloqué : bit.ly']);
  });
});

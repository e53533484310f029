import { describe, expect, it } from 'vitest';
import { buildRss, escapeXml } from './feeds.ts';
import { buildSitemap } from './sitemap.ts';

describe('buildRss', () => {
  const xml = buildRss({
    title: 'Habitat — tout',
    description: 'Actualités & chantiers',
    link: 'https://bailleur.example/',
    selfLink: 'https://bailleur.example/rss.xml',
    items: [
      { title: 'Travaux <façades> « Les Tilleuls »', link: 'https://bailleur.example/articles/a?x=1&y=2', description: 'Début le 3 décembre', pubDate: '2026-11-20T09:00:00.000Z', categories: ['Réhabilitation'] },
    ],
  });
  it('escapes titles and links', () => {
    expect(xml).toContain('<title>Travaux &lt;façades&gt; « Les Tilleuls »</title>');
    expect(xml).toContain('<link>https://bailleur.example/articles/a?x=1&amp;y=2</link>');
    expect(xml).toContain('<description>Actualités &amp; chantiers</description>');
  });
  it('dates items in RFC 822 and announces French', () => {
    expect(xml).toContain('<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>');
    expect(xml).toContain('<language>fr-FR</language>');
    expect(xml).toContain('<category>Réhabilitation</category>');
  });
});

describe('escapeXml', () => {
  it('removes control characters that would make the feed invalid', () => {
    expect(escapeXml('a\u0001b\u000bc')).toBe('abc');
  });
});

describe('buildSitemap', () => {
  it('lists each URL with its day of last change', () => {
    const xml = buildSitemap([{ loc: 'https://b.example/chantiers/a', lastmod: '2026-11-02T10:00:00.000Z' }, { loc: 'https://b.example/' }]);
    expect(xml).toContain('<url><loc>https://b.example/chantiers/a</loc><lastmod>2026-11-02</lastmod></url>');
    expect(xml).toContain('<url><loc>https://b.example/</loc></url>');
  });
});

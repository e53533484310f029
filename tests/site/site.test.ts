import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { cmsRequest, fullAccessToken } from '../support/cms-admin.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { eventually } from '../support/wait.ts';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

async function get(path: string) {
  const res = await fetch(hub.siteUrl + path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', cache: res.headers.get('x-cache'), text: await res.text() };
}

const content = demoContent;
const rehab = content.worksites.find((w) => w.kind === 'rehabilitation' && w.status === 'en_cours')!;
const article = content.articles.find((a) => a.worksite)!;
const newsletter = content.newsletters[0]!;
const tag = content.tags.find((t) => content.articles.some((a) => a.tags.includes(t.slug)))!;

/** Apostrophes and quotes are HTML-escaped in pages: compare on a plain fragment. */
const fragment = (text: string) => text.replace(/['’"«»&<>].*$/, '').trim().slice(0, 40);

describe('the public site shows the seeded content', () => {
  it.each([
    ['/', 'Chantiers en cours', rehab.name],
    ['/actualites', 'Actualités', fragment(content.articles.find((a) => a.rubrique === 'actualites')!.title)],
    ['/rehabilitation', 'Réhabilitation', ''],
    ['/construction', 'Construction', ''],
    ['/chantiers', 'Chantiers', rehab.name],
    [`/chantiers/${rehab.slug}`, 'Les étapes', fragment(rehab.phases[0]!.name)],
    [`/articles/${article.slug}`, 'Partager cet article', fragment(article.title)],
    [`/tags/${tag.slug}`, 'Étiquette', fragment(tag.name)],
    ['/newsletters', 'Lettres d’information', fragment(newsletter.title)],
    [`/newsletters/${newsletter.slug}`, 'Au sommaire', fragment(newsletter.title)],
    ['/charte', 'Charte', ''],
    ['/mentions-legales', 'Mentions', ''],
    ['/accessibilite', 'ccessibilit', ''],
    ['/confidentialite', 'onnées', ''],
  ])('%s', async (path, heading, seeded) => {
    const page = await get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr"');
    expect(page.text).toContain('Aller au contenu');
    expect(page.text).toContain(heading);
    expect(page.text).toContain(seeded);
  });

  it('shows progress, phases and upcoming nuisances on a worksite', async () => {
    const page = await get(`/chantiers/${rehab.slug}`);
    expect(page.text).toContain(`aria-valuenow="${rehab.progress}"`);
    expect(page.text).toContain('Gênes prévues');
    for (const phase of rehab.phases) expect(page.text).toContain(fragment(phase.name));
  });

  it('gives articles plain share links and no third-party script', async () => {
    const page = await get(`/articles/${article.slug}`);
    expect(page.text).toContain('https://www.facebook.com/sharer/sharer.php?u=');
    expect(page.text).toContain('https://x.com/intent/post?url=');
    expect(page.text).toContain('mailto:?subject=');
    expect(page.text).toContain('Copier le lien');
    expect(page.text).not.toMatch(/<script[^>]+src="https?:/);
  });

  it('paginates a rubrique and answers 404 past the last page', async () => {
    const count = content.articles.filter((a) => a.rubrique === 'actualites').length;
    expect((await get('/actualites?page=1')).status).toBe(200);
    expect((await get(`/actualites?page=${count + 5}`)).status).toBe(404);
  });

  it('finds articles and worksites', async () => {
    const page = await get(`/recherche?q=${encodeURIComponent(rehab.residence)}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/\d+ résultats? pour/);
    expect(page.text).toContain(rehab.name);
  });

  it('publishes RSS feeds, a sitemap and robots.txt', async () => {
    const all = await get('/rss.xml');
    expect(all.type).toContain('application/rss+xml');
    expect(all.text.match(/<item>/g)?.length).toBeGreaterThanOrEqual(12);
    const rubrique = await get('/rss/rehabilitation.xml');
    expect(rubrique.text).toContain('<category>Réhabilitation</category>');
    expect(rubrique.text).not.toContain('<category>Actualités</category>');
    const worksite = await get(`/chantiers/${rehab.slug}/rss.xml`);
    expect(worksite.text).toContain('<item>');
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.text).toContain(`/chantiers/${rehab.slug}</loc>`);
    expect(sitemap.text.match(/<url>/g)?.length).toBeGreaterThanOrEqual(11 + 3 + 12 + 2);
    expect((await get('/robots.txt')).text).toContain('Sitemap:');
  });

  it('answers unknown pages with the French 404 page', async () => {
    for (const path of ['/articles/nexiste-pas', '/chantiers/nexiste-pas', '/tags/nexiste-pas', '/pas-une-page', '/rss/autre.xml']) {
      const page = await get(path);
      expect(page.status, path).toBe(404);
      expect(page.text, path).toContain('Page introuvable');
    }
  });

  it('serves the CMS images from its own origin', async () => {
    const page = await get(`/articles/${article.slug}`);
    const src = /<img[^>]+src="(\/uploads\/[^"]+)"/.exec(page.text)?.[1];
    expect(src).toBeDefined();
    const image = await fetch(hub.siteUrl + src);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
  });
});

describe('the site cache follows the CMS', () => {
  it('serves a page from its cache the second time', async () => {
    await get('/chantiers');
    expect((await get('/chantiers')).cache).toBe('HIT');
  });

  it('refuses an unsigned change notice and keeps its cache', async () => {
    const res = await fetch(`${hub.siteUrl}/api/revalidate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/Signature/);
    expect((await get('/chantiers')).cache).toBe('HIT');
  });

  it('shows an article published in the CMS within 2 s', async () => {
    const token = await fullAccessToken(hub);
    await get('/actualites');
    expect((await get('/actualites')).cache).toBe('HIT');
    const title = `Réunion publique aux Tilleuls ${Date.now()}`;
    await cmsRequest(hub, token, 'POST', 'articles?status=published', {
      data: { title, slug: `reunion-${Date.now()}`, excerpt: 'Venez nombreux.', rubrique: 'actualites', commentsOpen: true },
    });
    const { elapsedMs } = await eventually(async () => ((await get('/actualites')).text.includes(title) ? true : undefined), 2000);
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('reuses its data on a second start: nothing seeded twice, the site token still valid', async () => {
    const count = async (type: string) => {
      const res = await fetch(`${hub.cmsUrl}/api/${type}?pagination[pageSize]=1`, { headers: { authorization: `Bearer ${hub.secrets.SITE_API_TOKEN}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { meta: { pagination: { total: number } } }).meta.pagination.total;
    };
    const before = { articles: await count('articles'), worksites: await count('worksites'), pages: await count('pages') };
    await hub.restartCms();
    expect({ articles: await count('articles'), worksites: await count('worksites'), pages: await count('pages') }).toEqual(before);
    expect(before.worksites).toBe(content.worksites.length);
  });

  it('refuses the Content API without the site token', async () => {
    expect((await fetch(`${hub.cmsUrl}/api/articles`)).status).toBe(403);
  });

  it('keeps serving cached pages when the CMS is down, and says so in French for the others', async () => {
    await get(`/chantiers/${rehab.slug}`);
    await hub.stopCms();
    const cached = await get(`/chantiers/${rehab.slug}`);
    expect(cached.status).toBe(200);
    expect(cached.cache).toBe('HIT');
    const uncached = await get('/recherche?q=ascenseur');
    expect(uncached.status).toBe(500);
    expect(uncached.text).toContain('momentanément indisponible');
    expect((await get('/robots.txt')).status).toBe(200);
  });
});

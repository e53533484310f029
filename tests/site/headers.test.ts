import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { fullAccessToken } from '../support/cms-admin.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { eventually } from '../support/wait.ts';

/**
 * The security headers on every answer of the site, GET and HEAD alike, and no inline style or
 * script left in the pages. The site is told its public address is https, as in production.
 */
let hub: TestHub;
let upload = '';
let stylesheet = '';

const article = demoContent.articles.find((a) => a.worksite)!;
const worksite = demoContent.worksites[0]!;

beforeAll(async () => {
  hub = await startTestHub({ siteEnv: { PUBLIC_SITE_URL: 'https://www.habitat-exemple.fr' } });
  const page = await (await fetch(`${hub.siteUrl}/articles/${article.slug}`)).text();
  upload = /<img[^>]+src="(\/uploads\/[^"]+)"/.exec(page)?.[1] ?? '';
  stylesheet = /<link[^>]+href="(\/_astro\/[^"]+\.css)"/.exec(page)?.[1] ?? '';
});
afterAll(async () => {
  await hub?.stop();
});

function expectSecurityHeaders(res: Response, what: string) {
  const h = res.headers;
  const csp = h.get('content-security-policy') ?? '';
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, `${what}: CSP frame-ancestors`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP script-src`).toMatch(/script-src 'self'(;|$)/);
  expect(csp, `${what}: CSP style-src`).toMatch(/style-src 'self'(;|$)/);
  expect(csp, `${what}: no unsafe-inline`).not.toContain('unsafe-inline');
  expect(h.get('strict-transport-security'), `${what}: HSTS`).toMatch(/^max-age=\d{7,}/);
  expect(h.get('x-content-type-options'), `${what}: nosniff`).toBe('nosniff');
  expect(h.get('referrer-policy'), `${what}: Referrer-Policy`).toMatch(/^(strict-origin-when-cross-origin|same-origin|no-referrer)$/);
  expect(h.get('permissions-policy'), `${what}: Permissions-Policy`).toContain('camera=()');
  expect(h.get('cross-origin-opener-policy'), `${what}: COOP`).toBe('same-origin');
}

const paths = (): [string, string][] => [
  ['home', '/'],
  ['article', `/articles/${article.slug}`],
  ['worksite', `/chantiers/${worksite.slug}`],
  ['rubrique', '/actualites'],
  ['search', '/recherche?q=fenêtres'],
  ['contact', '/contact'],
  ['suivi', '/suivi'],
  ['my data', '/mes-donnees'],
  ['404', '/pas-une-page'],
  ['RSS', '/rss.xml'],
  ['revalidate', '/api/revalidate'],
  ['upload', upload],
  ['stylesheet', stylesheet],
  ['script', '/js/copy-link.js'],
  ['favicon', '/favicon.svg'],
];

const FILES = ['RSS', 'revalidate', 'upload', 'stylesheet', 'script', 'favicon'];

describe('security headers', () => {
  it('finds an image and a stylesheet to check', () => {
    expect(upload).toMatch(/^\/uploads\//);
    expect(stylesheet).toMatch(/^\/_astro\//);
  });

  it('sends them on GET and HEAD for every kind of page', async () => {
    for (const [what, path] of paths()) {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetch(hub.siteUrl + path, { method, redirect: 'manual' });
        await res.arrayBuffer();
        expectSecurityHeaders(res, `${method} ${what} (${res.status})`);
      }
    }
  });

  it('lets browsers keep the hashed build files for a year, and only those', async () => {
    expect((await fetch(hub.siteUrl + stylesheet)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${hub.siteUrl}/js/copy-link.js`)).headers.get('cache-control') ?? '').not.toContain('immutable');
  });

  it('sends them on answers to other methods', async () => {
    const notice = await fetch(`${hub.siteUrl}/api/revalidate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(notice.status).toBe(401);
    expectSecurityHeaders(notice, 'POST /api/revalidate');
    const contact = await fetch(`${hub.siteUrl}/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl },
      body: 'nom=&message=',
      redirect: 'manual',
    });
    await contact.arrayBuffer();
    expectSecurityHeaders(contact, `POST /contact (${contact.status})`);
    const crossSite = await fetch(`${hub.siteUrl}/contact`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://ailleurs.example' }, body: 'a=b' });
    expect(crossSite.status).toBe(403);
    expectSecurityHeaders(crossSite, 'cross-site POST');
  });

  it('leaves no inline style nor inline script in the pages', async () => {
    for (const [what, path] of paths().filter(([w]) => !FILES.includes(w))) {
      const html = await (await fetch(hub.siteUrl + path)).text();
      expect(html, what).toContain('<html lang="fr"');
      expect(html, `${what}: <style>`).not.toMatch(/<style[\s>]/i);
      expect(html, `${what}: style=`).not.toMatch(/\sstyle\s*=/i);
      expect(html, `${what}: inline <script>`).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
      expect(html, `${what}: on…= handler`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    }
  });
});

describe('media proxied from the CMS', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

  it('stops serving a media item deleted in the CMS', async () => {
    const token = await fullAccessToken(hub);
    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), `a-supprimer-${Date.now()}.png`);
    const uploaded = await fetch(`${hub.cmsUrl}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status).toBe(201);
    const [file] = (await uploaded.json()) as { id: number; url: string }[];
    const served = await fetch(hub.siteUrl + file!.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(hub.siteUrl + file!.url)).status).toBe(200);
    const deleted = await fetch(`${hub.cmsUrl}/api/upload/files/${file!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(deleted.ok).toBe(true);
    expect((await fetch(`${hub.cmsUrl}${file!.url}`)).status).toBe(404);
    const gone = await eventually(async () => ((await fetch(hub.siteUrl + file!.url)).status === 404 ? true : undefined), 15_000, 250);
    expect(gone.value).toBe(true);
  }, 30_000);
});

describe('while the CMS is down', () => {
  it('still serves kept images, and sends the headers with the « indisponible » page', async () => {
    expect((await fetch(hub.siteUrl + upload)).status).toBe(200);
    await hub.stopCms();
    const image = await fetch(hub.siteUrl + upload);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    const page = await fetch(`${hub.siteUrl}/recherche?q=ascenseur`);
    expect(page.status).toBe(500);
    expect(await page.text()).toContain('momentanément indisponible');
    expectSecurityHeaders(page, 'GET 500');
  });
});

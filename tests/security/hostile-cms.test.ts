import type { Knex } from 'knex';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { addSubscribers, adminSession, panel, sendFinished } from '../newsletters/helpers.ts';
import { cmsDatabase, subscriptionFormFields } from '../subscriptions/helpers.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.ts';
import { cmsRequest, fullAccessToken } from '../support/cms-admin.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp.ts';
import { tagOf, VECTORS } from './vectors.ts';
import { watch } from './watch.ts';

/**
 * The hostile corpus where the communication team and the visitors write, not the moderation
 * queue: an author's article (title, excerpt, rich text, image alternative text) on the site's
 * pages, its RSS feeds and the alert e-mails; every site form a visitor posts (subscriptions,
 * preferences link, contact, comment, /suivi, search); a newsletter as its subscriber receives it.
 * Every view is opened in Chromium with a watcher: no dialog, no console error, no page error, no
 * CSP violation, the marker never called.
 */
let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;
let browser: Browser;
let token: string;

/** The site believes X-Forwarded-For from 127.0.0.1 (as behind the landlord's proxy): each post is its own visitor, no rate limit in the way. */
const PROXY = '127.0.0.1';
const article = demoContent.articles.find((a) => a.commentsOpen)!;
const ALERT_TO = 'alerte-hostile0@exemple.fr';
const LETTER_TO = 'lettre-hostile0@exemple.fr';

/** Every input that carried vectors, and every view the vectors were looked at in (filled as the tests run). */
const inputs = new Map<string, number>();
const views = new Set<string>();
const carried = (input: string, count: number) => inputs.set(input, (inputs.get(input) ?? 0) + count);

const P = (i: number) => VECTORS[i]!.payload;
const tagged = (i: number) => `${tagOf(i)} ${P(i)}`;
const byId = (id: string) => VECTORS.findIndex((v) => v.payload.includes(`'${id}'`));
/** As an HTML page reads it back: CR LF → LF, NUL dropped by the parser. */
// eslint-disable-next-line no-control-regex -- the NUL the HTML parser drops is the point.
const asParsed = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\u0000/g, '');
/** Vectors whose text must read back exactly, in any field or page. */
// eslint-disable-next-line no-control-regex -- control characters are what is excluded.
const plain = (i: number) => !/[<\r\n\u0000]/.test(P(i)) && P(i).trim() === P(i) && !/\s{2}/.test(P(i));

/** Three of each family: the vectors of the article titles (a title is at most 160 characters). */
const TITLE_VECTORS = [...new Set(VECTORS.map((v) => v.family))].flatMap((family) =>
  VECTORS.map((v, i) => ({ v, i })).filter(({ v }) => v.family === family).slice(0, 3).map(({ i }) => i),
);
/** The vectors each site form is also opened with in Chromium: one in six, plus the attribute and element breakouts. */
const FORM_SAMPLE = [...new Set([...VECTORS.map((_, i) => i).filter((i) => i % 6 === 0), byId('s6'), byId('s7'), byId('s9'), byId('s10'), byId('h18'), byId('h19'), byId('b7'), byId('x6')])].sort((a, b) => a - b);

/** Elements and attributes that only a stranger's markup would have brought. */
const INJECTED = 'img[src="x"], [onerror], [onload], [onfocus], [onmouseover], [onclick], [ontoggle], [onbegin], [onstart], script:not([src]), iframe, object, embed, base, meta[http-equiv], form[action^="javascript" i], a[href^="javascript" i], a[href^="data:" i]';

/** A watched page; `check(label)` returns what went wrong since the last check, labelled, plus injected elements. */
async function watchedPage() {
  const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage();
  const problems = await watch(page, { refusalPages: true, drain: true });
  const check = async (label: string) => {
    await page.waitForTimeout(50);
    const found = await problems();
    const injected = await page.locator(INJECTED).count().catch(() => 0);
    return [...found, ...(injected ? [`${injected} injected element(s)`] : [])].map((p) => `${label}: ${p}`);
  };
  return { page, check };
}

/** Up to `width` calls of `task` at a time, in order of `items`. */
async function pool<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const k = next++;
        results[k] = await task(items[k]!);
      }
    }),
  );
  return results;
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({
    cmsEnv: { SMTP_URL: smtp.url, SUBSCRIBE_LIMIT_PER_IP: '100000', NEWSLETTER_RATE_PER_SECOND: '200' },
    siteEnv: { SITE_TRUSTED_PROXIES: PROXY },
  });
  db = cmsDatabase(hub);
  await addSubscribers(db, { count: 1, prefix: 'alerte-hostile', topic: 'rubrique:actualites' });
  await addSubscribers(db, { count: 1, prefix: 'lettre-hostile', topic: 'newsletter' });
  token = await fullAccessToken(hub);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

/** An e-mail's HTML part, opened as a mail reader without a CSP would show it. */
async function openMail(page: Page, mail: ReceivedMail) {
  await page.unroute('http://courriel.test/**');
  await page.route('http://courriel.test/**', (route) =>
    route.request().url() === 'http://courriel.test/' ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: String(mail.parsed.html) }) : route.fulfill({ status: 204 }),
  );
  await page.goto('http://courriel.test/');
}

describe('hostile content written in the CMS', () => {
  const MAIN = 'article-piege';
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const ALT_VECTORS = [...new Set([byId('s9'), byId('s10'), byId('h18'), byId('h19'), byId('b7'), byId('s6'), byId('h1'), byId('c9'), ...VECTORS.map((_, i) => i).filter((i) => VECTORS[i]!.family === 'brokenMarkup')])];
  const altText = ALT_VECTORS.map(tagged).join(' ');
  const titleOf = (i: number) => tagged(i).slice(0, 160);
  const excerptOf = (i: number) => tagged((i + 1) % VECTORS.length).slice(0, 300);
  let uploaded: Record<string, unknown> = {};

  it('the watcher itself catches a dialog, a marker call, a page error and injected markup (self-check)', async () => {
    const { page, check } = await watchedPage();
    await page.goto(`data:text/html,<img src=x><script>alert(1);window.__pwned('self');throw new Error('x')</script>`);
    const found = await check('self');
    expect(found.some((p) => p.includes('dialog'))).toBe(true);
    expect(found.some((p) => p.includes('pageerror'))).toBe(true);
    expect(found).toContain('self: executed self');
    expect(found.some((p) => p.includes('injected'))).toBe(true);
    await page.context().close();
  });

  it('the CMS refuses a javascript: link from an author', async () => {
    const body = [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'lien' }] }] }];
    await expect(cmsRequest(hub, token, 'POST', 'articles?status=published', { data: { title: 'Lien piégé', slug: 'lien-piege', rubrique: 'actualites', body } })).rejects.toThrow(/: 400 /);
  });

  it('an author publishes articles whose every field carries vectors', async () => {
    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), 'image-piegee.png');
    form.append('fileInfo', JSON.stringify({ name: 'image-piegee.png', alternativeText: altText, caption: altText }));
    const res = await fetch(`${hub.cmsUrl}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
    uploaded = ((await res.json()) as Record<string, unknown>[])[0]!;
    expect(uploaded!.alternativeText).toBe(altText);
    carried('CMS media: alternative text (cover and body image)', ALT_VECTORS.length);

    const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });
    const marks: Record<string, boolean>[] = [{}, { bold: true }, { italic: true }, { code: true }, { underline: true }, { strikethrough: true }];
    const body = [
      { type: 'heading', level: 2, children: [text(tagged(byId('s6')))] },
      // The whole corpus, one vector a paragraph, with every text mark.
      ...VECTORS.map((_, i) => ({ type: 'paragraph', children: [text(tagged(i), marks[i % marks.length])] })),
      { type: 'list', format: 'unordered', children: [byId('s7'), byId('h18'), byId('b7')].map((i) => ({ type: 'list-item', children: [text(tagged(i))] })) },
      { type: 'quote', children: [text(tagged(byId('x6')))] },
      { type: 'code', children: [text(tagged(byId('s9')))] },
      // Links the CMS accepts, with quotes and markup in their address.
      {
        type: 'paragraph',
        children: [
          { type: 'link', url: `https://exemple.fr/"onmouseover="window.__pwned('lq1')`, children: [text('lien guillemets')] },
          { type: 'link', url: `https://exemple.fr/'><script>window.__pwned('lq2')</script>`, children: [text('lien balise')] },
          { type: 'link', url: `/"><img src=x onerror=window.__pwned('lq3')>`, children: [text('lien relatif')] },
          { type: 'link', url: `mailto:a@exemple.fr?subject="><svg onload=window.__pwned('lq4')>`, children: [text('lien mailto')] },
        ],
      },
      { type: 'image', image: { ...uploaded!, alternativeText: altText }, children: [text('')] },
      { type: 'image', image: { ...uploaded!, url: `javascript:window.__pwned('im1')`, alternativeText: 'image javascript' }, children: [text('')] },
      { type: 'image', image: { ...uploaded!, url: `/uploads/x" onerror="window.__pwned('im2')`, alternativeText: `" onerror="window.__pwned('im3')` }, children: [text('')] },
    ];
    const worksite = (await cmsRequest(hub, token, 'GET', 'worksites?fields[0]=slug&sort=id&pagination[pageSize]=1')).data[0] as { documentId: string; slug: string };
    const created = await cmsRequest(hub, token, 'POST', 'articles?status=published', {
      data: {
        title: titleOf(byId('s6')),
        slug: MAIN,
        excerpt: [byId('s9'), byId('h19'), byId('b7')].map(tagged).join(' ').slice(0, 300),
        authorName: tagged(byId('h18')).slice(0, 80),
        body,
        cover: uploaded!.id,
        rubrique: 'actualites',
        worksite: worksite.documentId,
        commentsOpen: true,
      },
    });
    carried('CMS article: title', 1);
    carried('CMS article: excerpt', 3);
    carried('CMS article: author name', 1);
    carried('CMS article: rich text (paragraphs with marks, heading, list, quote, code)', VECTORS.length + 6);
    carried('CMS article: link addresses', 4);
    carried('CMS article: image block addresses', 2);

    // What the CMS refuses an author — javascript: and data: links — is written straight into its
    // database, as an import or a later CMS version could leave it: the site must not trust the CMS.
    const rawLinks = ['javascript:alert(1)', `JaVaScRiPt:window.__pwned('rl2')`, ` javascript:window.__pwned('rl3')`, `jav\tascript:window.__pwned('rl4')`, `data:text/html,<script>window.__pwned('rl5')</script>`, `vbscript:msgbox(1)`];
    const stored = [
      ...body,
      { type: 'paragraph', children: rawLinks.map((url, k) => ({ type: 'link', url, children: [text(`lien brut ${k + 1}`)] })) },
    ];
    const changed = await db('articles').where({ document_id: created.data.documentId }).update({ body: JSON.stringify(stored) });
    expect(changed).toBeGreaterThanOrEqual(1);
    carried('CMS article: link addresses past the CMS check (javascript:alert(1)…)', rawLinks.length);

    for (const i of TITLE_VECTORS) {
      await cmsRequest(hub, token, 'POST', 'articles?status=published', { data: { title: titleOf(i), slug: `vecteur-${i}`, excerpt: excerptOf(i), rubrique: 'actualites', commentsOpen: false } });
    }
    carried('CMS article: title (one article each)', TITLE_VECTORS.length);
    carried('CMS article: excerpt (one article each)', TITLE_VECTORS.length);
  }, 60_000);

  it('nothing runs on the article page; the text, the alternative text and the links read as typed', async () => {
    const { page, check } = await watchedPage();
    await page.goto(`${hub.siteUrl}/articles/${MAIN}`);
    views.add('site: article page');
    expect(await check('article page')).toEqual([]);
    const prose = (await page.locator('.prose').textContent()) ?? '';
    for (const i of VECTORS.keys()) expect(prose, tagOf(i)).toContain(asParsed(tagged(i)));
    expect(await page.locator('.article__header h1').textContent()).toBe(titleOf(byId('s6')));
    expect(await page.locator('.lead').textContent()).toBe([byId('s9'), byId('h19'), byId('b7')].map(tagged).join(' ').slice(0, 300));
    expect(await page.locator('.article__cover').getAttribute('alt')).toBe(altText);
    expect(await page.locator('.prose figure img').first().getAttribute('alt')).toBe(altText);
    // Only images from the site's own uploads, only links a visitor can safely follow.
    for (const src of await page.locator('main img').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''))) expect(src).toMatch(/^\/uploads\//);
    const hrefs = await page.locator('.prose a').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    expect(hrefs.length).toBe(4);
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:|\/)/);
    for (const k of [1, 2, 3, 4, 5, 6]) expect(prose).toContain(`lien brut ${k}`);
    await page.context().close();
  });

  it('nothing runs on the home page, the lists, the search and the worksite page; titles read as typed', async () => {
    const { page, check } = await watchedPage();
    const pages = ['/', ...[1, 2, 3, 4, 5].map((n) => `/actualites${n > 1 ? `?page=${n}` : ''}`), '/recherche?q=hv', `/chantiers/${(await cmsRequest(hub, token, 'GET', 'worksites?fields[0]=slug&sort=id&pagination[pageSize]=1')).data[0].slug}`];
    const problems: string[] = [];
    const shown = new Set<string>();
    for (const path of pages) {
      expect((await page.goto(hub.siteUrl + path))?.status(), path).toBe(200);
      views.add(`site: ${path.replace(/^\/actualites.*/, '/actualites (pages 1 to 5)').replace(/\/chantiers\/.+/, '/chantiers/<slug>')}`);
      problems.push(...(await check(path)));
      for (const t of await page.locator('main h2 a, main h3 a, main .card__title a').allTextContents()) shown.add(t);
      const text = (await page.locator('main').textContent()) ?? '';
      for (const i of TITLE_VECTORS) if (text.includes(excerptOf(i))) shown.add(`excerpt:${i}`);
    }
    expect(problems).toEqual([]);
    for (const i of TITLE_VECTORS) {
      expect(shown.has(asParsed(titleOf(i))), `title ${tagOf(i)}`).toBe(true);
      if (plain((i + 1) % VECTORS.length)) expect(shown.has(`excerpt:${i}`), `excerpt ${tagOf(i)}`).toBe(true);
    }
    await page.context().close();
  }, 60_000);

  it('the RSS feeds are well-formed XML with the titles as typed, and nothing runs when Chromium opens them', async () => {
    const { page, check } = await watchedPage();
    const worksite = (await cmsRequest(hub, token, 'GET', 'worksites?fields[0]=slug&sort=id&pagination[pageSize]=1')).data[0].slug as string;
    const problems: string[] = [];
    const titles = new Set<string>();
    for (const path of ['/rss.xml', '/rss/actualites.xml', `/chantiers/${worksite}/rss.xml`]) {
      views.add(`RSS: ${path.replace(worksite, '<slug>')}`);
      const res = await fetch(hub.siteUrl + path);
      expect(res.status).toBe(200);
      const xml = await res.text();
      // Tolerant: no script element outside CDATA…
      expect(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).not.toMatch(/<script/i);
      expect(xml).not.toMatch(/<(img|svg|iframe)\b/i);
      // …and strict: the browser's XML parser reads it without error.
      await page.goto(`${hub.siteUrl}/`);
      const parsed = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'application/xml');
        return { error: doc.querySelector('parsererror')?.textContent ?? null, titles: Array.from(doc.querySelectorAll('item > title')).map((t) => t.textContent ?? ''), descriptions: Array.from(doc.querySelectorAll('item > description')).map((t) => t.textContent ?? '') };
      }, xml);
      expect(parsed.error, path).toBeNull();
      expect(parsed.titles.length, path).toBeGreaterThan(0);
      for (const t of parsed.titles) titles.add(t);
      problems.push(...(await check(`${path} (parsed)`)));
      const opened = await page.goto(hub.siteUrl + path).catch((e: Error) => e);
      if (opened instanceof Error) expect(opened.message).toMatch(/Download is starting/);
      else problems.push(...(await check(path)));
    }
    expect(problems).toEqual([]);
    // The feeds hold the 20 newest; the last titles are the newest articles.
    const newest = TITLE_VECTORS.slice(-10);
    // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these: the feed drops them.
    for (const i of newest) expect(titles.has(titleOf(i).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/\r\n?/g, '\n')), tagOf(i)).toBe(true);
    await page.context().close();
  }, 60_000);

  it('the alert e-mails (one per article) show the titles as typed, and nothing runs in them', async () => {
    const mails = await smtp.waitFor(TITLE_VECTORS.length + 1, ALERT_TO, 60_000);
    views.add('e-mail: rubrique alert (HTML part)');
    // No header injection: the subscriber alone received them, no Bcc line was added.
    expect(smtp.messages.flatMap((m) => m.to).filter((to) => to !== ALERT_TO)).toEqual([]);
    for (const mail of mails) expect(mail.raw.split(/\r?\n\r?\n/)[0]).not.toMatch(/^(bcc|subject: piégé)/im);
    const { page, check } = await watchedPage();
    const problems: string[] = [];
    const texts: string[] = [];
    for (const mail of mails) {
      await openMail(page, mail);
      problems.push(...(await check(`alert « ${String(mail.parsed.subject).slice(0, 40)} »`)));
      texts.push((await page.locator('body').textContent()) ?? '');
    }
    expect(problems).toEqual([]);
    const all = texts.join('\n');
    for (const i of TITLE_VECTORS.filter(plain)) expect(all, tagOf(i)).toContain(titleOf(i));
    await page.context().close();
  }, 120_000);
});

describe('hostile input in the site’s forms', () => {
  let n = 0;
  const refusedByNode: string[] = [];
  const visitor = () => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`;
  let subscriptionFields: Record<string, string>;

  beforeAll(async () => {
    subscriptionFields = subscriptionFormFields(await (await fetch(`${hub.siteUrl}/newsletters`)).text());
  });

  /** One way a visitor's input reaches the site. */
  interface Form {
    name: string;
    inputs: string[];
    method: 'GET' | 'POST';
    path: string;
    /** The form page a browser posts it from (POST only). */
    from?: string;
    fields: (payload: string, i: number) => Record<string, string>;
  }
  const forms: Form[] = [
    { name: 'subscription', inputs: ['subscription form: e-mail'], method: 'POST', path: '/abonnements/inscription', from: '/newsletters', fields: (p) => ({ ...subscriptionFields, email: p }) },
    { name: 'subscription topic', inputs: ['subscription form: topic (hidden)'], method: 'POST', path: '/abonnements/inscription', from: '/newsletters', fields: (p, i) => ({ ...subscriptionFields, email: `sujet-${i}@exemple.fr`, sujet: p }) },
    { name: 'subscription return', inputs: ['subscription form: return page (hidden)'], method: 'POST', path: '/abonnements/inscription', from: '/newsletters', fields: (p, i) => ({ ...subscriptionFields, email: `retour-${i}@exemple.fr`, retour: p }) },
    { name: 'preferences link', inputs: ['preferences link form: e-mail'], method: 'POST', path: '/abonnements', from: '/abonnements', fields: (p) => ({ action: 'lien', email: p }) },
    { name: 'contact', inputs: ['contact form: name', 'contact form: contact details', 'contact form: residence', 'contact form: message'], method: 'POST', path: '/contact', from: '/contact', fields: (p) => ({ nom: p, coordonnees: p, residence: p, objet: 'Autre', message: p, site_web: '' }) },
    { name: 'comment', inputs: ['comment form: name (empty comment)'], method: 'POST', path: `/articles/${article.slug}`, from: `/articles/${article.slug}`, fields: (p) => ({ nom: p, commentaire: '', site_web: '' }) },
    { name: 'suivi', inputs: ['/suivi: reference'], method: 'GET', path: '/suivi', fields: (p) => ({ reference: p }) },
    { name: 'search', inputs: ['search: query'], method: 'GET', path: '/recherche', fields: (p) => ({ q: p }) },
  ];

  /** The visible messages of a page: what it says to the visitor after a post. */
  const notices = (html: string) =>
    [...html.matchAll(/<(p|div|h1|h2)\b[^>]*(?:role="(?:alert|status)"|class="[^"]*notice[^"]*"|id="resultats")[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => m[2]!.replace(/<[^>]+>/g, '').trim()).filter(Boolean);
  const FRENCH = /[éèêàùçô’«]|\b(votre|vous|merci|adresse|saisissez|référence|champ|aucun|résultats?|pour)\b/i;

  it('answers every vector in every field in French, never with a server error', async () => {
    const jobs = forms.flatMap((form) => VECTORS.map((_, i) => ({ form, i })));
    const failures = await pool(jobs, 6, async ({ form, i }) => {
      const fields = form.fields(tagged(i), i);
      const headers = { 'x-forwarded-for': visitor() };
      const res =
        form.method === 'GET'
          ? await fetch(`${hub.siteUrl}${form.path}?${new URLSearchParams(fields)}`, { headers, redirect: 'manual' })
          : await fetch(hub.siteUrl + form.path, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl }, body: new URLSearchParams(fields).toString(), redirect: 'manual' });
      const html = await res.text();
      const where = `${form.name} ${tagOf(i)} → ${res.status}`;
      if (res.status >= 500) return `${where}: server error`;
      // A query longer than Node's 16 KB header limit is refused before the site (an input's maxlength keeps a browser far below).
      if (res.status === 431 && form.method === 'GET') {
        refusedByNode.push(`${form.name} ${tagOf(i)}`);
        return null;
      }
      if (res.status === 303) return /^\/(?!\/)/.test(res.headers.get('location') ?? '') ? null : `${where}: redirect to ${res.headers.get('location')}`;
      if (res.status === 413) return html.includes('Envoi trop volumineux') ? null : `${where}: 413 without its French page`;
      const said = notices(html);
      if (!said.some((s) => FRENCH.test(s))) return `${where}: no French message (${said.join(' | ').slice(0, 120)})`;
      return null;
    });
    for (const form of forms) for (const input of form.inputs) carried(input, VECTORS.length);
    expect(failures.filter(Boolean)).toEqual([]);
    if (refusedByNode.length) console.log(`431 from Node's header limit (query over 16 KB): ${refusedByNode.join(', ')}`);
    expect(refusedByNode.length).toBeLessThan(5);
  }, 150_000);

  it('the answer pages run nothing and keep what was typed, in Chromium, for a sample of vectors', async () => {
    const { page, check } = await watchedPage();
    const problems: string[] = [];
    for (const form of forms) views.add(`site: answer to the ${form.name} form`);
    for (const i of FORM_SAMPLE) {
      for (const form of forms) {
        await page.setExtraHTTPHeaders({ 'x-forwarded-for': visitor() });
        const fields = form.fields(tagged(i), i);
        if (form.method === 'GET') {
          await page.goto(`${hub.siteUrl}${form.path}?${new URLSearchParams(fields)}`);
        } else {
          // As a browser posts a form: from the site's own page, url-encoded, same origin.
          await page.goto(hub.siteUrl + form.from!);
          await Promise.all([
            page.waitForNavigation(),
            page.evaluate(
              ({ action, values }) => {
                const f = document.createElement('form');
                f.method = 'post';
                f.action = action;
                for (const [name, value] of Object.entries(values)) {
                  const input = document.createElement('textarea');
                  input.name = name;
                  input.value = value;
                  f.append(input);
                }
                document.body.append(f);
                f.submit();
              },
              { action: form.path, values: fields },
            ),
          ]);
        }
        problems.push(...(await check(`${form.name} ${tagOf(i)}`)));
        if (!plain(i)) continue;
        // What was typed comes back as typed, as text or as a field's value, never as markup.
        const main = (await page.locator('main').textContent()) ?? '';
        const values = await page.locator('main input, main textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
        if (form.name === 'comment' || form.name === 'contact' || form.name === 'search') {
          expect([main, ...values].some((v) => v.includes(tagged(i).slice(0, 100))), `${form.name} ${tagOf(i)} read back`).toBe(true);
        }
      }
    }
    expect(problems).toEqual([]);
    await page.context().close();
  }, 150_000);
});

describe('a hostile newsletter', () => {
  const TITLE = byId('s6');
  const HEADER = VECTORS.findIndex((v) => v.payload.startsWith('Nadia\r\nBcc'));
  const INTRO = VECTORS.map((_, i) => i).filter((i) => ['script', 'handlers', 'template', 'sql', 'misc'].includes(VECTORS[i]!.family));
  let mail: ReceivedMail;
  let slug: string;
  let introduced: number[] = [];

  it('is sent to its one subscriber, with no header injected', async () => {
    const intro: string[] = [];
    for (const i of INTRO) if ([...intro, tagged(i)].join('\n\n').length <= 2000) intro.push(tagged(i));
    introduced = INTRO.filter((i) => intro.includes(tagged(i)));
    const articles = (await cmsRequest(hub, token, 'GET', 'articles?fields[0]=title&filters[slug][$startsWith]=vecteur-&pagination[pageSize]=6&sort=id')).data as Array<{ documentId: string }>;
    const main = (await cmsRequest(hub, token, 'GET', 'articles?filters[slug][$eq]=article-piege')).data as Array<{ documentId: string }>;
    slug = 'lettre-piegee';
    // A title with a line break and a header after it, as a stranger would try on a mail header.
    const title = `${tagged(HEADER)} ${tagged(TITLE)} ${tagged(byId('h18'))}`.slice(0, 160);
    const created = await cmsRequest(hub, token, 'POST', 'newsletters?status=published', { data: { title, slug, intro: intro.join('\n\n'), articles: [...main, ...articles].map((a) => a.documentId) } });
    carried('newsletter: title', 3);
    carried('newsletter: intro', introduced.length);
    carried('newsletter: chosen articles (titles, excerpts)', articles.length + 1);
    const jwt = await adminSession(hub);
    smtp.clear();
    expect((await panel(hub, jwt, 'POST', `${created.data.documentId}/send`)).status).toBe(202);
    const done = await sendFinished(hub, jwt, created.data.documentId);
    expect(done.job).toMatchObject({ state: 'done', sent: 1 });
    mail = (await smtp.waitFor(1, LETTER_TO))[0]!;
    expect(smtp.to(LETTER_TO)).toHaveLength(1);
    expect(smtp.messages.flatMap((m) => m.to).filter((to) => /victime/.test(to))).toEqual([]);
    expect(mail!.raw.split(/\r?\n\r?\n/)[0]).not.toMatch(/^bcc:/im);
    expect(mail!.parsed.subject?.replace(/\s+/g, ' ')).toBe(title.replace(/\s+/g, ' '));
    expect(String(mail!.parsed.html)).not.toMatch(/<script|<[^>]*\son[a-z]+\s*=/i);
  }, 60_000);

  it('runs nothing in the HTML part, where the text reads as typed; nor on the site’s newsletter pages', async () => {
    const { page, check } = await watchedPage();
    await openMail(page, mail);
    views.add('e-mail: newsletter (HTML part)');
    expect(await check('newsletter e-mail')).toEqual([]);
    const text = (await page.locator('body').textContent()) ?? '';
    const sample = introduced.filter(plain);
    expect(sample.length).toBeGreaterThan(10);
    for (const i of sample) expect(text, tagOf(i)).toContain(tagged(i));
    expect(text).toContain(tagged(TITLE));
    expect(text).toContain(tagged(byId('h18')));
    const problems: string[] = [];
    for (const path of ['/newsletters', `/newsletters/${slug}`]) {
      views.add(`site: ${path.replace(slug, '<slug>')}`);
      await page.goto(hub.siteUrl + path);
      problems.push(...(await check(path)));
    }
    expect(problems).toEqual([]);
    const shown = (await page.locator('main').textContent()) ?? '';
    for (const i of sample) expect(shown, tagOf(i)).toContain(tagged(i));
    await page.context().close();
  }, 60_000);

  it('counts what was tried', () => {
    const total = [...inputs.values()].reduce((a, b) => a + b, 0);
    console.log(`${VECTORS.length} vectors × ${inputs.size} inputs × ${views.size} views (${total} vector placements)`);
    console.log(`inputs: ${[...inputs].map(([k, v]) => `${k} (${v})`).join('; ')}`);
    console.log(`views: ${[...views].join('; ')}`);
    expect(inputs.size).toBeGreaterThan(15);
    expect(views.size).toBeGreaterThan(15);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';

/** Two findings checked on the real CMS and the real site: CORS of the CMS, comments escaped twice. */
let hub: TestHub;
const article = demoContent.articles.find((a) => a.commentsOpen)!;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/** The public site's origin as the CMS knows it (PUBLIC_SITE_URL: localhost, the site's port). */
const siteOrigin = () => `http://localhost:${new URL(hub.siteUrl).port}`;

describe('the CMS answers browsers of its own site and admin only (CORS)', () => {
  const preflight = (origin: string) =>
    fetch(`${hub.cmsUrl}/api/articles`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
  const simple = (origin: string) => fetch(`${hub.cmsUrl}/api/articles`, { headers: { origin } });

  it('gives another origin no Access-Control-Allow-Origin, with or without a preflight', async () => {
    for (const res of [await preflight('https://evil.example'), await simple('https://evil.example')]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('still allows the public site and the CMS’s own admin', async () => {
    const admin = `http://localhost:${new URL(hub.cmsUrl).port}`;
    for (const origin of [siteOrigin(), admin]) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBe(origin);
      expect((await simple(origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
  });
});

describe('a comment shows as typed, escaped once', () => {
  it('« M&M <b>x</b> » shows « M&M », never « M&amp;M », never a <b> element', async () => {
    const marker = `cmt${Date.now()}`;
    const typed = `M&M <b>x</b> ${marker}`;
    const res = await fetch(`${hub.siteUrl}/articles/${article.slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl },
      body: new URLSearchParams({ nom: 'Léa & Co', commentaire: typed, site_web: '' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);

    const admin = consoleClient(hub.moderationUrl);
    await admin.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
    const found = await eventually(async () => {
      const queue = await admin.query<{ queue: { items: { id: string; text: string; state: string }[] } }>('query($f: QueueFilter){ queue(filter: $f) { items { id text state } } }', { f: { text: marker } });
      return queue.data?.queue.items.find((i) => i.text.includes(marker));
    }, 5000);
    // Stored as typed (tags dropped), not as HTML.
    expect(found.value.text).toBe(`M&M x ${marker}`);
    if (found.value.state !== 'approved') {
      const approved = await admin.query<{ approve: { state: string } }>('mutation($id: ID!){ approve(id: $id){ state } }', { id: found.value.id });
      expect(approved.errors).toBeUndefined();
    }

    const page = await eventually(async () => {
      const html = await (await fetch(`${hub.siteUrl}/articles/${article.slug}`)).text();
      return html.includes(marker) ? html : undefined;
    }, 5000);
    const html = page.value;
    const paragraph = new RegExp(`<p>([^<]*${marker})</p>`).exec(html)?.[1];
    // In the HTML: « & » escaped exactly once, which the browser shows as « M&M ».
    expect(paragraph).toBe(`M&amp;M x ${marker}`);
    expect(html).not.toContain('M&amp;amp;M');
    expect(html).not.toMatch(new RegExp(`<b>x</b> ${marker}`));
    expect(html).toContain('<strong>Léa &amp; Co</strong>');
  });
});

import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';
import { tagOf, VECTORS } from './vectors.ts';
import { watch } from './watch.ts';

/**
 * The hostile corpus sent as site comments (author name and text, as the site posts them to the
 * moderation service), approved, then the article page and the console queue opened in Chromium:
 * no dialog, no console error, no page error, no CSP violation, the marker never called.
 */
let hub: TestHub;
let browser: Browser;
const article = demoContent.articles.find((a) => a.commentsOpen)!;
const INPUTS = ['site comment: author name', 'site comment: text'];
const accepted: number[] = [];

beforeAll(async () => {
  hub = await startTestHub();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  for (const [index, vector] of VECTORS.entries()) {
    const res = await fetch(`${hub.moderationUrl}/public/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-site-token': hub.secrets.MODERATION_SITE_TOKEN },
      body: JSON.stringify({ articleSlug: article.slug, authorName: `${tagOf(index)} ${vector.payload}`.slice(0, 80), text: `${tagOf(index)} ${vector.payload}`, clientKey: `hostile-${String(index).padStart(8, '0')}` }),
    });
    await res.body?.cancel();
    if (res.status === 201) accepted.push(index);
  }
  const admin = consoleClient(hub.moderationUrl);
  await admin.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
  const items = await eventually(async () => {
    const q = await admin.query<{ queue: { items: { id: string; text: string; state: string }[] } }>('query($f: QueueFilter){ queue(filter: $f) { items { id text state } } }', { f: { text: 'hv' } });
    const list = q.data?.queue.items ?? [];
    return list.length > 0 ? list : undefined;
  }, 10_000);
  // Most are published at once by the charter; the rest are approved as a moderator would.
  for (const item of items.value) if (item.state !== 'approved') await admin.query('mutation($id: ID!){ approve(id: $id){ state } }', { id: item.id });
}, 170_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe('hostile input, end to end', () => {
  it('the watcher itself catches a dialog, a marker call and a page error (self-check)', async () => {
    const page = await (await browser.newContext()).newPage();
    const problems = await watch(page);
    await page.goto(`data:text/html,<script>alert(1);window.__pwned('self');throw new Error('x')</script>`);
    await page.waitForTimeout(100);
    const found = await problems();
    expect(found.some((p) => p.startsWith('dialog'))).toBe(true);
    expect(found.some((p) => p.startsWith('pageerror'))).toBe(true);
    expect(found).toContain('executed self');
    await page.context().close();
  });

  it('nothing runs on the article page, and the text reads as typed', async () => {
    const views = ['article page', 'console queue'];
    console.log(`${VECTORS.length} vectors × ${INPUTS.length} inputs × ${views.length} views (${accepted.length} accepted by the API)`);
    expect(accepted.length).toBeGreaterThan(0);
    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    const problems = await watch(page);
    await page.goto(`${hub.siteUrl}/articles/${article.slug}`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    expect(await problems()).toEqual([]);
    const text = (await page.textContent('body')) ?? '';
    const sample = accepted.filter((i) => ['sql', 'template', 'misc'].includes(VECTORS[i]!.family) && !/[<\r\n]/.test(VECTORS[i]!.payload)).slice(0, 8);
    const shown = sample.filter((i) => text.includes(tagOf(i)));
    expect(shown.length).toBeGreaterThan(0);
    for (const i of shown) expect(text).toContain(`${tagOf(i)} ${VECTORS[i]!.payload}`);
    // Markup typed by a stranger shows as text, not as elements.
    expect(await page.locator('main img[src="x"], main svg[onload], main script:not([src])').count()).toBe(0);
    expect(text).not.toContain('&amp;amp;');
    await page.context().close();
  });

  it('nothing runs in the console queue', async () => {
    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage();
    const problems = await watch(page);
    await page.goto(hub.moderationUrl);
    await page.fill('#login-email', hub.adminEmail);
    await page.fill('#login-password', hub.secrets.HUB_ADMIN_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-form', { state: 'hidden' });
    await page.waitForSelector('#queue-list', { state: 'attached' });
    // The comments were published at once: they are under « Publiés ».
    await page.click('button.state-tab[data-tab=approved]');
    await page.locator('#queue-list .queue-item', { hasText: /hv\d{3}/ }).first().waitFor();
    await page.locator('#queue-list .queue-item').first().click();
    await page.waitForTimeout(500);
    expect(await problems()).toEqual([]);
    await page.context().close();
  });
});

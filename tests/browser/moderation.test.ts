import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * A tenant comments on the site, a community manager triages in the console with the keyboard,
 * the tenant sees the result under the article. An insult and a phone number never show.
 */
let hub: TestHub;
let browser: Browser;
const article = demoContent.articles.find((a) => a.commentsOpen)!;

beforeAll(async () => {
  hub = await startTestHub();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

async function tenantComments(name: string, text: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${hub.siteUrl}/articles/${article.slug}`);
  await page.fill('#nom', name);
  await page.fill('#commentaire', text);
  await page.click('form.comment-form button[type=submit]');
  await page.waitForURL(/commentaire=/);
  const notice = (await page.textContent('#commentaire-retour')) ?? '';
  await context.close();
  return notice;
}

async function articleText(): Promise<string> {
  const res = await fetch(`${hub.siteUrl}/articles/${article.slug}`);
  return res.text();
}

async function openConsole(): Promise<Page> {
  const page = await signInToConsole(browser, hub.moderationUrl, { email: hub.adminEmail, password: hub.secrets.HUB_ADMIN_PASSWORD }, { width: 1024, height: 768 });
  await page.waitForSelector('#queue-list', { state: 'attached' });
  return page;
}

/** What the console shows besides the list, for a failure message: focus, dialogs, errors, announcements. */
function consoleState(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({
      focus: document.activeElement?.outerHTML.slice(0, 160),
      dialogs: Array.from(document.querySelectorAll('dialog[open]'), (d) => d.id),
      detail: document.querySelector('#detail-summary')?.textContent?.slice(0, 120),
      error: document.querySelector('#detail-error')?.textContent,
      announced: Array.from(document.querySelectorAll('[aria-live]'), (e) => e.textContent).join(' | ').slice(0, 300),
    }),
  );
}

describe('a comment from the site to the console and back', () => {
  const question = `Bonjour, le chauffage est coupé au bâtiment B depuis ce matin, est-ce normal ? ${Date.now()}`;

  it('is held for review, approved by keyboard in the console, then shown under the article', async () => {
    expect(await tenantComments('Fatou', question)).toBe('Merci, votre commentaire sera publié après relecture.');
    expect(await articleText()).not.toContain('Fatou');

    const page = await openConsole();
    const item = page.locator('#queue-list .queue-item', { hasText: 'le chauffage est coupé' });
    await item.waitFor();
    expect(await item.getAttribute('data-state')).toBe('held');
    // Walk down the list with the keyboard until the comment is selected, then approve it.
    await page.locator('#queue-list').focus();
    for (let i = 0; i < 50 && (await item.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('j');
    expect(await item.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('a');
    await expect
      // One read of the list: the row may leave it between two reads (a second read would wait for it forever).
      .poll(() => item.evaluateAll((rows) => (rows[0] as HTMLElement | undefined)?.dataset.state ?? 'approved'), { timeout: 15_000, message: await consoleState(page) })
      .toBe('approved');

    await expect.poll(async () => (await articleText()).includes('Fatou'), { timeout: 10_000 }).toBe(true);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await page.context().close();
  });

  it('never shows an insult or a phone number, which wait in the console', async () => {
    expect(await tenantComments('Anonyme', 'Vous êtes des c0nnards')).toMatch(/Merci/);
    expect(await tenantComments('Jean', 'Appelez-moi au 06.12.34.56.78 pour la fuite')).toMatch(/vie privée/);
    const page = await articleText();
    expect(page).not.toContain('c0nnards');
    expect(page).not.toContain('06.12.34.56.78');

    const console = await openConsole();
    const states = await console.evaluate(async () => {
      const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ queue(first: 100) { items { text state } } }' }) });
      return ((await res.json()) as { data: { queue: { items: { text: string; state: string }[] } } }).data.queue.items;
    });
    expect(states.find((i) => i.text.includes('c0nnards'))?.state).toBe('rejected');
    expect(states.find((i) => i.text.includes('06.12.34.56.78'))?.state).toBe('hidden');
    await console.context().close();
  });
});

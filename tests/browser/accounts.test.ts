import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEmulator, createXEmulator, seedDemoContent, type RunningEmulator } from '@hub/emulators';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * The « Comptes » view and the broken-token banner: two Pages and one X account read from the
 * emulators; one Page's token expires; the console says so on every view, once.
 */
const PAGES = [
  { id: '104857600000001', name: 'Habitat Val de Loire', accessToken: 'page-token-hvl' },
  { id: '104857600000002', name: 'HVL — Résidence Les Tilleuls', accessToken: 'page-token-tilleuls' },
];
const X_ACCOUNTS = [{ id: '1500000000000000001', username: 'HVL_Habitat', bearerToken: 'x-token-hvl' }];
const BANNER = 'Le jeton de la Page HVL — Résidence Les Tilleuls a expiré : ses commentaires ne sont plus relevés. Renouvelez-le.';

const graph = createGraphEmulator({ pages: PAGES });
const x = createXEmulator({ accounts: X_ACCOUNTS });
let graphRunning: RunningEmulator;
let xRunning: RunningEmulator;
let moderation: TestModeration;
let browser: Browser;

beforeAll(async () => {
  [graphRunning, xRunning] = await Promise.all([graph.start(), x.start()]);
  seedDemoContent({ graph, x });
  moderation = await startModeration({
    env: {
      FACEBOOK_GRAPH_URL: graphRunning.url,
      TWITTER_API_URL: xRunning.url,
      FACEBOOK_PAGES: JSON.stringify(PAGES),
      TWITTER_ACCOUNTS: JSON.stringify(X_ACCOUNTS),
      SOCIAL_POLL_SECONDS: '0.3',
      NO_PROXY: '127.0.0.1,localhost',
    },
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await moderation?.stop();
  await Promise.all([graphRunning?.close(), xRunning?.close()]);
});

async function accountStates() {
  return moderation.services.socialAccounts();
}

async function openConsole(): Promise<Page> {
  return signInToConsole(browser, moderation.url, { email: moderation.adminEmail, password: moderation.adminPassword }, { width: 1280, height: 800 });
}

describe('social accounts in the console', () => {
  it('warns on every view when a Page token expires, and lists every account with its state', async () => {
    // Every account read once, then one Page's token expires.
    await expect.poll(async () => (await accountStates()).filter((a) => a.lastPollAt && a.tokenState === 'ok').length, { timeout: 8000 }).toBe(3);
    graph.expireToken(PAGES[1]!.id);
    await expect.poll(async () => (await accountStates()).find((a) => a.key === `facebook:${PAGES[1]!.id}`)?.tokenState, { timeout: 8000 }).toBe('broken');

    const page = await openConsole();
    const banner = page.locator('#token-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain(BANNER);
    expect(await page.locator('[role="alert"]:not(:empty)').count()).toBe(1);
    expect(await page.locator('[role="alert"]', { hasText: 'Renouvelez-le' }).count()).toBe(1);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

    await page.click('a[data-route="comptes"]');
    await page.locator('#view-comptes').waitFor({ state: 'visible' });
    const rows = page.locator('#accounts-rows tr');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(3);
    const broken = page.locator(`#accounts-rows tr[data-account-key="facebook:${PAGES[1]!.id}"]`);
    expect(await broken.getAttribute('data-token-state')).toBe('broken');
    expect(await broken.textContent()).toContain('Jeton expiré — à renouveler');
    expect(await broken.textContent()).toContain('HVL — Résidence Les Tilleuls');
    for (const key of [`facebook:${PAGES[0]!.id}`, `x:${X_ACCOUNTS[0]!.id}`]) {
      const row = page.locator(`#accounts-rows tr[data-account-key="${key}"]`);
      expect(await row.getAttribute('data-token-state')).toBe('ok');
      expect(await row.textContent()).toContain('Valide');
    }
    const xRow = page.locator(`#accounts-rows tr[data-account-key="x:${X_ACCOUNTS[0]!.id}"]`);
    expect(await xRow.textContent()).toMatch(/@HVL_Habitat/);
    expect(await xRow.textContent()).toMatch(/9\s?99\d/); // budget left: 10 000 minus the posts read
    await page.screenshot({ path: path.resolve(import.meta.dirname, '..', 'output', 'screenshots', 'console-comptes-1280.png'), fullPage: true });
    // Still one banner, the same one, after moving between views.
    expect(await page.locator('[role="alert"]', { hasText: 'Renouvelez-le' }).count()).toBe(1);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.context().close();
  });
});

describe('a reply typed in the console', () => {
  it('appears once on the emulated Page, signed', async () => {
    const post = graph.addPost(PAGES[0]!.id, { message: 'Les travaux du hall commencent lundi.' });
    const comment = graph.addComment(PAGES[0]!.id, post.id, { from: { id: '900001', name: 'Nadia Benali' }, message: 'Est-ce que l’ascenseur sera coupé pendant les travaux du hall ?' });
    const page = await openConsole();
    const item = page.locator('#queue-list .queue-item', { hasText: 'l’ascenseur sera coupé' });
    await page.click('button.state-tab[data-tab="all"]');
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await page.keyboard.press('r');
    await page.fill('#reply-text', 'Bonjour Nadia, non : l’ascenseur reste en service pendant toute la durée des travaux.');
    await page.click('#reply-send');
    await expect.poll(() => graph.repliesOf(comment.id).length, { timeout: 10_000 }).toBe(1);
    const reply = graph.repliesOf(comment.id)[0]!;
    expect(reply.message).toContain('l’ascenseur reste en service');
    expect(reply.message).toContain('Administrateur, de l’équipe communication');
    await new Promise((r) => setTimeout(r, 1000));
    expect(graph.repliesOf(comment.id)).toHaveLength(1);
    await page.context().close();
  });
});

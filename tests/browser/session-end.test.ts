import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * The session of an open console ends elsewhere (here: logged out by the service, as a sign-in
 * on another computer or the expiry would): the live feed says so and the console goes back to
 * the sign-in screen, in French, spoken to screen readers, without trying the feed again.
 */
const ENDED = /Votre session a pris fin .*reconnectez-vous\./;
let mod: TestModeration;
let browser: Browser;

beforeAll(async () => {
  mod = await startModeration();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await mod?.stop();
});

describe('the console when its session ends', () => {
  it('shows the sign-in screen with a French message and stops the live feed', async () => {
    const page = await signInToConsole(browser, mod.url, { email: mod.adminEmail, password: mod.adminPassword });
    // The live feed is connected once the server has a listener for the queue's changes.
    await expect.poll(() => mod.services.changes.listenerCount('change'), { timeout: 5000 }).toBe(1);
    const feeds: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/events') feeds.push(request.url());
    });

    const cookie = (await page.context().cookies()).find((c) => c.name === 'hub_session');
    await mod.services.accounts.logout(cookie?.value);

    await page.locator('#login-view').waitFor({ state: 'visible', timeout: 5000 });
    expect(await page.locator('#login-error').textContent()).toMatch(ENDED);
    await expect.poll(() => page.locator('#announcer').textContent(), { timeout: 2000 }).toMatch(ENDED);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-email');
    expect(await page.locator('#main-nav').isHidden()).toBe(true);
    // The feed's own retry delay (`retry: 3000`) has passed: nothing asked for it again.
    await page.waitForTimeout(3500);
    expect(feeds).toEqual([]);
  });
});

import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * The crisis procedure in Chromium: on a Saturday night a spike of negative comments shows a
 * banner on every view; the community manager opens the crisis, takes it in hand, notes a
 * holding statement and closes it; axe finds nothing.
 */
let moderation: TestModeration;
let browser: Browser;

beforeAll(async () => {
  const started = Date.now();
  moderation = await startModeration({
    clock: () => new Date(Date.parse('2026-11-28T22:00:00Z') + (Date.now() - started)),
    env: { ONCALL_ROSTER: JSON.stringify([{ level: 1, name: 'Julie Martin', email: 'julie.martin@example.org' }]) },
  });
  for (let i = 1; i <= 5; i++) {
    await moderation.services.queue.ingest({
      source: 'facebook_comment',
      accountId: '1001',
      externalId: `c${i}`,
      authorName: `Locataire ${i}`,
      authorExternalId: `u${i}`,
      text: `Toujours pas d’eau chaude dans le bâtiment B, c’est nul (${i})`,
      createdAt: new Date(Date.parse('2026-11-28T22:00:00Z') + (Date.now() - started)),
    });
  }
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await moderation?.stop();
});

describe('the crisis view', () => {
  it('shows the banner, lets the team take the crisis in hand and close it, with no axe violation', async () => {
    const page = await signInToConsole(browser, moderation.url, { email: moderation.adminEmail, password: moderation.adminPassword });

    const banner = page.locator('#crisis-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Crise : 5 messages négatifs sur .* astreinte niveau 1 prévenue, pas encore prise en charge/);
    await banner.getByRole('link', { name: 'Ouvrir la crise' }).click();
    await page.locator('.crisis-timeline li').first().waitFor();
    expect(await page.locator('.crisis-items li').count()).toBe(5);
    expect(await page.textContent('.crisis-timeline')).toContain('Niveau 1 prévenu : Julie Martin (e-mail)');
    const violations = (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations).toEqual([]);

    await page.getByRole('button', { name: 'Je prends en charge' }).click();
    await expect.poll(() => page.textContent('.crisis-timeline')).toContain('Prise en charge par');
    await page.locator('.crisis-statement').first().getByRole('button', { name: 'Noter comme publié' }).click();
    await expect.poll(() => page.textContent('.crisis-timeline')).toContain('Message d’attente publié');

    await page.getByRole('button', { name: 'Clore la crise' }).click();
    await expect.poll(() => page.textContent('#crises-status')).toBe('Écrivez quelques mots dans la note.');
    await page.fill('.crisis-note textarea', 'Chaudière réparée à 23 h 40, message publié sur la Page.');
    await page.getByRole('button', { name: 'Clore la crise' }).click();
    await expect.poll(() => page.textContent('.crisis-facts')).toContain('close par');
    await expect.poll(() => banner.isHidden()).toBe(true);

    // The thresholds: an administrator lowers the spike to 3 messages.
    await page.getByText('Réglages de l’escalade').click();
    await page.locator('#esc-spikeCount').waitFor();
    expect(await page.inputValue('#esc-emergencyWords')).toContain('odeur de gaz');
    await page.fill('#esc-spikeCount', '3');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await expect.poll(async () => (await moderation.services.escalationSettings.read()).spikeCount).toBe(3);
    await page.fill('#esc-negativeThreshold', '7');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await expect.poll(() => page.textContent('#escalation-error')).toBe('Réglages d’escalade invalides : ton négatif d’un message seul (entre 0 et 1).');
    const settingsViolations = (await new AxeBuilder({ page }).include('#escalation-details').analyze()).violations.map((v) => v.id);
    expect(settingsViolations).toEqual([]);
    await page.context().close();
  });
});

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { postComment, startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * A community manager turns a tenant's request into a claim with the key c, then follows it in
 * the « Réclamations » view (no CRM: the console is the record), keyboard and screen reader
 * friendly.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'output', 'screenshots');
let mod: TestModeration;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mod = await startModeration({ env: { PUBLIC_SITE_URL: 'https://www.habitat.example' } });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await mod?.stop();
});

async function openConsole(width = 1024): Promise<Page> {
  return signInToConsole(browser, mod.url, { email: mod.adminEmail, password: mod.adminPassword }, { width, height: 800 });
}

const axeViolations = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('claims in the console', () => {
  const text = `L’ascenseur du bâtiment A est en panne depuis ce matin, pouvez-vous faire quelque chose ? ${Date.now()}`;
  let reference = '';

  it('proposes a claim for a tenant’s request and makes it with the key c', async () => {
    expect((await postComment(mod, { text, authorName: 'Bernard' })).status).toBe(201);
    const page = await openConsole();
    const item = page.locator('#queue-list .queue-item', { hasText: 'L’ascenseur du bâtiment A' });
    await item.waitFor();
    await page.locator('#queue-list').focus();
    for (let i = 0; i < 20 && (await item.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('j');
    await page.locator('.claim-proposed', { hasText: 'Demande de locataire — réclamation proposée' }).waitFor();

    await page.keyboard.press('c');
    expect(await page.locator('#claim-form').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('claim-category');
    expect(await page.inputValue('#claim-category')).toBe('ascenseur');
    expect(await page.getAttribute('#claim-toggle', 'aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-reclamation-proposee-1024.png'), fullPage: true });

    await page.click('#claim-send');
    await expect.poll(async () => (await page.textContent('#announcer')) ?? '', { timeout: 5000 }).toMatch(/Réclamation REC-\d{4}-\d{6} créée/);
    reference = /REC-\d{4}-\d{6}/.exec((await page.textContent('#announcer'))!)![0];
    const claim = await mod.services.claims.byReference(reference);
    expect(claim).toMatchObject({ category: 'ascenseur', authorHandle: 'Bernard', status: 'nouvelle' });

    await page.click('#help-open');
    expect(await page.textContent('#help-dialog')).toContain('Créer une réclamation');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('lists the claim, shows its history and lets a community manager move its status', async () => {
    const page = await openConsole();
    await page.click('a[data-route="reclamations"]');
    const link = page.locator('#claims-rows a', { hasText: reference });
    await link.waitFor();
    expect(await page.textContent('#claims-record')).toContain('Aucune GRC n’est configurée');
    await link.click();
    await page.locator('#claim-title', { hasText: reference }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('claim-title');
    expect(await page.textContent('#claim-detail')).toContain('L’ascenseur du bâtiment A');

    await page.selectOption('#claim-status-select', 'en_cours');
    await page.fill('#claim-status-note', 'Ascensoriste prévenu, passage demain matin');
    await page.click('#claim-status-form button[type=submit]');
    await expect.poll(async () => (await page.textContent('#claim-detail')) ?? '', { timeout: 5000 }).toContain('Statut : Nouvelle → En cours');
    expect(await page.textContent('#claim-detail')).toContain('Ascensoriste prévenu');
    expect((await mod.services.claims.byReference(reference))!.status).toBe('en_cours');

    await page.selectOption('#claims-filter-status', 'resolue');
    await expect.poll(async () => (await page.textContent('#claims-status')) ?? '').toBe('Aucune réclamation pour ce statut.');
    await page.selectOption('#claims-filter-status', 'en_cours');
    await page.locator('#claims-rows a', { hasText: reference }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-reclamations-1024.png'), fullPage: true });
    await page.context().close();
  });

  it('fits a phone screen', async () => {
    const page = await openConsole(375);
    await page.goto(`${mod.url}/#/reclamations/${reference}`);
    await page.locator('#claim-title', { hasText: reference }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-reclamation-375.png'), fullPage: true });
    await page.context().close();
  });
});

import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * The « Astreinte » view in Chromium: an administrator edits the roster and the office calendar
 * from the keyboard; a community manager reads it; axe finds nothing at either width.
 */
const ROSTER = [
  { level: 1, name: 'Julie Martin', email: 'julie.martin@example.org' },
  { level: 1, name: 'Karim Benali', email: 'karim.benali@example.org' },
  { level: 2, name: 'Direction de la communication', email: 'direction.communication@example.org' },
];
const MANAGER = { email: 'lea@bailleur.example', password: 'Lea2026abcdef' };

let moderation: TestModeration;
let browser: Browser;

beforeAll(async () => {
  moderation = await startModeration({ env: { ONCALL_ROSTER: JSON.stringify(ROSTER) } });
  await moderation.services.accounts.create('system', { email: MANAGER.email, displayName: 'Léa', role: 'community_manager', password: MANAGER.password });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await moderation?.stop();
});

async function openOncall(email: string, password: string, width: number): Promise<Page> {
  const page = await signInToConsole(browser, moderation.url, { email, password }, { width, height: 900 });
  await page.click('a[data-route="astreinte"]');
  await page.locator('#roster-levels .roster-member').first().waitFor();
  await page.locator('#rotation-rows tr').nth(4).waitFor();
  await page.locator('#holidays-list li').first().waitFor();
  return page;
}

const violations = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('the « Astreinte » view', () => {
  it('lets an administrator edit the roster and the calendar from the keyboard, with no axe violation', async () => {
    const page = await openOncall(moderation.adminEmail, moderation.adminPassword, 1280);
    expect(await page.textContent('#office-status')).toMatch(/^En ce moment : (heures de bureau|hors heures de bureau)/);
    expect(await page.locator('#rotation-rows tr').count()).toBe(5);
    expect(await page.textContent('#holidays-list')).toContain('Noël');
    expect(await violations(page)).toEqual([]);

    // Add someone at level 1: the form is typed into and sent with Enter.
    await page.focus('#member-name');
    await page.keyboard.type('Sophie Durand');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sophie.durand@example.org');
    await page.keyboard.press('Enter');
    const sophie = page.locator('.roster-member', { hasText: 'Sophie Durand' });
    await sophie.waitFor();
    expect(await page.locator('#roster-level-1 + ol > li').count()).toBe(3);

    // Move her up: the focus stays on her « Monter » button, the order changes.
    await sophie.getByRole('button', { name: 'Monter Sophie Durand dans l’ordre' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#roster-level-1 + ol > li .roster-name').allTextContents()).toEqual(['Julie Martin', 'Sophie Durand', 'Karim Benali']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Monter Sophie Durand dans l’ordre');

    // A bad e-mail is refused in French.
    await page.fill('#member-name', 'Test');
    await page.fill('#member-email', 'pas-une-adresse');
    await page.click('#member-submit');
    await expect.poll(() => page.textContent('#member-error')).toBe('Adresse e-mail invalide.');

    // The calendar: a Saturday morning range and an exceptional closure, saved.
    await page.click('[data-add-range="saturday"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hours-saturday-0-start');
    await page.fill('#hours-saturday-0-start', '09:00');
    await page.fill('#hours-saturday-0-end', '12:00');
    await page.click('#closure-add');
    await page.fill('#closure-0-from', '2030-05-31');
    await page.fill('#closure-0-to', '2030-05-31');
    await page.fill('#closure-0-label', 'Fermeture exceptionnelle — pont de l’Ascension');
    await page.selectOption('#calendar-region', 'alsace-moselle');
    await expect.poll(() => page.textContent('#holidays-list')).toContain('Lendemain de Noël');
    expect(await violations(page)).toEqual([]);
    await page.click('#calendar-save');
    await expect.poll(() => page.textContent('#calendar-view')).toContain('Dernière modification');
    const saved = await moderation.services.calendar.current();
    expect(saved.hours.saturday).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(saved.region).toBe('alsace-moselle');
    expect(saved.closures).toEqual([{ from: '2030-05-31', to: '2030-05-31', label: 'Fermeture exceptionnelle — pont de l’Ascension' }]);

    // An impossible range is refused with a message saying where.
    await page.fill('#hours-monday-0-end', '08:00');
    await page.click('#calendar-save');
    await expect.poll(() => page.textContent('#calendar-error')).toBe('Lundi, plage 1 : L’heure de fermeture doit être après l’heure d’ouverture.');
    await page.context().close();
  });

  it('shows a community manager the same information, read only, on a phone, with no axe violation', async () => {
    const page = await openOncall(MANAGER.email, MANAGER.password, 375);
    expect(await page.isHidden('#member-form')).toBe(true);
    expect(await page.locator('#roster-levels button').count()).toBe(0);
    expect(await page.locator('#calendar-view input').count()).toBe(0);
    expect(await page.textContent('#calendar-view')).toContain('Samedi');
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });
});

import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * « Mots surveillés » in Chromium: an administrator adds a watched word, sees at once how many
 * decisions it would change on the newest items and an example, is told in French that the same
 * word in capitals is already there, saves it as a new charter version and moves it to another
 * action; the JSON editor still saves a words rule with a built-in lexicon; axe finds nothing,
 * and nothing overflows a 320 px screen.
 */
const SCREENSHOTS = path.join(os.tmpdir(), 'screens');
let moderation: TestModeration;
let browser: Browser;

const axeViolations = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  moderation = await startModeration();
  const texts = [
    'Le gardien de la résidence Les Tilleuls est un arnaqueur, il garde les cautions',
    'Merci pour la réparation de l’ascenseur !',
    'Encore un arnaqueur à la régie <img src=x onerror=alert(1)>',
    'La réunion du CCL est jeudi à 18 h',
  ];
  for (const [n, text] of texts.entries()) {
    await moderation.services.queue.ingest({
      source: n % 2 ? 'site_comment' : 'facebook_comment',
      accountId: '1001',
      externalId: `c${n}`,
      authorName: `Locataire ${n + 1}`,
      authorExternalId: `u${n}`,
      text,
      createdAt: new Date(Date.parse('2026-03-14T10:00:00Z') + n * 60_000),
    });
  }
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await moderation?.stop();
});

describe('watched words in the charter view', () => {
  it('previews a watched word, refuses it twice, saves it as a new version and moves it', async () => {
    const page = await signInToConsole(browser, moderation.url, { email: moderation.adminEmail, password: moderation.adminPassword });
    await page.getByRole('link', { name: 'Charte' }).click();
    await page.locator('#watched-term').waitFor();
    expect(await page.textContent('#watched-words')).toContain('Aucun mot surveillé ni terme autorisé pour l’instant.');

    await page.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.textContent('#watched-term-error')).toBe('Saisissez un mot ou une expression.');
    expect(await page.getAttribute('#watched-term', 'aria-invalid')).toBe('true');

    await page.getByLabel('Terme (mot ou expression)').fill('arnaqueur');
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Rejeter' });
    await page.getByRole('button', { name: 'Ajouter' }).click();
    const count = page.locator('.watched-count');
    await expect.poll(() => count.textContent()).toBe('Sur les 4 derniers messages : 2 décisions changeraient');
    const examples = page.locator('.watched-example');
    expect(await examples.count()).toBe(2);
    // The newest first; the markup an author wrote is shown as text, never run.
    expect(await examples.first().locator('.watched-excerpt').textContent()).toBe('Encore un arnaqueur à la régie <img src=x onerror=alert(1)>');
    expect(await page.locator('.watched-example img').count()).toBe(0);
    expect(await examples.first().textContent()).toContain('Commentaire Facebook · Locataire 3');
    expect(await examples.first().locator('dd').first().textContent()).toBe('Publier → Rejeter');
    expect(await examples.first().locator('dd').nth(1).textContent()).toBe('Mots surveillés : rejeter : mot interdit : "arnaqueur"');
    expect(await page.textContent('.watched-pending ul')).toBe('+ "arnaqueur" (rejeter)');
    expect(await page.inputValue('#watched-term')).toBe('');
    expect(await axeViolations(page)).toEqual([]);

    // Screens at 1280 and 320 px with the panel open on its preview.
    await page.locator('#watched-panel').screenshot({ path: path.join(SCREENSHOTS, 'charte-mots-surveilles-1280.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charte-1280-page.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.locator('#watched-panel').screenshot({ path: path.join(SCREENSHOTS, 'charte-mots-surveilles-320.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'charte-320-page.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The same word in capitals is the same canonical word: refused, nothing changes.
    await page.getByLabel('Terme (mot ou expression)').fill('ARNAQUEUR');
    await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Signaler (publié, signalé aux modérateurs)' });
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.textContent('#watched-term-error')).toBe('« ARNAQUEUR » est déjà dans les mots surveillés (rejeter), écrit « arnaqueur » : rien n’a changé.');
    expect(await page.textContent('.watched-pending ul')).toBe('+ "arnaqueur" (rejeter)');
    await page.getByLabel('Terme (mot ou expression)').fill('x'.repeat(120));
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.textContent('#watched-term-error')).toBe('Le terme est trop long (120 caractères) : il doit faire moins de 100 caractères.');
    await page.getByLabel('Terme (mot ou expression)').fill('');

    await page.getByRole('button', { name: 'Enregistrer les mots surveillés' }).click();
    await expect.poll(() => page.textContent('#charter-version')).toMatch(/^Version en vigueur : 2 —/);
    expect(await page.textContent('#watched-status')).toBe('Mots surveillés enregistrés : version 2 de la charte.');
    expect(await page.textContent('#charter-history li')).toContain('« Mots surveillés : + "arnaqueur" (rejeter) »');
    const saved = (await moderation.services.charter.current()).charter.rules.find((rule) => rule.id === 'mots-surveilles-rejeter');
    expect(saved).toEqual({ id: 'mots-surveilles-rejeter', label: 'Mots surveillés : rejeter', severity: 'medium', action: 'reject', enabled: true, params: { kind: 'words', terms: ['arnaqueur'] } });

    // Once saved, still refused; moved to « signaler », it is one change.
    await page.getByLabel('Terme (mot ou expression)').fill('Arnaqueur');
    await page.getByRole('button', { name: 'Ajouter' }).click();
    await expect.poll(() => page.textContent('#watched-term-error')).toBe('« Arnaqueur » est déjà dans les mots surveillés (rejeter), écrit « arnaqueur » : rien n’a changé.');
    await page.getByLabel('Action pour « arnaqueur »').selectOption({ label: 'Signaler (publié, signalé aux modérateurs)' });
    await expect.poll(() => page.textContent('.watched-pending ul')).toBe('"arnaqueur" : rejeter → signaler');
    expect(await count.textContent()).toBe('Sur les 4 derniers messages : 2 décisions changeraient');
    expect(await examples.first().locator('dd').first().textContent()).toBe('Rejeter → Publier, signalé');
    await page.getByRole('button', { name: 'Enregistrer les mots surveillés' }).click();
    await expect.poll(() => page.textContent('#charter-version')).toMatch(/^Version en vigueur : 3 —/);
    const rules = (await moderation.services.charter.current()).charter.rules;
    expect(rules.map((rule) => rule.id).filter((id) => id.startsWith('mots-'))).toEqual(['mots-surveilles-signaler']);
    expect(await page.textContent('#charter-history li')).toContain('« Mots surveillés : "arnaqueur" : rejeter → signaler »');
    expect(await axeViolations(page)).toEqual([]);

    // The JSON editor of the other rules takes a built-in lexicon in place of, or with, terms.
    const swearing = page.locator('.rule', { has: page.getByRole('heading', { name: 'Grossièretés' }) });
    await swearing.getByText('Modifier les réglages (JSON)').click();
    await page.getByLabel('Réglages de « Grossièretés »').fill('{ "lexicon": "grossieretes", "terms": ["fait chier"] }');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await expect.poll(() => page.textContent('#charter-version')).toMatch(/^Version en vigueur : 4 —/);
    expect(await swearing.textContent()).toContain('lexique grossièretés + 1 terme');
    expect((await moderation.services.charter.current()).charter.rules.find((rule) => rule.id === 'grossieretes')!.params).toEqual({ kind: 'words', lexicon: 'grossieretes', terms: ['fait chier'] });
    await page.context().close();
  });
});

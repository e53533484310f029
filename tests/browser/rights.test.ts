import { AxeBuilder } from '@axe-core/playwright';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * The « Données personnelles » view in Chromium: an administrator finds a tenant’s contact
 * message by e-mail, downloads the export, erases it through the confirmation dialog; searching
 * again finds nothing. axe finds nothing; screenshots at 320 and 1280 px.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'output', 'screenshots');
const EMAIL = 'sylvie.martin@exemple.fr';
const MESSAGE = 'Bonjour, la porte du hall de la résidence Les Tilleuls ferme mal depuis lundi.';

let moderation: TestModeration;
let browser: Browser;

beforeAll(async () => {
  moderation = await startModeration();
  const res = await fetch(`${moderation.url}/public/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-site-token': moderation.siteToken },
    body: JSON.stringify({ name: 'Sylvie Martin', contact: EMAIL, subject: 'Porte du hall', message: MESSAGE, consent: true, clientKey: 'rights-browser-0001' }),
  });
  expect(res.status).toBe(201);
  await res.body?.cancel();
  // A request the tenant confirmed from the site (the flow itself: tests/privacy/rights-request.test.ts).
  const at = new Date().toISOString();
  await moderation.services.db
    .insertInto('rights_requests')
    .values({ id: 'demande-1', email: EMAIL, kind: 'erasure', message: 'Et mon commentaire sur Facebook.', token_hash: 'h'.repeat(64), created_at: at, expires_at: at, confirmed_at: at, handled_at: null, handled_by: null })
    .execute();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await moderation?.stop();
});

const violations = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** Types the address and sends the form from the keyboard. */
async function searchByEmail(page: Page) {
  await page.selectOption('#rights-kind', 'email');
  await page.focus('#rights-value');
  await page.keyboard.type(EMAIL);
  await page.keyboard.press('Enter');
}

describe('the « Données personnelles » view', () => {
  it('finds, exports and erases a tenant’s contact message, with no axe violation', async () => {
    const page = await signInToConsole(browser, moderation.url, { email: moderation.adminEmail, password: moderation.adminPassword }, { width: 1280, height: 900 });
    await page.click('a[data-route="donnees-personnelles"]');
    await page.locator('#rights-form').waitFor();

    // An invalid address is refused in French, in the alert region.
    await page.fill('#rights-value', 'pas-une-adresse');
    await page.click('#rights-form button[type=submit]');
    await expect.poll(() => page.textContent('#rights-error')).toContain('Adresse e-mail invalide');

    // The tenant's request from the site is listed; its button searches the address.
    await expect.poll(() => page.textContent('#rights-requests-list')).toContain('Effacement de ses données — sylvie.martin@exemple.fr');
    expect(await page.textContent('#rights-requests-count')).toBe('1 à traiter');
    await page.getByRole('button', { name: 'Rechercher cette adresse' }).click();
    await page.locator('#rights-actions').waitFor();
    expect(await page.inputValue('#rights-value')).toBe(EMAIL);
    expect(await page.textContent('#rights-results')).toContain(MESSAGE);
    // Each record reads in French, as the rest of the console: no stored code such as « site_contact ».
    expect(await page.textContent('#rights-results')).toContain('Formulaire de contact · Sylvie Martin · En attente');
    expect(await page.textContent('#rights-results')).toContain('Arrivée dans la file');
    expect(await page.textContent('#rights-results')).not.toMatch(/site_contact|ingested|held/);
    expect(await page.textContent('#rights-error')).toBe('');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-donnees-personnelles-1280.png'), fullPage: true });

    // The export: a JSON file holding the message.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rights-export')]);
    expect(download.suggestedFilename()).toMatch(/^donnees-personnelles-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = await readFile(await download.path(), 'utf8');
    expect(JSON.stringify(JSON.parse(exported))).toContain(MESSAGE);

    // The French summary.
    await page.click('#rights-summary');
    await page.locator('#rights-summary-panel').waitFor();
    expect((await page.textContent('#rights-summary-text'))?.length).toBeGreaterThan(0);

    // Erase: the dialog first (focus on « Annuler »), then the counts are said.
    await page.click('#rights-erase');
    await page.locator('#confirm-dialog[open]').waitFor();
    await page.click('#confirm-yes');
    await expect.poll(() => page.textContent('#rights-status')).toMatch(/^Données effacées ou anonymisées : \d+ élément/);
    await expect.poll(() => page.textContent('#announcer')).toMatch(/^Données effacées ou anonymisées/);
    expect(await page.isHidden('#rights-actions')).toBe(true);

    // Searching again finds nothing.
    await page.fill('#rights-value', '');
    await searchByEmail(page);
    await expect.poll(() => page.textContent('#rights-status')).toBe('Aucune donnée trouvée pour cet identifiant.');
    expect(await page.textContent('#rights-results')).toBe('');

    // The request is answered: marked so, it leaves the « à traiter » count.
    await page.getByRole('button', { name: 'Marquer comme traitée' }).click();
    await expect.poll(() => page.textContent('#rights-requests-count')).toBe('aucune à traiter');
    expect(await page.textContent('#rights-requests-list')).toContain('traitée le');
    await page.context().close();
  });

  it('fits a 320 px screen, with no axe violation', async () => {
    const page = await signInToConsole(browser, moderation.url, { email: moderation.adminEmail, password: moderation.adminPassword }, { width: 320, height: 800 });
    await page.click('a[data-route="donnees-personnelles"]');
    await page.locator('#rights-form').waitFor();
    await searchByEmail(page);
    await expect.poll(() => page.textContent('#rights-status')).not.toBe('Recherche…');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-donnees-personnelles-320.png'), fullPage: true });
    await page.context().close();
  });
});

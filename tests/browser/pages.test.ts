import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'output', 'screenshots');
const rehab = demoContent.worksites.find((w) => w.status === 'en_cours' && w.kind === 'rehabilitation')!;
const article = demoContent.articles.find((a) => a.worksite)!;

/** One page of each type, named for its screenshot. */
const PAGES: [string, string][] = [
  ['accueil', '/'],
  ['rubrique', '/actualites'],
  ['chantiers', '/chantiers'],
  ['chantier', `/chantiers/${rehab.slug}`],
  ['article', `/articles/${article.slug}`],
  ['etiquette', `/tags/${article.tags[0]}`],
  ['lettres', '/newsletters'],
  ['lettre', `/newsletters/${demoContent.newsletters[0]!.slug}`],
  ['recherche', '/recherche?q=chauffage'],
  ['charte', '/charte'],
  ['contact', '/contact'],
  ['suivi', '/suivi'],
  ['suivi-inconnue', '/suivi?reference=REC-2020-999999'],
  ['abonnements', '/abonnements'],
  ['abonnement-envoye', '/abonnements/inscription?etat=envoye&retour=/newsletters'],
  ['lien-non-valable', '/abonnements/desinscription?jeton=abc'],
  ['mes-donnees', '/mes-donnees'],
  ['mes-donnees-confirmation', '/mes-donnees/confirmation?jeton=abc'],
  ['introuvable', '/cette-page-nexiste-pas'],
];
const WIDTHS = [375, 1280];

let hub: TestHub;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  hub = await startTestHub();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
});

describe.each(WIDTHS)('at %i px wide', (width) => {
  it.each(PAGES)('%s (%s) has no accessibility violation and no horizontal scroll', async (name, url) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    try {
      await page.goto(hub.siteUrl + url, { waitUntil: 'load' });
      const results = await new AxeBuilder({ page }).analyze();
      const violations = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe('keyboard and no-JavaScript use', () => {
  it('reaches the main content with the skip link, first Tab stop on the page', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(hub.siteUrl + '/chantiers');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await context.close();
  });

  it('searches without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(hub.siteUrl + '/recherche');
    await page.fill('#q', rehab.residence);
    await page.click('form.search-form button[type=submit]');
    await page.waitForURL(/\/recherche\?q=/);
    expect(await page.textContent('main')).toContain(rehab.name);
    await context.close();
  });
});

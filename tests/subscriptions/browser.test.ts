import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { linkIn } from './helpers.ts';

let hub: TestHub;
let smtp: SmtpSink;
let browser: Browser;
const worksite = demoContent.worksites.find((w) => w.status === 'en_cours')!;

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url } });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await smtp?.close();
});

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('subscribing in a browser', () => {
  it('works without JavaScript (plain form post and redirect)', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${hub.siteUrl}/newsletters`);
      await page.getByLabel('Votre adresse e-mail').fill('sans.js@exemple.fr');
      await page.getByRole('button', { name: 'S’abonner' }).click();
      await page.waitForURL(/\/abonnements\/inscription\?etat=envoye/);
      expect(await page.textContent('main')).toContain('Un e-mail de confirmation vient d’être envoyé');
      await smtp.waitFor(1, 'sans.js@exemple.fr');
    } finally {
      await context.close();
    }
  });

  it('goes from the worksite page to the preferences page, every step accessible (axe-core)', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    try {
      await page.goto(`${hub.siteUrl}/chantiers/${worksite.slug}`);
      // A mistake first: the message is tied to the field, the page stays accessible.
      await page.getByLabel('Votre adresse e-mail').fill('lucie.petit@exemple');
      await page.getByRole('button', { name: 'S’abonner' }).click();
      await expect.poll(() => page.title()).toContain('Erreur');
      const field = page.getByLabel('Votre adresse e-mail');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#abonnement-email-erreur').textContent()).toContain('n’est pas valide');
      expect(await violations(page)).toEqual([]);

      await field.fill('lucie.petit@exemple.fr');
      await page.getByLabel('Un résumé par jour').check();
      await page.getByRole('button', { name: 'S’abonner' }).click();
      await expect.poll(() => page.textContent('main')).toContain('Un e-mail de confirmation vient d’être envoyé');
      expect(await violations(page)).toEqual([]);

      const [mail] = await smtp.waitFor(1, 'lucie.petit@exemple.fr');
      await page.goto(linkIn(mail!, '/abonnements/confirmation', hub));
      expect(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
      await expect.poll(() => page.textContent('main')).toContain('Abonnement confirmé');

      await page.getByRole('link', { name: 'Gérer mes abonnements' }).click();
      await expect.poll(() => page.textContent('main')).toContain(`Alertes du chantier « ${worksite.name} »`);
      expect(await page.getByLabel('Un résumé par jour').isChecked()).toBe(true);
      expect(await violations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Effacer mes données' }).click();
      await expect.poll(() => page.textContent('main')).toContain('Cochez la case pour confirmer');
      expect(await violations(page)).toEqual([]);
      await page.getByLabel(/Je veux effacer mon adresse/).check();
      await page.getByRole('button', { name: 'Effacer mes données' }).click();
      await expect.poll(() => page.textContent('main')).toContain('Toutes les données liées à votre adresse ont été effacées');
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

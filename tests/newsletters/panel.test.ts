import type { Knex } from 'knex';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { cmsDatabase } from '../subscriptions/helpers.ts';
import { addSubscribers, publishedNewsletter } from './helpers.ts';

/** The « Envoi aux abonnés » panel of the newsletter edit view, used in Chromium as the team would. */
let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '200' } });
  db = cmsDatabase(hub);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

describe('the sending panel in the CMS', () => {
  it('sends a test, then the newsletter, and shows the progress', async () => {
    await addSubscribers(db, { count: 12, prefix: 'voisin' });
    const newsletter = await publishedNewsletter(hub, 'Lettre du panneau');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${hub.cmsUrl}/admin/auth/login`);
    await page.fill('input[name="email"]', hub.adminEmail);
    await page.fill('input[name="password"]', hub.secrets.HUB_ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin(\/)?$/, { timeout: 30_000 });
    await page.goto(`${hub.cmsUrl}/admin/content-manager/collection-types/api::newsletter.newsletter/${newsletter.documentId}`);

    await page.getByText('Envoi aux abonnés').waitFor({ timeout: 30_000 });
    await page.getByText('12 abonné·e·s actif·ve·s recevront la version publiée.').waitFor();
    await page.getByLabel('Adresse pour un envoi de test').fill('redaction@bailleur.example');
    await page.getByRole('button', { name: 'Envoyer un test' }).click();
    try {
      await smtp.waitFor(1, 'redaction@bailleur.example');
    } catch (e) {
      await page.screenshot({ path: 'tests/output/screenshots/debug-panel.png', fullPage: true });
      console.log(hub.cms.output.slice(-10).join('\n'));
      throw e;
    }

    await page.getByRole('button', { name: 'Envoyer la lettre' }).click();
    await page.getByText('Une lettre ne s’envoie qu’une fois').waitFor();
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await page.getByText('Envoi terminé').waitFor({ timeout: 30_000 });
    await page.getByText('Envoyés : 12 · Échecs : 0 · Restants : 0').waitFor();
    await page.screenshot({ path: 'tests/output/screenshots/newsletter-panel-1280.png', fullPage: true });
    expect(smtp.messages.filter((m) => m.parsed.subject === 'Lettre du panneau')).toHaveLength(12);
    await context.close();
  });
});

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewItem } from '../../moderation/src/queue/service.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';

/**
 * The item detail explains a verdict on a 320 px screen: « Mots repérés » lists each listed term
 * as the text wrote it (shown as text, never as markup), and an item the charter could not judge
 * says why it waits « à relire ». The charter's `judge` is replaced on the service's charter book,
 * so the test does not depend on the word lists of the day.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'output', 'screenshots');
const INSULT = 'Bande de c0nnards, <b>0rdure</b>';
const POISON = 'Un texte que la charte ne sait pas lire';
let mod: TestModeration;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mod = await startModeration();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const charter = mod.services.charter;
  const real = charter.judge;
  vi.spyOn(charter, 'judge').mockImplementation((compiled, input, context) => {
    if (input.text === POISON) throw new Error('charte en panne');
    const verdict = real(compiled, input, context);
    if (input.text !== INSULT) return verdict;
    const terms = [
      { term: 'connard', written: 'c0nnard', source: 'termes du bailleur' },
      { term: 'ordure', written: '<b>0rdure</b>', source: 'french-badwords-list 1.0.7 (MIT)' },
    ];
    // Held, so that it shows in the default « À traiter » tab.
    return { ...verdict, decision: 'hold', matches: [{ ruleId: 'insultes', action: 'hold', severity: 'high', reason: 'mots interdits', terms }], ruleIds: ['insultes'] };
  });
  let n = 0;
  const comment = (text: string): NewItem => ({ source: 'facebook_comment', accountId: '1001', externalId: `post_1_c${++n}`, authorName: `Locataire ${n}`, authorExternalId: `u${n}`, text, createdAt: mod.services.clock() });
  await mod.services.queue.ingest(comment(INSULT));
  await mod.services.queue.ingest(comment(POISON));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await browser?.close();
  await mod?.stop();
});

async function openItem(text: string): Promise<Page> {
  const page = await signInToConsole(browser, mod.url, { email: mod.adminEmail, password: mod.adminPassword }, { width: 320, height: 800 });
  const item = page.locator('#queue-list .queue-item', { hasText: text });
  await item.click();
  return page;
}

const axeViolations = async (page: Page) => (await new AxeBuilder({ page }).include('#item-detail').analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('an explained verdict in the console', () => {
  it('lists the terms found, as written, with the rule and the list, on a 320 px screen', async () => {
    const page = await openItem('Bande de c0nnards');
    const terms = page.locator('#detail-summary .matched-terms');
    await terms.waitFor();
    expect(await terms.locator('h3').textContent()).toBe('Mots repérés');
    const entries = await terms.locator('li').allTextContents();
    expect(entries).toEqual([
      'c0nnard pour « connard »Insultes et injures · liste : termes du bailleur',
      '<b>0rdure</b> pour « ordure »Insultes et injures · liste : french-badwords-list 1.0.7 (MIT)',
    ]);
    expect(await terms.locator('code').allTextContents()).toEqual(['c0nnard', '<b>0rdure</b>']);
    expect(await terms.locator('b').count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#detail-summary').screenshot({ path: path.join(SCREENSHOTS, 'console-mots-reperes-320.png') });
    await page.context().close();
  });

  it('says why an item the charter could not judge waits for a person', async () => {
    const page = await openItem('Un texte que la charte');
    const reason = page.locator('#detail-history .event-decision', { hasText: 'Motif : À relire' });
    await reason.waitFor();
    expect(await reason.textContent()).toContain('la charte n’a pas pu juger ce message (erreur interne), il attend une décision humaine.');
    expect(await page.locator('#detail-summary .matched-terms').count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});

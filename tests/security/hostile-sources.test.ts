import { createGraphEmulator, createXEmulator, type GraphEmulator, type XEmulator } from '@hub/emulators';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedStatusUpdate, startCrmReceiver, type CrmReceiver } from '../claims/crm-receiver.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToConsole } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';
import { tagOf, VECTORS } from './vectors.ts';
import { watch } from './watch.ts';

/**
 * The hostile corpus through every other door a stranger has into the console: the site's
 * contact form (as the site posts it), a Facebook comment and an X mention read from the local
 * emulators (author names too), and the CRM's signed status updates on a claim. Then the
 * console's views that show them, in Chromium: nothing runs, no CSP violation, no error, and
 * the text reads as typed.
 */
const PAGE = { id: '3097001', name: 'Habitat Val de Loire', accessToken: 'page-token-hostile' };
const ACCOUNT = { id: '17000099', username: 'HVL_Habitat', bearerToken: 'x-token-hostile' };
const CRM_SECRET = 'secret-grc-hostile';
/** Every 13th contact message also speaks of gas: each opens a crisis (« un message urgent »). */
const URGENT_EVERY = 13;

const INPUTS = [
  'contact form: name',
  'contact form: e-mail or phone',
  'contact form: residence',
  'contact form: subject',
  'contact form: message',
  'Facebook comment: author name',
  'Facebook comment: message',
  'X mention: author name',
  'X mention: text',
  'CRM status update: status',
  'CRM status update: note',
  'CRM status update: CRM reference',
];
const VIEWS: string[] = [];

let hub: TestHub;
let crm: CrmReceiver;
let graph: GraphEmulator;
let x: XEmulator;
let browser: Browser;
let page: Page;
let problems: () => Promise<string[]>;
let seen = 0;
const closers: (() => Promise<void>)[] = [];
let client: ReturnType<typeof consoleClient>;
const contactAccepted: number[] = [];
const claims: { source: string; reference: string }[] = [];
let statusRefused = 0;
let statusApplied = 0;

const field = (index: number, max: number) => `${tagOf(index)} ${VECTORS[index]!.payload}`.slice(0, max);

/** Runs `work` on every index, `size` at a time. */
async function inBatches(size: number, work: (index: number) => Promise<void>) {
  for (let start = 0; start < VECTORS.length; start += size) {
    await Promise.all(VECTORS.slice(start, start + size).map((_, offset) => work(start + offset)));
  }
}

interface QueueItem {
  id: string;
  source: string;
  state: string;
  text: string;
  authorName: string;
}

/** Every item of `sources`, through the API (pages of 100). */
async function itemsOf(sources: string[]): Promise<QueueItem[]> {
  const all: QueueItem[] = [];
  let after: string | null = null;
  for (;;) {
    const q: { data?: { queue: { items: QueueItem[]; endCursor: string | null; hasMore: boolean } } } = await client.query('query($f: QueueFilter, $a: String){ queue(filter: $f, first: 100, after: $a) { items { id source state text authorName } endCursor hasMore } }', { f: { sources }, a: after });
    const queue = q.data!.queue;
    all.push(...queue.items);
    if (!queue.hasMore) return all;
    after = queue.endCursor;
  }
}

/** The problems the watcher saw since the last call. */
async function newProblems(): Promise<string[]> {
  const found = await problems();
  const fresh = found.slice(seen);
  seen = found.length;
  return fresh;
}

/** Markup a stranger typed must never become elements of the console. */
const injected = () => page.locator('main [onerror], main [onload], main [onfocus], main [onmouseover], main [ontoggle], main script, main iframe, main object, main embed, main a[href^="javascript" i]').count();

beforeAll(async () => {
  crm = await startCrmReceiver(CRM_SECRET);
  closers.push(crm.close);
  graph = createGraphEmulator({ pages: [PAGE] });
  x = createXEmulator({ accounts: [ACCOUNT] });
  const [g, xr] = [await graph.start(), await x.start()];
  closers.push(g.close, xr.close);
  const post = graph.addPost(PAGE.id, { message: 'Travaux de ravalement : la façade du bâtiment B' });
  for (const [index] of VECTORS.entries()) {
    graph.addComment(PAGE.id, post.id, { from: { id: String(800000 + index), name: field(index, 80) }, message: field(index, 2000) });
    x.addMention(ACCOUNT.id, { from: { username: `locataire_${index}`, name: field(index, 50) }, text: field(index, 250) });
  }
  hub = await startTestHub({
    moderationEnv: {
      FACEBOOK_GRAPH_URL: g.url,
      TWITTER_API_URL: xr.url,
      FACEBOOK_PAGES: JSON.stringify([PAGE]),
      TWITTER_ACCOUNTS: JSON.stringify([ACCOUNT]),
      SOCIAL_POLL_SECONDS: '0.5',
      CLAIMS_WEBHOOK_URL: crm.url,
      CLAIMS_WEBHOOK_SECRET: CRM_SECRET,
      OUTBOX_POLL_MS: '100',
    },
  });
  closers.unshift(() => hub.stop());

  // 1. The contact form, as the site posts it (one visitor each: the form's rate limit is per visitor).
  await inBatches(20, async (index) => {
    const urgent = index % URGENT_EVERY === 0 ? 'Odeur de gaz dans l’escalier. ' : '';
    const res = await fetch(`${hub.moderationUrl}/public/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-site-token': hub.secrets.MODERATION_SITE_TOKEN },
      body: JSON.stringify({
        name: field(index, 80),
        contact: field(index, 120),
        residence: field(index, 120),
        subject: field(index, 120),
        message: `${urgent}${field(index, 3900)}`,
        consent: true,
        clientKey: `hostile-contact-${String(index).padStart(8, '0')}`,
      }),
    });
    await res.body?.cancel();
    if (res.status === 201) contactAccepted.push(index);
  });

  client = consoleClient(hub.moderationUrl);
  await client.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
  // 2. The emulators' comments and mentions, read by the connectors.
  await eventually(async () => {
    const [fb, xm] = [await itemsOf(['facebook_comment']), await itemsOf(['x_mention'])];
    return fb.length >= VECTORS.length && xm.length >= VECTORS.length ? true : undefined;
  }, 60_000, 500);

  // 3. Claims from a contact message, a Facebook comment and an X mention; the CRM then reports on the first.
  for (const source of ['site_contact', 'facebook_comment', 'x_mention']) {
    const item = (await itemsOf([source])).find((i) => i.text.includes(tagOf(1)))!;
    const opened = await client.query<{ openClaim: { reference: string } }>('mutation($id: ID!) { openClaim(itemId: $id, category: porte_interphone_serrure) { reference } }', { id: item.id });
    claims.push({ source, reference: opened.data!.openClaim.reference });
  }
  const reference = claims[0]!.reference;
  await eventually(async () => (crm.requests.some((r) => r.status === 201 && r.headers['idempotency-key'] === `claim_push:${reference}`) ? true : undefined), 15_000);
  await eventually(async () => {
    const q = await client.query<{ claim: { status: string } | null }>('query($r: String!) { claim(reference: $r) { status } }', { r: reference });
    return q.data?.claim?.status === 'transmise' ? true : undefined;
  }, 15_000);
  const postStatus = async (payload: Record<string, unknown>) => {
    const update = signedStatusUpdate(CRM_SECRET, payload);
    const res = await fetch(`${hub.moderationUrl}/claims/status`, { method: 'POST', headers: update.headers, body: update.body });
    await res.body?.cancel();
    return res.status;
  };
  // In turn, so that each update is a change (en cours ↔ résolue) and each note is in the journal too.
  for (const [index] of VECTORS.entries()) {
    if ((await postStatus({ reference, status: field(index, 40) })) >= 400) statusRefused++;
    const status = index % 2 === 0 ? 'en_cours' : 'resolue';
    if ((await postStatus({ reference, status, note: field(index, 2000), crmReference: field(index, 100) })) === 200) statusApplied++;
  }

  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  page = await signInToConsole(browser, hub.moderationUrl, { email: hub.adminEmail, password: hub.secrets.HUB_ADMIN_PASSWORD });
  problems = await watch(page);
  // Loaded again, watched from the first script on (the session cookie is kept).
  await page.reload();
  await page.waitForSelector('#queue-list', { state: 'attached' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const close of closers) await close();
});

/** Vectors whose text must show unchanged: no markup, no line break. */
const plain = (indexes: number[]) => indexes.filter((i) => ['sql', 'template', 'misc'].includes(VECTORS[i]!.family) && !/[<\r\n]/.test(VECTORS[i]!.payload) && field(i, 50) === `${tagOf(i)} ${VECTORS[i]!.payload}`).slice(0, 8);

describe('hostile input through the contact form, the social networks and the CRM', () => {
  it('reaches the console through every door', async () => {
    expect(contactAccepted.length).toBe(VECTORS.length);
    expect((await itemsOf(['site_contact'])).length).toBe(VECTORS.length);
    expect((await itemsOf(['facebook_comment'])).length).toBe(VECTORS.length);
    expect((await itemsOf(['x_mention'])).length).toBe(VECTORS.length);
    // A status is one of the CRM's words: a hostile one is refused, the note and the number are kept as text.
    expect(statusRefused).toBe(VECTORS.length);
    expect(statusApplied).toBe(VECTORS.length);
    expect(claims).toHaveLength(3);
    // The console was loaded with the watcher's init script in place.
    expect(await page.evaluate(() => typeof (window as unknown as { __pwned?: unknown }).__pwned)).toBe('function');
  });

  it('nothing runs in the queue, in every tab that holds the items', async () => {
    const counts = await client.query<{ queue: { counts: { state: string; count: number }[] } }>('query { queue(first: 1) { items { id } counts { state count } } }');
    const held = new Set(counts.data!.queue.counts.filter((c) => c.count > 0).map((c) => c.state));
    const tabs = await page.locator('button.state-tab').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.tab!));
    // The tabs of the console (queue.js): each shows some states, « Tous » all of them.
    const statesOf: Record<string, string[]> = { todo: ['new', 'held'], new: ['new'], held: ['held'], escalated: ['escalated'], approved: ['approved'], answered: ['answered'], hidden: ['hidden'], rejected: ['rejected'], deleted: ['deleted'], all: [] };
    const opened: string[] = [];
    for (const tab of tabs) {
      const states = statesOf[tab];
      if (states && states.length > 0 && !states.some((s) => held.has(s))) continue;
      await page.click(`button.state-tab[data-tab=${tab}]`);
      await page.locator(`button.state-tab[data-tab=${tab}][aria-pressed=true]`).waitFor();
      await page.locator('#queue-list .queue-item').first().waitFor();
      // Every page of the tab, not only the first: « Charger plus » until the tab's count is shown.
      const expected = counts.data!.queue.counts.filter((c) => states === undefined || states.length === 0 || states.includes(c.state)).reduce((n, c) => n + c.count, 0);
      for (let i = 0; i < 30 && (await page.locator('#queue-list .queue-item').count()) < expected; i++) {
        const before = await page.locator('#queue-list .queue-item').count();
        await page.locator('#load-more').waitFor({ state: 'visible' });
        await page.click('#load-more');
        await expect.poll(() => page.locator('#queue-list .queue-item').count()).toBeGreaterThan(before);
      }
      opened.push(tab);
      expect(await newProblems(), `tab ${tab}`).toEqual([]);
      expect(await injected(), `tab ${tab}`).toBe(0);
    }
    expect(opened).toContain('all');
    VIEWS.push(`queue (${opened.length} tabs: ${opened.join(', ')})`);
    // « Tous » holds everything: 3 × 154 items and the text reads as typed, escaped not dropped.
    expect(await page.locator('#queue-list .queue-item').count()).toBeGreaterThanOrEqual(3 * VECTORS.length);
    const text = (await page.textContent('#queue-list')) ?? '';
    const sample = plain([...VECTORS.keys()]);
    expect(sample.length).toBeGreaterThan(3);
    for (const i of sample) expect(text.split(`${tagOf(i)} ${VECTORS[i]!.payload}`).length - 1, tagOf(i)).toBeGreaterThanOrEqual(3);
  });

  for (const source of ['site_contact', 'facebook_comment', 'x_mention']) {
    it(`nothing runs in the detail of each ${source} item`, async () => {
      const items = await itemsOf([source]);
      await page.click('button.state-tab[data-tab=all]');
      for (let i = 0; i < 30 && (await page.locator('#load-more').isVisible()); i++) {
        const before = await page.locator('#queue-list .queue-item').count();
        await page.click('#load-more');
        await expect.poll(() => page.locator('#queue-list .queue-item').count()).toBeGreaterThan(before);
      }
      for (const item of items) {
        const tag = /hv\d{3}/.exec(item.text)![0];
        await page.click(`#queue-list .queue-item[data-id="${item.id}"]`);
        await page.locator('#detail-summary', { hasText: tag }).waitFor();
      }
      await page.waitForTimeout(300);
      expect(await newProblems()).toEqual([]);
      expect(await injected()).toBe(0);
      // The last one opened reads as typed, author and text.
      const last = items.at(-1)!;
      const summary = (await page.textContent('#detail-summary')) ?? '';
      expect(summary).toContain(last.authorName);
      expect(summary).toContain(last.text.split('\n')[0]);
      VIEWS.push(`detail: ${source}`);
    });
  }

  it('nothing runs in « Réclamations » nor in the claim the CRM reported on', async () => {
    await page.goto(`${hub.moderationUrl}/#/reclamations`);
    await page.locator('#claims-rows a', { hasText: claims[0]!.reference }).waitFor();
    expect(await newProblems()).toEqual([]);
    expect(await injected()).toBe(0);
    VIEWS.push('Réclamations');

    for (const claim of claims) {
      await page.click(`#claims-rows a:text-is("${claim.reference}")`);
      await page.locator('#claim-title', { hasText: claim.reference }).waitFor();
      await page.waitForTimeout(200);
      expect(await newProblems(), claim.source).toEqual([]);
      expect(await injected(), claim.source).toBe(0);
    }
    await page.click(`#claims-rows a:text-is("${claims[0]!.reference}")`);
    await page.locator('#claim-title', { hasText: claims[0]!.reference }).waitFor();
    const detail = (await page.textContent('#claim-detail')) ?? '';
    // The CRM's last number and notes (typed by whoever writes in the CRM) show as text.
    expect(detail).toContain(`N° GRC${field(VECTORS.length - 1, 100).trim()}`);
    const sample = plain([...VECTORS.keys()]);
    for (const i of sample) expect(detail).toContain(`${tagOf(i)} ${VECTORS[i]!.payload}`);
    VIEWS.push('claim detail');
  });

  it('nothing runs in « Crises » nor in a crisis', async () => {
    await page.goto(`${hub.moderationUrl}/#/crises`);
    const links = page.locator('#crises-list a');
    await links.first().waitFor();
    // Each urgent message opens its own crisis, unless a spike of negative messages gathers them into one.
    expect(await links.count()).toBeGreaterThan(0);
    expect(await newProblems()).toEqual([]);
    VIEWS.push('Crises');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of hrefs) {
      await page.goto(`${hub.moderationUrl}/${href}`);
      await page.locator('#crisis-detail .crisis-items li').first().waitFor();
      expect(await newProblems(), href).toEqual([]);
      expect(await injected(), href).toBe(0);
    }
    // A crisis shows its urgent message as typed.
    expect((await page.textContent('#crisis-detail')) ?? '').toMatch(/Odeur de gaz dans l’escalier\. hv\d{3}/);
    VIEWS.push('crisis detail');
  });

  it('nothing runs in the « Journal »', async () => {
    await page.goto(`${hub.moderationUrl}/#/journal`);
    await page.locator('#audit-rows tr').first().waitFor();
    for (let i = 0; i < 40 && (await page.locator('#audit-more').isVisible()); i++) {
      const before = await page.locator('#audit-rows tr').count();
      await page.click('#audit-more');
      await expect.poll(() => page.locator('#audit-rows tr').count()).toBeGreaterThan(before);
    }
    expect(await newProblems()).toEqual([]);
    expect(await injected()).toBe(0);
    // The CRM's notes are in the journal, as text.
    const text = (await page.textContent('#audit-rows')) ?? '';
    for (const i of plain([...VECTORS.keys()])) expect(text).toContain(`${tagOf(i)} ${VECTORS[i]!.payload}`);
    VIEWS.push('Journal');
    console.log(`${VECTORS.length} vectors × ${INPUTS.length} inputs × ${VIEWS.length} views (${VIEWS.join('; ')})`);
    expect(VIEWS).toHaveLength(9);
  });

  it('would see markup that reached the console’s page (self-check of the watcher and of the counts)', async () => {
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'x';
      img.setAttribute('onerror', "window.__pwned('self')");
      document.querySelector('main')!.append(img);
    });
    await expect.poll(async () => (await newProblems()).some((p) => p.startsWith('CSP'))).toBe(true);
    expect(await injected()).toBe(1);
  });
});

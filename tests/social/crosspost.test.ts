import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEmulator, createXEmulator, type GraphEmulator, type XEmulator } from '@hub/emulators';
import { createOutboxWorker } from '../../moderation/src/outbox/worker.ts';
import { startModeration, type TestModeration } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';

const waitFor = (check: () => boolean | Promise<boolean>, timeoutMs = 8000) => eventually(async () => ((await check()) ? true : undefined), timeoutMs);

/** CMS_PUBLISH_SECRET: the CMS → moderation key. HUB_REVALIDATE_SECRET, the site's cache-notice key, must not do. */
const SECRET = 'publish-secret-for-tests';
const REVALIDATE_SECRET = 'revalidate-secret-for-tests';
const SITE = 'https://www.bailleur.example';
const PAGES = [
  { id: '2048001', name: 'Habitat', accessToken: 'page-token-1' },
  { id: '2048002', name: 'Habitat Chantiers', accessToken: 'page-token-2' },
];
const ACCOUNT = { id: '16000001', username: 'HabitatInfo', bearerToken: 'x-token' };

/** What the CMS sends (cms/src/social/share.ts): signed like the site's change notices, with its own key. */
async function notify(mod: TestModeration, notice: Record<string, unknown>, secret = SECRET) {
  const body = JSON.stringify(notice);
  const timestamp = String(Date.now());
  const signature = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  const res = await fetch(`${mod.url}/cms/published`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-timestamp': timestamp, 'x-hub-signature-256': signature },
    body,
  });
  return { status: res.status, body: (await res.json()) as { queued?: number; accounts?: number; error?: { message: string } } };
}

const article = (documentId: string, slug: string, message: string) => ({ documentId, slug, title: message, message, publishedAt: new Date().toISOString() });

describe('cross-posting: an article shared from the CMS is posted once on every Page and X account', () => {
  let graph: GraphEmulator;
  let x: XEmulator;
  let mod: TestModeration;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    process.env.NO_PROXY = '127.0.0.1,localhost';
    graph = createGraphEmulator({ pages: PAGES });
    x = createXEmulator({ accounts: [ACCOUNT] });
    const g = await graph.start();
    const xr = await x.start();
    stops.push(g.close, xr.close);
    mod = await startModeration({
      env: {
        FACEBOOK_GRAPH_URL: g.url,
        TWITTER_API_URL: xr.url,
        FACEBOOK_PAGES: JSON.stringify(PAGES),
        TWITTER_ACCOUNTS: JSON.stringify([ACCOUNT]),
        CMS_PUBLISH_SECRET: SECRET,
        HUB_REVALIDATE_SECRET: REVALIDATE_SECRET,
        PUBLIC_SITE_URL: SITE,
        OUTBOX_POLL_MS: '50',
        OUTBOX_RETRY_BASE_MS: '50',
        SOCIAL_POLL_SECONDS: '3600',
      },
    });
  });
  afterAll(async () => {
    await mod?.stop();
    for (const stop of stops) await stop();
  });

  const postsWith = (pageId: string, link: string) => graph.postsOf(pageId).filter((p) => p.link === link);
  const tweetsWith = (link: string) => x.tweetsBy(ACCOUNT.id).filter((t) => t.text.includes(link));

  it('refuses a notice signed with the site\'s keys (HUB_REVALIDATE_SECRET, MODERATION_SITE_TOKEN): nothing is posted', async () => {
    for (const key of [REVALIDATE_SECRET, mod.siteToken]) {
      const forged = await notify(mod, article('art-forged', 'faux-article', 'Message du site'), key);
      expect(forged.status).toBe(401);
      expect(forged.body.error?.message).toBe('Signature de l’avis de publication invalide ou expirée.');
    }
    expect(await mod.services.outbox.publicationsOf('art-forged')).toEqual([]);
  });

  it('posts the article with its link on each Page and tweets it once; publishing again posts nothing more', async () => {
    const notice = article('art-tilleuls', 'les-tilleuls-renoves', 'Les Tilleuls rénovés — la réhabilitation est terminée');
    const link = `${SITE}/articles/les-tilleuls-renoves`;
    const first = await notify(mod, notice);
    expect(first).toMatchObject({ status: 202, body: { queued: 3, accounts: 3 } });
    await waitFor(async () => (await mod.services.outbox.publicationsOf('art-tilleuls')).every((r) => r.state === 'done'));

    for (const page of PAGES) {
      const posts = postsWith(page.id, link);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.message).toContain('Les Tilleuls rénovés — la réhabilitation est terminée');
      expect(posts[0]!.from.id).toBe(page.id);
    }
    const tweets = tweetsWith(link);
    expect(tweets).toHaveLength(1);
    expect(tweets[0]!.text.startsWith('Les Tilleuls rénovés — la réhabilitation est terminée')).toBe(true);
    expect(tweets[0]!.text.endsWith(` ${link}`)).toBe(true);

    // Republished (or the notice delivered twice): nothing new is queued nor posted.
    const again = await notify(mod, { ...notice, publishedAt: new Date().toISOString() });
    expect(again).toMatchObject({ status: 202, body: { queued: 0 } });
    await new Promise((r) => setTimeout(r, 300));
    for (const page of PAGES) expect(postsWith(page.id, link)).toHaveLength(1);
    expect(tweetsWith(link)).toHaveLength(1);
    expect(await mod.services.outbox.publicationsOf('art-tilleuls')).toHaveLength(3);
  });

  it('trims a long message with « … » so that the tweet fits in 280 characters', async () => {
    const long = 'Résidence Les Acacias : '.padEnd(400, 'travaux de façade et d’isolation ');
    const link = `${SITE}/articles/les-acacias`;
    expect((await notify(mod, { ...article('art-acacias', 'les-acacias', long), title: 'Les Acacias' })).status).toBe(202);
    await waitFor(async () => (await mod.services.outbox.publicationsOf('art-acacias')).every((r) => r.state === 'done'));
    const tweet = tweetsWith(link)[0]!;
    // The message cut with « … », the invisible marker, then the link.
    expect(tweet.text).toMatch(/…[\u200b-\u200d\u2060\u2063]+ https:\/\/www\.bailleur\.example\/articles\/les-acacias$/u);
    expect([...tweet.text.replace(link, 'x'.repeat(23))].length).toBeLessThanOrEqual(280);
  });

  it('does not post again after a crash between the network and the record', async () => {
    await mod.services.outbox.worker.stop();
    const link = `${SITE}/articles/les-platanes`;
    expect((await notify(mod, article('art-platanes', 'les-platanes', 'Les Platanes : nouvelle chaufferie'))).status).toBe(202);
    const deps = { db: mod.services.db, dialect: mod.services.dialect, networks: mod.services.outbox.networks, clock: mod.services.clock, leaseMs: 200 };
    const dying = createOutboxWorker({ ...deps, afterNetwork: () => { throw new Error('kill -9'); } });
    for (let i = 0; i < 3; i++) await expect(dying.runOnce()).rejects.toThrow('simulated crash');
    await new Promise((r) => setTimeout(r, 250));
    const restarted = createOutboxWorker(deps);
    while ((await restarted.runOnce()) > 0);
    for (const page of PAGES) expect(postsWith(page.id, link)).toHaveLength(1);
    expect(tweetsWith(link)).toHaveLength(1);
    const rows = await mod.services.outbox.publicationsOf('art-platanes');
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([['done', 2], ['done', 2], ['done', 2]]);
    expect(rows.every((r) => r.result_external_id)).toBe(true);
  });
});

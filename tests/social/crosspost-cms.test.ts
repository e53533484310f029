import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEmulator, createXEmulator, type GraphEmulator, type XEmulator } from '@hub/emulators';
import { cmsRequest, fullAccessToken } from '../support/cms-admin.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { eventually } from '../support/wait.ts';

/** The whole path: the communication team publishes in the real CMS, the Pages and X get one post. */
const PAGES = [
  { id: '3096001', name: 'Habitat Val de Loire', accessToken: 'page-token-a' },
  { id: '3096002', name: 'HVL Chantiers', accessToken: 'page-token-b' },
];
const ACCOUNT = { id: '17000001', username: 'HVL_Habitat', bearerToken: 'x-token' };

let graph: GraphEmulator;
let x: XEmulator;
let hub: TestHub;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  graph = createGraphEmulator({ pages: PAGES });
  x = createXEmulator({ accounts: [ACCOUNT] });
  const [g, xr] = [await graph.start(), await x.start()];
  closers.push(g.close, xr.close);
  hub = await startTestHub({
    moderationEnv: {
      FACEBOOK_GRAPH_URL: g.url,
      TWITTER_API_URL: xr.url,
      FACEBOOK_PAGES: JSON.stringify(PAGES),
      TWITTER_ACCOUNTS: JSON.stringify([ACCOUNT]),
      SOCIAL_POLL_SECONDS: '3600',
      OUTBOX_POLL_MS: '100',
    },
  });
});
afterAll(async () => {
  await hub?.stop();
  for (const close of closers) await close();
});

describe('an article published with « partager sur les réseaux sociaux »', () => {
  it('is posted once on each Page and on X, with its link, and not again when republished', async () => {
    const token = await fullAccessToken(hub);
    const slug = `travaux-ascenseur-${Date.now()}`;
    const created = await cmsRequest(hub, token, 'POST', 'articles?status=published', {
      data: { title: 'Ascenseurs rénovés aux Tilleuls', slug, excerpt: 'Les deux ascenseurs sont remis en service.', rubrique: 'rehabilitation', commentsOpen: true, shareOnSocial: true },
    });
    const link = `/articles/${slug}`;
    const posted = () => PAGES.map((p) => graph.postsOf(p.id).filter((post) => (post.link ?? '').endsWith(link)).length);
    await eventually(async () => (posted().every((n) => n === 1) ? true : undefined), 15_000);
    const tweets = () => x.tweetsBy(ACCOUNT.id).filter((t) => t.text.includes(link)).length;
    await eventually(async () => (tweets() === 1 ? true : undefined), 15_000);

    // Republishing after an edit must not post again.
    await cmsRequest(hub, token, 'PUT', `articles/${created.data.documentId}?status=published`, { data: { excerpt: 'Les deux ascenseurs sont remis en service depuis lundi.' } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(posted()).toEqual([1, 1]);
    expect(tweets()).toBe(1);
  });

  it('is not posted when sharing was not chosen', async () => {
    const token = await fullAccessToken(hub);
    const slug = `fete-des-voisins-${Date.now()}`;
    await cmsRequest(hub, token, 'POST', 'articles?status=published', { data: { title: 'Fête des voisins', slug, rubrique: 'actualites', commentsOpen: true } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(PAGES.flatMap((p) => graph.postsOf(p.id)).some((post) => (post.link ?? '').includes(slug))).toBe(false);
  });
});

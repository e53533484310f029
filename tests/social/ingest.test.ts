/**
 * The polling connectors end to end: the real Graph and X emulators, the real SDKs, the real
 * moderation service (SQLite) polling every 100 ms with pages of 5.
 */
import { createGraphEmulator, createXEmulator, type RunningEmulator } from '@hub/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, startModeration, type TestModeration } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';

const PAGE_A = { id: '104857600000001', name: 'Habitat Val-de-Seine', accessToken: 'EAAG-page-a' };
const PAGE_B = { id: '104857600000002', name: 'Habitat Rive-Gauche', accessToken: 'EAAG-page-b' };
const X_ACCOUNT = { id: '1500000000000000001', username: 'HabitatVDS', bearerToken: 'x-user-token' };

const graph = createGraphEmulator({ pages: [PAGE_A, PAGE_B], seed: 7 });
const x = createXEmulator({ accounts: [X_ACCOUNT], seed: 7 });
let graphServer: RunningEmulator;
let xServer: RunningEmulator;
let mod: TestModeration;
/** Every item the emulators hold that the queue must have: source, account, external id. */
const expected: { source: string; account: string; id: string }[] = [];

const tenant = (i: number) => ({ id: String(900000 + i), name: `Locataire ${i}` });
let n = 0;
function comment(page: typeof PAGE_A, postId: string, message: string, parentId?: string) {
  const c = graph.addComment(page.id, postId, { from: tenant(n++ % 7), message, ...(parentId ? { parentId } : {}) });
  expected.push({ source: 'facebook_comment', account: page.id, id: c.id });
  return c;
}
function mention(text: string) {
  const m = x.addMention(X_ACCOUNT.id, { from: `locataire_${n++ % 5}`, text });
  expected.push({ source: 'x_mention', account: X_ACCOUNT.id, id: m.id });
  return m;
}

async function queueRows() {
  return mod.services.db.selectFrom('items').select(['source', 'account_id', 'external_id', 'state', 'text']).where('source', 'in', ['facebook_comment', 'facebook_post', 'x_mention', 'x_reply']).execute();
}

/** Waits until every expected item is in the queue, then checks none is there twice. */
async function allIngested(timeoutMs = 8000) {
  await eventually(async () => {
    const rows = await queueRows();
    const have = new Set(rows.map((r) => `${r.source}|${r.account_id}|${r.external_id}`));
    return expected.every((e) => have.has(`${e.source}|${e.account}|${e.id}`)) ? true : undefined;
  }, timeoutMs);
  const rows = await queueRows();
  const keys = rows.map((r) => `${r.source}|${r.account_id}|${r.external_id}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(rows.length).toBe(expected.length);
  return rows;
}

beforeAll(async () => {
  for (const page of [PAGE_A, PAGE_B]) {
    const posts = Array.from({ length: 3 }, (_, i) => graph.addPost(page.id, { message: `Travaux, résidence ${i}` }));
    for (const post of posts) {
      for (let i = 0; i < 4; i++) {
        const c = comment(page, post.id, `Question ${i} sur ${post.id}`);
        if (i === 0) comment(page, post.id, `Réponse à ${c.id}`, c.id);
      }
    }
    const visitor = graph.addPost(page.id, { from: tenant(99), message: 'Publication d’un locataire sur la Page' });
    expected.push({ source: 'facebook_post', account: page.id, id: visitor.id });
  }
  for (let i = 0; i < 12; i++) mention(`Bonjour, question ${i}`);
  graphServer = await graph.start();
  xServer = await x.start();
  process.env.NO_PROXY = '127.0.0.1,localhost';
  mod = await startModeration({
    env: {
      FACEBOOK_GRAPH_URL: graphServer.url,
      TWITTER_API_URL: xServer.url,
      FACEBOOK_PAGES: JSON.stringify([PAGE_A, PAGE_B]),
      TWITTER_ACCOUNTS: JSON.stringify([X_ACCOUNT]),
      SOCIAL_POLL_SECONDS: '0.1',
      SOCIAL_PAGE_SIZE: '5',
    },
  });
});

afterAll(async () => {
  await mod?.stop();
  await graphServer?.close();
  await xServer?.close();
});

describe('polling connectors', () => {
  it('ingests every emulator item exactly once, across several pages', async () => {
    await allIngested();
    // Several pages were read: 5 per page, more than 5 items per Page and on X.
    expect(graph.requests.filter((r) => r.path.includes('/feed') || r.path.includes('/comments')).length).toBeGreaterThan(8);
    expect(x.requests.filter((r) => r.path.includes('/mentions')).length).toBeGreaterThanOrEqual(3);
  });

  it('does not duplicate an edited comment', async () => {
    const target = expected.find((e) => e.source === 'facebook_comment')!;
    graph.editComment(target.id, 'Message modifié par son auteur');
    const before = (await queueRows()).length;
    await new Promise((r) => setTimeout(r, 600));
    expect((await queueRows()).length).toBe(before);
    await allIngested();
  });

  it('ingests everything through 20 % rate limits and 10 % server errors', async () => {
    graph.setFaults({ rateLimit: { probability: 0.2, regainAfterMs: 50 }, serverError: { probability: 0.1 } });
    x.setFaults({ rateLimit: { probability: 0.2, resetAfterMs: 50 }, serverError: { probability: 0.1 } });
    const post = graph.addPost(PAGE_A.id, { message: 'Coupure d’eau jeudi' });
    for (let i = 0; i < 8; i++) comment(PAGE_A, post.id, `Sous pression ${i}`);
    for (let i = 0; i < 8; i++) mention(`Sous pression ${i}`);
    await allIngested(15_000);
    const limited = graph.requests.filter((r) => r.status === 400 || r.status === 403).length + x.requests.filter((r) => r.status === 429).length;
    expect(limited).toBeGreaterThan(0);
    graph.clearFaults();
    x.clearFaults();
  });

  it('marks a Page with an expired token broken while the rest keeps flowing; an insult ends rejected', async () => {
    graph.expireToken(PAGE_B.id);
    const postA = graph.postsOf(PAGE_A.id)[0]!;
    const postB = graph.postsOf(PAGE_B.id)[0]!;
    const insult = comment(PAGE_A, postA.id, 'Bande de connards, réparez cet ascenseur');
    mention('Toujours pas de chauffage');
    graph.addComment(PAGE_B.id, postB.id, { from: tenant(3), message: 'Jamais lu tant que le jeton est expiré' });
    await allIngested();

    const client = consoleClient(mod.url);
    await client.login(mod.adminEmail, mod.adminPassword);
    const { value: accounts } = await eventually(async () => {
      const res = await client.query<{ socialAccounts: { key: string; network: string; tokenState: string; lastError: string | null; itemsToday: number; lagSeconds: number | null }[] }>(
        '{ socialAccounts { key network name lastPollAt lagSeconds itemsToday lastError tokenState rateLimitedUntil } }',
      );
      const b = res.data?.socialAccounts.find((a) => a.key === `facebook:${PAGE_B.id}`);
      return b?.tokenState === 'broken' ? res.data!.socialAccounts : undefined;
    }, 5000);
    const byKey = new Map(accounts.map((a) => [a.key, a]));
    expect(byKey.get(`facebook:${PAGE_A.id}`)!.tokenState).toBe('ok');
    expect(byKey.get(`x:${X_ACCOUNT.id}`)!.tokenState).toBe('ok');
    expect(byKey.get(`facebook:${PAGE_B.id}`)!.lastError).toMatch(/190/);
    expect(byKey.get(`facebook:${PAGE_B.id}`)!.lastError).not.toContain(PAGE_B.accessToken);
    expect(byKey.get(`facebook:${PAGE_A.id}`)!.itemsToday).toBeGreaterThan(0);

    const rows = await queueRows();
    expect(rows.find((r) => r.external_id === insult.id)?.state).toBe('rejected');

    const anonymous = await consoleClient(mod.url).query('{ socialAccounts { key } }');
    expect(anonymous.errors?.length).toBeGreaterThan(0);
  });
});

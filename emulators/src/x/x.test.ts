/**
 * The X emulator driven by the real twitter-api-v2 over HTTP (no mocks): the library's hard-coded
 * `https://api.x.com` is rewritten to the emulator by a plugin, with an `http.Agent`.
 */
import { Agent } from 'node:http';
import { ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../http-util.ts';
import { xEmulatorSettings } from '../sdk-redirect.ts';
import { createXEmulator } from './emulator.ts';
import type { XEmulator } from './emulator.ts';

const LANDLORD = { id: '1500000000000000001', username: 'HabitatVDS', name: 'Habitat Val-de-Seine', bearerToken: 'user-token-landlord' };
const OTHER = { id: '1500000000000000002', username: 'AutreBailleur', bearerToken: 'user-token-other' };

async function caught(promise: Promise<unknown>): Promise<ApiResponseError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiResponseError) return error;
    throw error;
  }
  throw new Error('expected an ApiResponseError');
}

let emulator: XEmulator;
let running: RunningEmulator;
let agent: Agent;
let client: TwitterApi;

beforeAll(async () => {
  emulator = createXEmulator({ accounts: [LANDLORD, OTHER], seed: 7 });
  running = await emulator.start();
  agent = new Agent({ keepAlive: true });
  client = new TwitterApi(LANDLORD.bearerToken, xEmulatorSettings(running.url, agent));
});

afterAll(async () => {
  agent.destroy();
  await running.close();
});

beforeEach(() => emulator.clearFaults());

describe('X emulator with twitter-api-v2', () => {
  it('lists mentions newest first with since_id, pagination tokens and includes.users, each once', async () => {
    const old = emulator.addMention(LANDLORD.id, { from: 'ancien_locataire', text: 'déjà traité' });
    const mentions = Array.from({ length: 12 }, (_, i) =>
      emulator.addMention(LANDLORD.id, { from: { username: `locataire_${i % 4}`, name: `Locataire ${i % 4}` }, text: `L'ascenseur est en panne (${i})` }),
    );
    emulator.addTweet('quelquun', { text: 'Sans rapport avec le bailleur' });

    const first = await client.v2.userMentionTimeline(LANDLORD.id, {
      since_id: old.id,
      max_results: 5,
      expansions: ['author_id'],
      'tweet.fields': ['created_at', 'author_id', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets'],
      'user.fields': ['username', 'name'],
    });
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'GET', path: `/2/users/${LANDLORD.id}/mentions`, status: 200 });
    expect(first.tweets.map((t) => t.id)).toEqual(mentions.slice(-5).reverse().map((t) => t.id));
    expect(first.meta).toMatchObject({ result_count: 5, newest_id: mentions[11]!.id, oldest_id: mentions[7]!.id, next_token: expect.any(String) });
    expect(first.tweets[0]).toEqual({
      id: mentions[11]!.id,
      text: "@HabitatVDS L'ascenseur est en panne (11)",
      edit_history_tweet_ids: [mentions[11]!.id],
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      author_id: expect.any(String),
      conversation_id: mentions[11]!.id,
    });
    expect(first.includes.author(first.tweets[0]!)).toMatchObject({ username: 'locataire_3', name: 'Locataire 3' });
    expect(first.rateLimit).toMatchObject({ limit: 300, remaining: 299, reset: expect.any(Number) });

    const seen = first.tweets.map((t) => t.id);
    let page = first;
    while (!page.done) {
      page = await page.next();
      seen.push(...page.tweets.map((t) => t.id));
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen)).toEqual(new Set(mentions.map((m) => m.id)));

    // fetchNext accumulates into the same paginator.
    const all = await client.v2.userMentionTimeline(LANDLORD.id, { since_id: old.id, max_results: 5 });
    await all.fetchNext();
    await all.fetchNext();
    expect(all.tweets).toHaveLength(12);
    expect(all.done).toBe(true);

    // Polling with the newest id seen returns only what came after.
    const later = emulator.addMention(LANDLORD.id, { from: 'locataire_9', text: 'Et le chauffage ?' });
    const poll = await client.v2.userMentionTimeline(LANDLORD.id, { since_id: mentions[11]!.id, max_results: 5 });
    expect(poll.tweets.map((t) => t.id)).toEqual([later.id]);
    const none = await client.v2.userMentionTimeline(LANDLORD.id, { since_id: later.id, max_results: 5 });
    expect(none.tweets).toEqual([]);
    expect(none.meta).toEqual({ result_count: 0 });
  });

  it('searches a conversation with next_token and hides a reply', async () => {
    const root = emulator.addTweet(LANDLORD.id, { text: 'Travaux de ravalement rue Pasteur à partir du 14' });
    const replies = Array.from({ length: 13 }, (_, i) => emulator.addReply(root.id, { from: `voisin_${i}`, text: `Question ${i}` }));
    const reply = replies[4]!;
    expect(reply.text).toBe('@HabitatVDS Question 4');
    expect(reply).toMatchObject({ conversation_id: root.id, in_reply_to_user_id: LANDLORD.id, in_reply_to_tweet_id: root.id });

    const found = await client.v2.search(`conversation_id:${root.id} is:reply`, { max_results: 10, 'tweet.fields': ['in_reply_to_user_id', 'conversation_id'] });
    expect(found.tweets).toHaveLength(10);
    expect(found.meta.next_token).toBeDefined();
    await found.fetchNext();
    expect(found.tweets.map((t) => t.id).sort()).toEqual(replies.map((r) => r.id).sort());
    expect(emulator.requests.at(-1)?.query.next_token).toBeDefined();

    expect(await client.v2.hideReply(reply.id, true)).toEqual({ data: { hidden: true } });
    expect(emulator.isHidden(reply.id)).toBe(true);
    expect(await client.v2.hideReply(reply.id, false)).toEqual({ data: { hidden: false } });
    expect(emulator.isHidden(reply.id)).toBe(false);

    // Only the conversation owner may hide, and only replies.
    const otherClient = new TwitterApi(OTHER.bearerToken, xEmulatorSettings(running.url, agent));
    expect((await caught(otherClient.v2.hideReply(reply.id, true))).code).toBe(403);
    expect((await caught(client.v2.hideReply(root.id, true))).code).toBe(403);
  });

  it('posts a reply and refuses the same text twice', async () => {
    const mention = emulator.addMention(LANDLORD.id, { from: 'sophie_m75', text: 'Rappelez-moi au 06 12 34 56 78' });
    const posted = await client.v2.reply('Bonjour, nous vous contactons en message privé.', mention.id);
    expect(posted.data).toEqual({ id: expect.stringMatching(/^\d+$/), text: 'Bonjour, nous vous contactons en message privé.', edit_history_tweet_ids: [posted.data.id] });
    expect(BigInt(posted.data.id) > BigInt(mention.id)).toBe(true);
    expect(emulator.repliesTo(mention.id)).toEqual([
      expect.objectContaining({ id: posted.data.id, author_id: LANDLORD.id, conversation_id: mention.id, in_reply_to_user_id: mention.author_id }),
    ]);
    const duplicate = await caught(client.v2.reply('Bonjour, nous vous contactons en message privé.', mention.id));
    expect(duplicate.code).toBe(403);
    expect(duplicate.data).toMatchObject({ title: 'Forbidden', detail: 'You are not allowed to create a Tweet with duplicate content.' });
  });

  it('answers lookups and validates parameters like X', async () => {
    expect((await client.v2.me()).data).toEqual({ id: LANDLORD.id, name: LANDLORD.name, username: LANDLORD.username });
    expect((await client.v2.userByUsername('sophie_m75')).data.username).toBe('sophie_m75');
    const missing = await client.v2.singleTweet('1234567890');
    expect(missing.errors?.[0]).toMatchObject({ title: 'Not Found Error', resource_id: '1234567890' });
    const invalid = await caught(client.v2.userMentionTimeline(LANDLORD.id, { max_results: 3 }));
    expect(invalid.code).toBe(400);
    expect(invalid.data).toMatchObject({ title: 'Invalid Request', errors: [{ message: 'The `max_results` query parameter value [3] is not between 5 and 100' }] });
  });

  it('throws ApiResponseError 429 with rateLimit.reset, then serves again after the hold', async () => {
    emulator.setFaults({ rateLimit: { nextCalls: 1, resetAfterMs: 40 } });
    const error = await caught(client.v2.userMentionTimeline(LANDLORD.id, { max_results: 5 }));
    expect(error.code).toBe(429);
    expect(error.rateLimitError).toBe(true);
    expect(error.data).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
    expect(error.rateLimit?.remaining).toBe(0);
    expect(error.rateLimit?.reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    expect(error.rateLimit!.reset * 1000).toBeLessThanOrEqual(Date.now() + 1040);
    // Still held for the same endpoint and token…
    expect((await caught(client.v2.userMentionTimeline(LANDLORD.id, { max_results: 5 }))).code).toBe(429);
    // …but other endpoints have their own windows.
    expect((await client.v2.me()).data.id).toBe(LANDLORD.id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await client.v2.userMentionTimeline(LANDLORD.id, { max_results: 5 });
    expect(after.rateLimit.remaining).toBeGreaterThan(0);
  });

  it('runs windows down like X: remaining counts down, the autopaginator stops silently at 0', async () => {
    const small = createXEmulator({ accounts: [LANDLORD], rateLimits: { 'GET /2/users/:id/mentions': 3 } });
    for (let i = 0; i < 30; i++) small.addMention(LANDLORD.id, { from: `t${i}`, text: `mention ${i}` });
    const server = await small.start();
    const smallClient = new TwitterApi(LANDLORD.bearerToken, xEmulatorSettings(server.url, agent));
    try {
      const paginator = await smallClient.v2.userMentionTimeline(LANDLORD.id, { max_results: 5 });
      expect(paginator.rateLimit).toMatchObject({ limit: 3, remaining: 2 });
      await paginator.fetchLast(1000);
      // Three calls allowed in the window (5 tweets each: the query's max_results wins over fetchLast's 100),
      // then fetchLast stops without throwing and without waiting: half the mentions are left unread.
      expect(paginator.rateLimit.remaining).toBe(0);
      expect(paginator.tweets).toHaveLength(15);
      expect(paginator.done).toBe(false);
      const refused = await caught(smallClient.v2.userMentionTimeline(LANDLORD.id, { max_results: 5 }));
      expect(refused.code).toBe(429);
      expect(refused.rateLimit?.reset).toBeGreaterThan(Date.now() / 1000 + 800);
    } finally {
      await server.close();
    }
  });

  it('answers 401 to a bad or revoked token and on demand, with rate headers on every answer', async () => {
    const stranger = new TwitterApi('not-a-token', xEmulatorSettings(running.url, agent));
    const bad = await caught(stranger.v2.me());
    expect(bad.code).toBe(401);
    expect(bad.isAuthError).toBe(true);
    expect(bad.data).toEqual({ title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 });
    expect(bad.headers['x-rate-limit-limit']).toBeDefined();

    emulator.setFaults({ unauthorized: { nextCalls: 1 } });
    expect((await caught(client.v2.me())).code).toBe(401);
    expect((await client.v2.me()).data.id).toBe(LANDLORD.id);

    emulator.setFaults({ serverError: { nextCalls: 1 } });
    const down = await caught(client.v2.me());
    expect(down.code).toBe(503);
    expect(down.rateLimit).toMatchObject({ limit: 75 });

    emulator.revokeToken(OTHER.id);
    const revoked = new TwitterApi(OTHER.bearerToken, xEmulatorSettings(running.url, agent));
    expect((await caught(revoked.v2.me())).code).toBe(401);
    const renewed = emulator.renewToken(OTHER.id, 'user-token-other-2');
    expect((await new TwitterApi(renewed, xEmulatorSettings(running.url, agent)).v2.me()).data.username).toBe(OTHER.username);
  });

  it('replays a scenario', async () => {
    const scripted = createXEmulator({
      accounts: [LANDLORD],
      scenario: [
        { do: 'tweet', author: LANDLORD.id, text: 'Coupure d’eau demain' },
        { do: 'mention', accountId: LANDLORD.id, from: 'ines_d12', text: 'Merci pour l’info' },
        { afterMs: 15, do: 'mention', accountId: LANDLORD.id, from: 'moussa_t40', text: 'Et pour le bâtiment C ?' },
      ],
    });
    expect(scripted.mentionsOf(LANDLORD.id)).toHaveLength(1);
    const server = await scripted.start();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await server.close();
    expect(scripted.mentionsOf(LANDLORD.id).map((t) => t.author_username)).toEqual(['moussa_t40', 'ines_d12']);
  });
});

/**
 * The Graph emulator driven by the real facebook-nodejs-business-sdk over HTTP (no mocks).
 */
import { Comment, FacebookAdsApi, Page, PagePost } from 'facebook-nodejs-business-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from '@hub/integrations/rate-limit';
import type { RunningEmulator } from '../http-util.ts';
import { redirectFacebookSdk } from '../sdk-redirect.ts';
import { createGraphEmulator } from './emulator.ts';
import type { GraphEmulator } from './emulator.ts';

/** What the SDK's Cursor is at runtime: an Array refilled in place by `next()`. */
type FbCursor = { id: string; _data: Record<string, unknown> }[] & { next(): Promise<FbCursor>; hasNext(): boolean; paging?: { next?: string } };
/** FacebookRequestError as the SDK builds it. */
type FbError = Error & { status: number; response: { code: number; error_subcode?: number; type: string; message: string; fbtrace_id: string }; headers: Record<string, string> };

const PAGE = { id: '104857600000001', name: 'Habitat Val-de-Seine', accessToken: 'EAAGpage-token-1' };
const OTHER = { id: '104857600000002', name: 'Habitat Test 2', accessToken: 'EAAGpage-token-2' };
const T0 = Date.parse('2026-03-14T08:00:00Z');

async function caught(promise: Promise<unknown>): Promise<FbError> {
  try {
    await promise;
  } catch (error) {
    return error as FbError;
  }
  throw new Error('expected a rejection');
}

/** The typings say `Cursor | Promise<Cursor>` (fetchFirstPage decides) with loose items: narrow once here. */
async function fetched<T = FbCursor>(first: unknown): Promise<T> {
  return (await first) as T;
}

/** Reads a whole edge with the SDK cursor, returning every page's ids. */
async function readAll(first: unknown): Promise<string[][]> {
  const cursor = await fetched(first);
  const pages = [cursor.map((item) => item.id)];
  while (cursor.hasNext()) {
    await cursor.next();
    pages.push(cursor.map((item) => item.id));
  }
  return pages;
}

let emulator: GraphEmulator;
let running: RunningEmulator;
let restore: () => void;
let api: FacebookAdsApi;

beforeAll(async () => {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  emulator = createGraphEmulator({ pages: [PAGE, OTHER], seed: 42 });
  running = await emulator.start();
  restore = redirectFacebookSdk(FacebookAdsApi, running.url);
});

afterAll(async () => {
  restore();
  await running.close();
});

beforeEach(() => {
  emulator.clearFaults();
  // The third argument turns off the SDK's crash reporter (a process-wide handler calling Facebook).
  api = FacebookAdsApi.init(PAGE.accessToken, undefined, false);
});

describe('Graph emulator with facebook-nodejs-business-sdk', () => {
  it('receives the SDK at /v24.0/ and pages the feed with cursors and full next URLs, each post once', async () => {
    const posts = Array.from({ length: 7 }, (_, i) => emulator.addPost(PAGE.id, { message: `Annonce ${i}`, createdTime: T0 + i * 60_000 }));
    emulator.addPost(PAGE.id, { message: 'Visiteur', from: { id: '900001', name: 'Karim B.' }, createdTime: T0 + 10 * 60_000 });
    const cursor = await fetched(new Page(PAGE.id).getFeed(['id', 'message', 'created_time', 'from', 'permalink_url', 'is_hidden'], { limit: 2 }));
    expect(emulator.requests.at(-1)?.path).toBe(`/v24.0/${PAGE.id}/feed`);
    expect(cursor[0]?._data).toMatchObject({ message: 'Visiteur', created_time: '2026-03-14T08:10:00+0000', from: { id: '900001', name: 'Karim B.' }, is_hidden: false });
    expect(cursor.paging?.next).toMatch(new RegExp(`^${running.url}/v24\\.0/${PAGE.id}/feed\\?.*access_token=`));

    const seen = [cursor.map((p) => p.id)];
    // A post published while the connector pages must not shift what is left to read.
    emulator.addPost(PAGE.id, { message: 'Nouvelle annonce', createdTime: T0 + 20 * 60_000 });
    while (cursor.hasNext()) {
      await cursor.next();
      seen.push(cursor.map((p) => p.id));
    }
    const ids = seen.flat();
    expect(seen.map((page) => page.length)).toEqual([2, 2, 2, 2]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(posts.map((p) => p.id)));
    expect(ids[0]).toMatch(new RegExp(`^${PAGE.id}_\\d+$`));
  });

  it('filters the feed with since (unix seconds)', async () => {
    const cursor = await fetched(new Page(PAGE.id).getFeed(['id', 'message'], { since: Math.floor((T0 + 5 * 60_000) / 1000), limit: 100 }));
    expect(cursor.map((p) => p._data.message)).toEqual(['Nouvelle annonce', 'Visiteur', 'Annonce 6', 'Annonce 5']);
  });

  it('pages comments in stream order with parents, since and summary', async () => {
    const post = emulator.addPost(PAGE.id, { message: 'Travaux de ravalement', createdTime: T0 });
    const top = Array.from({ length: 4 }, (_, i) =>
      emulator.addComment(PAGE.id, post.id, { from: { id: `70000${i}`, name: `Locataire ${i}` }, message: `Question ${i}`, createdTime: T0 + (i + 1) * 60_000 }),
    );
    const reply = emulator.addComment(PAGE.id, post.id, { from: { id: '700009', name: 'Voisine' }, message: 'Pareil chez moi', parentId: top[0]!.id, createdTime: T0 + 10 * 60_000 });
    // A reply to a reply is attached to the top comment, as on Facebook.
    const nested = emulator.addComment(PAGE.id, post.id, { from: { id: '700008', name: 'Voisin' }, message: 'Moi aussi', parentId: reply.id, createdTime: T0 + 11 * 60_000 });
    expect(nested.parent_id).toBe(top[0]!.id);
    expect(reply.id).toMatch(new RegExp(`^${post.id.split('_')[1]}_\\d+$`));

    const stream = await readAll(new PagePost(post.id).getComments(['id', 'message', 'parent', 'from', 'created_time', 'is_hidden'], { filter: 'stream', order: 'chronological', limit: 4 }));
    expect(stream).toEqual([[...top.map((c) => c.id)], [reply.id, nested.id]]);

    const toplevel = await readAll(new PagePost(post.id).getComments(['id'], { limit: 3 }));
    expect(toplevel.flat()).toEqual(top.map((c) => c.id));

    const replies = await fetched<FbCursor & { summary: { total_count: number } }>(new Comment(top[0]!.id).getComments(['id', 'parent{id}', 'message'], { summary: true }));
    expect(replies.map((c) => c._data)).toEqual([
      { id: reply.id, parent: { id: top[0]!.id }, message: 'Pareil chez moi' },
      { id: nested.id, parent: { id: top[0]!.id }, message: 'Moi aussi' },
    ]);
    expect(replies.summary.total_count).toBe(2);

    const recent = await fetched(new PagePost(post.id).getComments(['id'], { filter: 'stream', since: Math.floor((T0 + 4 * 60_000) / 1000) }));
    expect(recent.map((c) => c.id)).toEqual([top[3]!.id, reply.id, nested.id]);

    const node = await api.call<Record<string, unknown>>('GET', [post.id], { fields: 'id,comments.summary(true).limit(1){message}' });
    expect(node.comments).toMatchObject({ data: [{ message: 'Question 0' }], summary: { total_count: 4 }, paging: { next: expect.stringContaining(`${running.url}/v24.0/${post.id}/comments?`) } });
  });

  it('hides, unhides, deletes, replies as the Page and publishes a post', async () => {
    const post = emulator.addPost(PAGE.id, { message: 'Fête des voisins' });
    const comment = emulator.addComment(PAGE.id, post.id, { from: { id: '800001', name: 'Sophie M.' }, message: 'Bande de nuls' });
    const other = emulator.addComment(PAGE.id, post.id, { from: { id: '800002', name: 'Mehdi K.' }, message: 'Rappelez-moi au 06 12 34 56 78' });

    // Comment.update(fields, params): the SDK's first argument is a (unused) field list.
    expect(await new Comment(comment.id).update([], { is_hidden: true })).toEqual({ success: true });
    expect(emulator.getComment(comment.id)?.is_hidden).toBe(true);
    const read = await api.call<Record<string, unknown>>('GET', [comment.id], { fields: 'id,is_hidden,can_hide,permalink_url,message,from,created_time' });
    expect(read).toMatchObject({ id: comment.id, is_hidden: true, can_hide: true, permalink_url: expect.stringContaining(`comment_id=${comment.id.split('_')[1]}`) });
    expect(read.created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(await api.call('POST', [comment.id], { is_hidden: false })).toEqual({ success: true });
    expect(emulator.getComment(comment.id)?.is_hidden).toBe(false);

    expect(await api.call('DELETE', [other.id])).toEqual({ success: true });
    expect(emulator.getComment(other.id)?.deleted).toBe(true);
    const gone = await caught(api.call('GET', [other.id]));
    expect(gone.response).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });

    const answer = await api.call<{ id: string }>('POST', [comment.id, 'comments'], { message: 'Bonjour, nous transmettons au gardien.' });
    expect(emulator.repliesOf(comment.id)).toEqual([expect.objectContaining({ id: answer.id, message: 'Bonjour, nous transmettons au gardien.', from: { id: PAGE.id, name: PAGE.name } })]);

    const published = await api.call<{ id: string }>('POST', [PAGE.id, 'feed'], { message: 'Coupure d’eau mardi', link: 'https://habitat.example/travaux' });
    expect(published.id).toMatch(new RegExp(`^${PAGE.id}_\\d+$`));
    expect(emulator.getPost(published.id)).toMatchObject({ message: 'Coupure d’eau mardi', link: 'https://habitat.example/travaux', visitor: false });
  });

  it('keeps Pages apart and reports unknown fields and edges like Graph', async () => {
    const foreign = emulator.addPost(OTHER.id, { message: 'Autre page' });
    expect((await caught(api.call('GET', [foreign.id]))).response).toMatchObject({ code: 100, error_subcode: 33 });
    const field = await caught(api.call('GET', [PAGE.id, 'feed'], { fields: 'id,reactions_total' }));
    expect(field.response.message).toBe('(#100) Tried accessing nonexisting field (reactions_total) on node type (Post)');
    expect((await caught(api.call('GET', [PAGE.id, 'feed'], { limit: 500 }))).response.code).toBe(100);
    expect(await api.call('GET', ['me'], { fields: 'id,name' })).toEqual({ id: PAGE.id, name: PAGE.name });
  });

  it('rejects an unknown token and an expired one with the OAuthException shapes', async () => {
    FacebookAdsApi.init('not-a-token', undefined, false);
    const unknown = await caught(fetched(new Page(PAGE.id).getFeed(['id'])));
    expect(unknown.name).toBe('FacebookRequestError');
    expect(unknown.status).toBe(400);
    expect(unknown.response).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(unknown.headers['www-authenticate']).toContain('invalid_token');

    emulator.expireToken(PAGE.id);
    FacebookAdsApi.init(PAGE.accessToken, undefined, false);
    const expired = await caught(fetched(new Page(PAGE.id).getFeed(['id'])));
    expect(expired.name).toBe('FacebookRequestError');
    expect(expired.response).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException', fbtrace_id: expect.any(String) });
    expect(expired.message).toMatch(/^Error validating access token: Session has expired/);

    const fresh = emulator.renewToken(PAGE.id);
    FacebookAdsApi.init(fresh, undefined, false);
    expect(await new Page(PAGE.id).getFeed(['id'], { limit: 1 })).toHaveLength(1);
    emulator.renewToken(PAGE.id, PAGE.accessToken);
  });

  it('throttles with codes 4, 17, 32 and 613, usage headers and a hold the headers describe', async () => {
    let clock = Date.now();
    const throttled = createGraphEmulator({ pages: [PAGE], now: () => clock, faults: { rateLimit: { nextCalls: 4, regainAfterMs: 0 } } });
    throttled.addPost(PAGE.id, { message: 'x' });
    const server = await throttled.start();
    const undo = redirectFacebookSdk(FacebookAdsApi, server.url);
    try {
      const errors = [];
      for (let i = 0; i < 4; i++) errors.push(await caught(api.call('GET', [PAGE.id, 'feed'])));
      expect(errors.map((e) => [e.response.code, e.status])).toEqual([[4, 403], [17, 400], [32, 400], [613, 400]]);
      expect(errors[0]!.response.message).toBe('(#4) Application request limit reached');
      expect(JSON.parse(errors[0]!.headers['x-app-usage']!)).toMatchObject({ call_count: 100 });

      throttled.setFaults({ rateLimit: { nextCalls: 1, codes: [32], regainAfterMs: 90_000 } });
      const first = await caught(api.call('GET', [PAGE.id, 'feed']));
      const usage = JSON.parse(first.headers['x-business-use-case-usage']!) as Record<string, { estimated_time_to_regain_access: number; type: string }[]>;
      expect(usage[PAGE.id]![0]).toMatchObject({ type: 'pages', estimated_time_to_regain_access: 1.5 });
      const wait = rateLimitWaitMs({ get: (name) => first.headers[name] }, clock, 0);
      expect(wait).toBe(90_000);
      clock += 60_000;
      const still = await caught(api.call('GET', [PAGE.id, 'feed']));
      expect(still.response.code).toBe(32);
      expect(JSON.parse(still.headers['x-page-usage']!).estimated_time_to_regain_access).toBe(0.5);
      clock += 30_000;
      expect(await api.call<{ data: unknown[] }>('GET', [PAGE.id, 'feed'])).toMatchObject({ data: [{ message: 'x' }] });
    } finally {
      undo();
      await server.close();
    }
  });

  it('answers 5xx as transient errors and can slow answers down', async () => {
    emulator.setFaults({ serverError: { nextCalls: 1 }, delayMs: 30 });
    const failure = await caught(api.call('GET', [PAGE.id]));
    expect(failure.status).toBe(500);
    expect(failure.response).toMatchObject({ code: 2, is_transient: true });
    const started = performance.now();
    await api.call('GET', [PAGE.id]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('replays a scenario: immediate steps at creation, timed ones after start', async () => {
    const scripted = createGraphEmulator({
      pages: [PAGE],
      scenario: [
        { do: 'post', pageId: PAGE.id, id: `${PAGE.id}_1`, message: 'Annonce' },
        { do: 'comment', pageId: PAGE.id, postId: `${PAGE.id}_1`, id: '1_10', from: { id: '5', name: 'Léa' }, message: 'Merci' },
        { afterMs: 20, do: 'edit', commentId: '1_10', message: 'Merci beaucoup' },
        { afterMs: 30, do: 'expireToken', pageId: PAGE.id },
      ],
    });
    expect(scripted.getComment('1_10')?.message).toBe('Merci');
    const server = await scripted.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(scripted.getComment('1_10')?.message).toBe('Merci beaucoup');
    const undo = redirectFacebookSdk(FacebookAdsApi, server.url);
    try {
      expect((await caught(api.call('GET', ['1_10']))).response.error_subcode).toBe(463);
    } finally {
      undo();
      await server.close();
    }
  });
});

/**
 * Both emulators under injected faults (20 % rate limits, 10 % server errors), read through the real
 * SDKs by a small retry loop that honours the answers' rate-limit headers (capped short for tests):
 * every item is read exactly once.
 */
import { Agent } from 'node:http';
import { FacebookAdsApi, Page, PagePost } from 'facebook-nodejs-business-sdk';
import { ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from '@hub/integrations/rate-limit';
import type { RateLimitHeaders } from '@hub/integrations/rate-limit';
import { createGraphEmulator } from './graph/emulator.ts';
import { redirectFacebookSdk, xEmulatorSettings } from './sdk-redirect.ts';
import { createXEmulator } from './x/emulator.ts';

type FbCursor = { id: string }[] & { next(): Promise<FbCursor>; hasNext(): boolean };
type FbError = Error & { status: number | null; response: { code?: number; is_transient?: boolean } | null; headers: Record<string, string> | null };

const CAP_MS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stats {
  calls: number;
  rateLimited: number;
  serverErrors: number;
  waitedMs: number;
}

/** Retries rate limits (waiting what the headers say, capped) and 5xx (short exponential backoff). */
async function retrying<T>(stats: Stats, call: () => Promise<T>, classify: (error: unknown) => { kind: 'rate' | 'server'; headers: RateLimitHeaders } | undefined): Promise<T> {
  for (let attempt = 0; attempt < 40; attempt++) {
    stats.calls++;
    try {
      return await call();
    } catch (error) {
      const failure = classify(error);
      if (!failure) throw error;
      let wait: number;
      if (failure.kind === 'rate') {
        stats.rateLimited++;
        wait = Math.min(CAP_MS, rateLimitWaitMs(failure.headers, Date.now(), attempt) + 2);
      } else {
        stats.serverErrors++;
        wait = Math.min(CAP_MS, 2 ** attempt);
      }
      stats.waitedMs += wait;
      await sleep(wait);
    }
  }
  throw new Error('gave up after 40 attempts');
}

const record = (headers: Record<string, unknown> | null | undefined): RateLimitHeaders => ({
  get: (name) => {
    const value = headers?.[name];
    return Array.isArray(value) ? String(value[0]) : value === undefined || value === null ? undefined : String(value);
  },
});

function classifyFacebook(error: unknown) {
  const e = error as FbError;
  if (e?.name !== 'FacebookRequestError') return undefined;
  if ([4, 17, 32, 613].includes(e.response?.code ?? -1)) return { kind: 'rate' as const, headers: record(e.headers) };
  if ((e.status ?? 0) >= 500 || e.response?.is_transient) return { kind: 'server' as const, headers: record(e.headers) };
  return undefined;
}

function classifyX(error: unknown) {
  if (!(error instanceof ApiResponseError)) return undefined;
  if (error.rateLimitError) return { kind: 'rate' as const, headers: record(error.headers) };
  if (error.code >= 500) return { kind: 'server' as const, headers: record(error.headers) };
  return undefined;
}

describe('reading through faults with the real SDKs', () => {
  it('Graph: feed and comments, every item exactly once', async () => {
    const PAGE = { id: '104857600000001', name: 'Habitat Val-de-Seine', accessToken: 'EAAGpage-token-1' };
    const emulator = createGraphEmulator({
      pages: [PAGE],
      seed: 20240314,
      faults: { rateLimit: { probability: 0.2, regainAfterMs: 15 }, serverError: { probability: 0.1 } },
    });
    const t0 = Date.parse('2026-03-01T08:00:00Z');
    const posts = Array.from({ length: 30 }, (_, i) => emulator.addPost(PAGE.id, { message: `Annonce ${i}`, createdTime: t0 + i * 60_000 }));
    const busy = posts[29]!;
    const comments = Array.from({ length: 25 }, (_, i) =>
      emulator.addComment(PAGE.id, busy.id, { from: { id: `9${i}`, name: `Locataire ${i}` }, message: `Commentaire ${i}`, createdTime: t0 + (40 + i) * 60_000 }),
    );
    const server = await emulator.start();
    const undo = redirectFacebookSdk(FacebookAdsApi, server.url);
    FacebookAdsApi.init(PAGE.accessToken, undefined, false);
    const stats: Stats = { calls: 0, rateLimited: 0, serverErrors: 0, waitedMs: 0 };
    try {
      const readEdge = async (first: () => Promise<unknown>) => {
        const cursor = (await retrying(stats, first, classifyFacebook)) as FbCursor;
        const ids = cursor.map((item) => item.id);
        while (cursor.hasNext()) {
          // A failed next() leaves the cursor where it was: retrying it is safe.
          await retrying(stats, () => cursor.next(), classifyFacebook);
          ids.push(...cursor.map((item) => item.id));
        }
        return ids;
      };
      const feed = await readEdge(async () => new Page(PAGE.id).getFeed(['id', 'message'], { limit: 3 }));
      const stream = await readEdge(async () => new PagePost(busy.id).getComments(['id', 'message'], { filter: 'stream', limit: 4 }));

      expect(feed).toEqual(posts.map((p) => p.id).reverse());
      expect(stream).toEqual(comments.map((c) => c.id));
      expect(stats.rateLimited).toBeGreaterThan(0);
      expect(stats.serverErrors).toBeGreaterThan(0);
      expect(emulator.requests.filter((r) => r.status === 200)).toHaveLength(10 + 7);
    } finally {
      undo();
      await server.close();
    }
  });

  it('X: mentions timeline, every mention exactly once', async () => {
    const LANDLORD = { id: '1500000000000000001', username: 'HabitatVDS', bearerToken: 'user-token-landlord' };
    const emulator = createXEmulator({
      accounts: [LANDLORD],
      seed: 20240314,
      faults: { rateLimit: { probability: 0.2, resetAfterMs: 15 }, serverError: { probability: 0.1 } },
    });
    const mentions = Array.from({ length: 42 }, (_, i) => emulator.addMention(LANDLORD.id, { from: `locataire_${i % 9}`, text: `Message ${i}` }));
    const server = await emulator.start();
    const agent = new Agent({ keepAlive: true });
    const client = new TwitterApi(LANDLORD.bearerToken, xEmulatorSettings(server.url, agent));
    const stats: Stats = { calls: 0, rateLimited: 0, serverErrors: 0, waitedMs: 0 };
    try {
      let page = await retrying(stats, () => client.v2.userMentionTimeline(LANDLORD.id, { max_results: 5, expansions: ['author_id'] }), classifyX);
      const ids = page.tweets.map((t) => t.id);
      while (!page.done) {
        const current = page;
        page = await retrying(stats, () => current.next(), classifyX);
        ids.push(...page.tweets.map((t) => t.id));
      }
      expect(ids).toEqual(mentions.map((m) => m.id).reverse());
      expect(stats.rateLimited).toBeGreaterThan(0);
      expect(stats.serverErrors).toBeGreaterThan(0);
      expect(emulator.requests.filter((r) => r.status === 200)).toHaveLength(9);
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});

/**
 * Reads an X account's mentions through twitter-api-v2, newer than the last id seen (`since_id`),
 * following `next_token` until `done` (the paginator stops silently at remaining 0, so pages are
 * walked one by one and rate limits surface as an IntegrationError of kind `rate_limit`).
 */
import type { SocialItem } from '../social/item.ts';
import { Agent } from 'node:http';
import { ApiResponseError, TwitterApi, type TweetV2, type TwitterApiv2 } from 'twitter-api-v2';
import type { ITwitterApiClientPlugin } from 'twitter-api-v2';
import { IntegrationError } from '../errors/index.ts';
import { retryTransient } from '../social/retry.ts';

export interface XAccountConfig {
  id: string;
  username: string;
  bearerToken: string;
}

export interface XSourceOptions {
  /** X's base URL (tests and the demo: the emulator); absent: https://api.x.com. */
  apiUrl?: string;
  pageSize?: number;
}

export type XIncomingItem = SocialItem<'x_reply' | 'x_mention'>;

export function classifyXError(error: unknown): IntegrationError {
  if (error instanceof ApiResponseError) {
    const message = `X ${error.code} : ${error.data?.title ?? error.message}`;
    const headers = error.headers as Record<string, unknown>;
    if (error.rateLimitError || error.code === 429) return new IntegrationError(message, { kind: 'rate_limit', headers });
    if (error.code === 401 || error.code === 403) return new IntegrationError(message, { kind: 'auth', headers });
    if (error.code >= 500) return new IntegrationError(message, { kind: 'transient', headers });
    return new IntegrationError(message, { kind: 'other', headers });
  }
  return new IntegrationError(`X : ${error instanceof Error ? error.message : String(error)}`, { kind: 'transient' });
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  return retryTransient(async () => {
    try {
      return await fn();
    } catch (error) {
      throw classifyXError(error);
    }
  });
}

/** Compares snowflake ids (decimal strings) without losing precision. */
export function newerId(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}

function redirectPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      params.url = params.url.replace(/^https:\/\/(?:api|upload)\.(?:x|twitter)\.com/, base);
    },
  };
}

/** X ids are snowflakes: their high bits are the milliseconds since X's epoch (2010-11-04). */
const X_EPOCH_MS = 1288834974657n;
function postedAtOfId(id: string): Date {
  return new Date(Number((/^\d+$/.test(id) ? BigInt(id) >> 22n : 0n) + X_EPOCH_MS));
}

export function toXItem(tweet: TweetV2, users: Map<string, { username: string; name: string }>): XIncomingItem {
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
  const author = users.get(tweet.author_id ?? '');
  return {
    source: repliedTo ? 'x_reply' : 'x_mention',
    externalId: tweet.id,
    authorName: author ? `${author.name} (@${author.username})` : (tweet.author_id ?? ''),
    authorExternalId: tweet.author_id ?? '',
    text: tweet.text,
    createdAt: tweet.created_at ? new Date(tweet.created_at) : postedAtOfId(tweet.id),
    permalink: author ? `https://x.com/${author.username}/status/${tweet.id}` : `https://x.com/i/web/status/${tweet.id}`,
    parentExternalId: repliedTo,
  };
}

export function createXSource(account: XAccountConfig, options: XSourceOptions = {}) {
  const pageSize = Math.min(Math.max(options.pageSize ?? 100, 5), 100);
  const http = options.apiUrl?.startsWith('http:');
  const client: TwitterApiv2 = new TwitterApi(account.bearerToken, options.apiUrl ? { plugins: [redirectPlugin(options.apiUrl)], ...(http ? { httpAgent: new Agent({ keepAlive: false }) } : {}) } : undefined).v2;
  return {
    accountId: account.id,
    async fetchNew(cursor: string | null): Promise<{ items: XIncomingItem[]; cursor: string | null }> {
      const params = {
        max_results: pageSize,
        'tweet.fields': ['created_at', 'author_id', 'referenced_tweets', 'conversation_id'],
        expansions: ['author_id'],
        'user.fields': ['username', 'name'],
        ...(cursor ? { since_id: cursor } : {}),
      } as const;
      let page = await call(() => client.userMentionTimeline(account.id, { ...params, 'tweet.fields': [...params['tweet.fields']], expansions: [...params.expansions], 'user.fields': [...params['user.fields']] }));
      const items: XIncomingItem[] = [];
      let newest = cursor;
      for (;;) {
        const users = new Map((page.includes.users ?? []).map((u) => [u.id, { username: u.username, name: u.name }]));
        for (const tweet of page.tweets) {
          if (items.some((i) => i.externalId === tweet.id)) continue;
          items.push(toXItem(tweet, users));
          newest = newerId(newest, tweet.id);
        }
        if (page.done) break;
        const current = page;
        page = await call(() => current.next());
      }
      items.sort((a, b) => (BigInt(a.externalId) < BigInt(b.externalId) ? -1 : 1));
      return { items, cursor: newest };
    },
  };
}

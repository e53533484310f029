/**
 * Reads an X account's mentions through twitter-api-v2, newer than the last id seen (`since_id`),
 * following `next_token` until `done` (the paginator stops silently at remaining 0, so pages are
 * walked one by one and rate limits surface as an IntegrationError of kind `rate_limit`).
 */
import type { SocialItem } from '../social/item.ts';
import { TwitterApi, type TweetV2, type TwitterApiv2 } from 'twitter-api-v2';
import { retryTransient } from '../social/retry.ts';
import { xClientSettings } from './client.ts';
import { classifyXError } from './errors.ts';
import type { XAccount } from './write.ts';

export interface XSourceOptions {
  /** X's base URL (tests and the demo: the emulator); absent: https://api.x.com. */
  apiUrl?: string;
  pageSize?: number;
}

export type XIncomingItem = SocialItem<'x_reply' | 'x_mention'>;

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

export function createXSource(account: XAccount, options: XSourceOptions = {}) {
  const pageSize = Math.min(Math.max(options.pageSize ?? 100, 5), 100);
  const client: TwitterApiv2 = new TwitterApi(account.bearerToken, xClientSettings(options.apiUrl, false)).v2;
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

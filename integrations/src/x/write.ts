import { TwitterApi } from 'twitter-api-v2';
import { X_API_URL, xClientSettings } from './client.ts';
import { xFailure } from './errors.ts';
import type { OutboundAdapter, PublicationPost } from '../social/outbound.ts';

/** An X account the hub reads and writes on, with its token (sensitive). */
export interface XAccount {
  id: string;
  username: string;
  bearerToken: string;
}

const TWEET_MAX = 280;
/** X counts every link as 23 characters (t.co). */
const LINK_WEIGHT = 23;

/** X's weighted length of a character: 1 for Latin and general punctuation, 2 for the rest (CJK, emoji, U+2060…). */
function charWeight(c: string): number {
  const code = c.codePointAt(0) ?? 0;
  return code <= 0x10ff || (code >= 0x2000 && code <= 0x200d) || (code >= 0x2010 && code <= 0x201f) || (code >= 0x2032 && code <= 0x2037) ? 1 : 2;
}

const weight = (text: string) => [...text].reduce((sum, c) => sum + charWeight(c), 0);

/**
 * The tweet for a publication: `message` (trimmed with « … » so the whole fits in 280), the
 * invisible marker, a space, the link. The marker sits before the space so that no URL parser
 * takes it for part of the link.
 */
export function tweetText(post: PublicationPost): string {
  const budget = TWEET_MAX - LINK_WEIGHT - 1 - weight(post.marker);
  let message = post.message.trim().replace(/\s+/g, ' ');
  if (weight(message) > budget) {
    const chars = [...message];
    let used = 1; // the ellipsis
    let kept = '';
    for (const c of chars) {
      if (used + charWeight(c) > budget) break;
      used += charWeight(c);
      kept += c;
    }
    message = `${kept.trimEnd()}…`;
  }
  return `${message}${post.marker} ${post.link}`;
}

/** An X account through the real SDK, at `apiUrl` (X or its emulator). */
export function createXOutbound(account: XAccount, apiUrl = X_API_URL): OutboundAdapter {
  const client = new TwitterApi(account.bearerToken, xClientSettings(apiUrl, true)).v2;
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw xFailure(error);
    }
  };
  return {
    async hide(target, hidden) {
      await guard(() => client.hideReply(target, hidden));
    },
    async delete(target) {
      await guard(() => client.deleteTweet(target));
    },
    async reply(target, text) {
      const answer = await guard(() => client.reply(text, target));
      return { externalId: answer.data.id };
    },
    async findReply(target, _key, matches) {
      const result = await guard(() => client.search(`in_reply_to_tweet_id:${target} from:${account.id}`, { max_results: 100 }));
      return result.tweets.find((t) => matches(t.text))?.id ?? null;
    },
    async publish(post) {
      const answer = await guard(() => client.tweet(tweetText(post)));
      return { externalId: answer.data.id };
    },
    async findPublished(_key, matches) {
      // The account's recent tweets (the search covers the last 7 days, enough for a retry).
      const result = await guard(() => client.search(`from:${account.id}`, { max_results: 100 }));
      return result.tweets.find((t) => matches(t.text))?.id ?? null;
    },
  };
}

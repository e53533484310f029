/** The X emulator's state: users, the accounts (users with a token) and tweets with snowflake-like ids. */
import { toMs } from '../http-util.ts';
import type { XAccountInit, XTweetInput, XTweetState, XUserInput, XUserState } from './types.ts';

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  createdAt: number;
}

export interface TweetRecord {
  id: string;
  num: bigint;
  text: string;
  authorId: string;
  createdAt: number;
  conversationId: string;
  inReplyToUserId: string | undefined;
  inReplyToTweetId: string | undefined;
  hidden: boolean;
  deleted: boolean;
}

export interface Account {
  userId: string;
  token: string;
  revoked: boolean;
}

const TWITTER_EPOCH = 1_288_834_974_657n;

/** X counts 280 "weighted" characters; links count 23. Close enough: code points, links as 23. */
export function weightedLength(text: string): number {
  return [...text.replace(/https?:\/\/\S+/g, 'x'.repeat(23))].length;
}

const MENTION = /(^|[^A-Za-z0-9_@])@([A-Za-z0-9_]{1,15})/g;

export function mentionsIn(text: string): { username: string; start: number; end: number }[] {
  const out: { username: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(MENTION)) {
    const at = (match.index ?? 0) + match[1]!.length;
    const start = [...text.slice(0, at)].length;
    out.push({ username: match[2]!, start, end: start + match[2]!.length + 1 });
  }
  return out;
}

export const newestFirst = (a: TweetRecord, b: TweetRecord) => (a.num > b.num ? -1 : a.num < b.num ? 1 : 0);

export interface XStore {
  readonly users: Map<string, UserRecord>;
  readonly tweets: Map<string, TweetRecord>;
  readonly accounts: Map<string, Account>;
  readonly now: () => number;
  userByName(username: string): UserRecord | undefined;
  /** The user a scenario names (id, username or `{ username, name?, id? }`), created on first use. */
  userOf(input: XUserInput): UserRecord;
  /** Like `userOf`, and a bare string may also be a known user id. */
  authorOf(input: XUserInput): UserRecord;
  /** A live tweet, or throws. */
  tweet(id: string): TweetRecord;
  createTweet(author: UserRecord, text: string, createdAtInput: XTweetInput['createdAt'], parent: TweetRecord | undefined): TweetRecord;
  state(record: TweetRecord): XTweetState;
  userState(user: UserRecord): XUserState;
  /** True when `record` mentions `user` (and `user` did not write it). */
  mentions(user: UserRecord, record: TweetRecord): boolean;
  /** Tweets not deleted. */
  live(): TweetRecord[];
  hide(record: TweetRecord, hidden: boolean): void;
}

export function createXStore(options: { accounts: readonly XAccountInit[]; now: () => number }): XStore {
  const { now } = options;
  const users = new Map<string, UserRecord>();
  const tweets = new Map<string, TweetRecord>();
  const accounts = new Map<string, Account>();
  let nextUserId = 1_600_000_000_000_000_001n;
  let sequence = 0n;
  let lastNum = 0n;

  const userByName = (username: string) => {
    const lower = username.toLowerCase();
    for (const user of users.values()) if (user.username.toLowerCase() === lower) return user;
    return undefined;
  };

  function userOf(input: XUserInput): UserRecord {
    const spec = typeof input === 'string' ? { username: input.replace(/^@/, '') } : input;
    const known = (spec.id ? users.get(spec.id) : undefined) ?? userByName(spec.username);
    if (known) return known;
    let id = spec.id;
    if (!id) {
      do id = String(nextUserId++);
      while (users.has(id));
    }
    const user: UserRecord = { id, username: spec.username, name: spec.name ?? spec.username, createdAt: now() - 400 * 24 * 3_600_000 };
    users.set(id, user);
    return user;
  }

  function authorOf(input: XUserInput): UserRecord {
    if (typeof input === 'string' && users.has(input)) return users.get(input)!;
    return userOf(input);
  }

  /** Snowflake-like ids: time first, so ids grow with `created_at` and `since_id` means "newer than". */
  function newTweetId(createdAt: number): { id: string; num: bigint } {
    let num = ((BigInt(Math.max(createdAt, 1_288_834_974_657)) - TWITTER_EPOCH) << 22n) | (sequence++ & 0x3fffffn);
    if (createdAt >= now() - 1000 && num <= lastNum) num = lastNum + 1n;
    while (tweets.has(String(num))) num++;
    if (num > lastNum) lastNum = num;
    return { id: String(num), num };
  }

  function tweet(id: string): TweetRecord {
    const found = tweets.get(id);
    if (!found || found.deleted) throw new Error(`unknown tweet ${id}`);
    return found;
  }

  function createTweet(author: UserRecord, text: string, createdAtInput: XTweetInput['createdAt'], parent: TweetRecord | undefined): TweetRecord {
    const createdAt = toMs(createdAtInput, now());
    const { id, num } = newTweetId(createdAt);
    const record: TweetRecord = {
      id,
      num,
      text,
      authorId: author.id,
      createdAt,
      conversationId: parent ? parent.conversationId : id,
      inReplyToUserId: parent?.authorId,
      inReplyToTweetId: parent?.id,
      hidden: false,
      deleted: false,
    };
    tweets.set(id, record);
    return record;
  }

  function state(record: TweetRecord): XTweetState {
    return {
      id: record.id,
      text: record.text,
      author_id: record.authorId,
      author_username: users.get(record.authorId)?.username ?? '',
      created_at: new Date(record.createdAt).toISOString(),
      conversation_id: record.conversationId,
      ...(record.inReplyToUserId ? { in_reply_to_user_id: record.inReplyToUserId } : {}),
      ...(record.inReplyToTweetId
        ? { in_reply_to_tweet_id: record.inReplyToTweetId, referenced_tweets: [{ type: 'replied_to' as const, id: record.inReplyToTweetId }] }
        : {}),
      hidden: record.hidden,
      deleted: record.deleted,
    };
  }

  const userState = (user: UserRecord): XUserState => ({ id: user.id, username: user.username, name: user.name, created_at: new Date(user.createdAt).toISOString() });

  const mentions = (user: UserRecord, record: TweetRecord) =>
    record.authorId !== user.id && mentionsIn(record.text).some((m) => m.username.toLowerCase() === user.username.toLowerCase());

  const live = () => [...tweets.values()].filter((t) => !t.deleted);

  function hide(record: TweetRecord, hidden: boolean): void {
    record.hidden = hidden;
  }

  for (const init of options.accounts) {
    if (users.has(init.id)) throw new Error(`duplicate account ${init.id}`);
    users.set(init.id, { id: init.id, username: init.username, name: init.name ?? init.username, createdAt: now() - 3000 * 24 * 3_600_000 });
    accounts.set(init.id, { userId: init.id, token: init.bearerToken, revoked: false });
  }

  return { users, tweets, accounts, now, userByName, userOf, authorOf, tweet, createTweet, state, userState, mentions, live, hide };
}

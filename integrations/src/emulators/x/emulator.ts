import type { IncomingMessage, ServerResponse } from 'node:http';
import { drawDelay, listen, parseBody, readBody, scheduleSteps, sendJson, sleep, toMs } from '../http-util.ts';
import type { RunningEmulator, StartOptions } from '../http-util.ts';
import { chance, seededRandom } from '../random.ts';
import type {
  XAccountInit,
  XEndpoint,
  XFaults,
  XMentionInput,
  XReplyInput,
  XRequestLog,
  XScenarioStep,
  XTweetInput,
  XTweetState,
  XUserInput,
  XUserState,
} from './types.ts';

export interface XEmulatorOptions {
  accounts: XAccountInit[];
  /** Applied in order: steps without `afterMs` at creation, the others that long after `start()`. */
  scenario?: XScenarioStep[];
  seed?: number;
  /** Clock (epoch ms) for created times, windows and holds; default `Date.now`. */
  now?: () => number;
  faults?: XFaults;
  /** Requests per window, per token and endpoint (defaults: see `DEFAULT_X_LIMITS`). */
  rateLimits?: Partial<Record<XEndpoint, number>>;
  /** Rate-limit window, default 15 minutes (X's). */
  windowMs?: number;
}

export interface XEmulator {
  start(options?: StartOptions): Promise<RunningEmulator>;
  readonly url: string | undefined;
  readonly requests: readonly XRequestLog[];
  /** A tweet opening its own conversation (e.g. the landlord announcing works). `author`: account id, user id or username. */
  addTweet(author: XUserInput, input: XTweetInput): XTweetState;
  /** A tweet mentioning the account (`@username` added in front when the text lacks it). */
  addMention(accountId: string, input: XMentionInput): XTweetState;
  /** A reply to `tweetId` (`@author` added in front, as X clients do). */
  addReply(tweetId: string, input: XReplyInput): XTweetState;
  getTweet(id: string): XTweetState | undefined;
  isHidden(id: string): boolean;
  /** Direct replies to a tweet (not deleted), oldest first. */
  repliesTo(id: string): XTweetState[];
  /** Tweets mentioning the account, newest first (what the mentions timeline would list). */
  mentionsOf(accountId: string): XTweetState[];
  users(): XUserState[];
  /** The emulated accounts (the ones with a token). */
  accounts(): XUserState[];
  /** Tweets written by a user, newest first. */
  tweetsBy(userId: string): XTweetState[];
  /** Hide or unhide a reply as the conversation owner would from the app. */
  hideReply(tweetId: string, hidden?: boolean): XTweetState;
  /** From now on the account's token answers 401. */
  revokeToken(accountId: string): void;
  renewToken(accountId: string, token?: string): string;
  setFaults(faults: XFaults): void;
  clearFaults(): void;
  readonly faults: Readonly<XFaults>;
  runScenario(steps: readonly XScenarioStep[]): void;
}

/** Requests per 15-minute window per user token, close to X's Pro plan (configurable). */
export const DEFAULT_X_LIMITS: Record<XEndpoint, number> = {
  'GET /2/users/:id/mentions': 300,
  'GET /2/tweets/search/recent': 300,
  'GET /2/tweets/:id': 900,
  'PUT /2/tweets/:id/hidden': 50,
  'POST /2/tweets': 100,
  'DELETE /2/tweets/:id': 50,
  'GET /2/users/me': 75,
  'GET /2/users/:id': 900,
  'GET /2/users/by/username/:username': 900,
};

const TWITTER_EPOCH = 1_288_834_974_657n;
const SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;

const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics',
  'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'text', 'withheld',
];
const USER_FIELDS = [
  'affiliation', 'connection_status', 'created_at', 'description', 'entities', 'id', 'location', 'most_recent_tweet_id', 'name',
  'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected', 'public_metrics', 'receives_your_dm',
  'subscription_type', 'url', 'username', 'verified', 'verified_type', 'withheld',
];
const TWEET_EXPANSIONS = [
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet', 'attachments.poll_ids',
  'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id', 'entities.note.mentions.username',
  'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys', 'referenced_tweets.id.author_id',
];
const USER_EXPANSIONS = ['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id'];
const FIELD_PARAMS = ['tweet.fields', 'user.fields', 'expansions', 'media.fields', 'place.fields', 'poll.fields'];

interface UserRecord {
  id: string;
  username: string;
  name: string;
  createdAt: number;
}

interface TweetRecord {
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

interface Account {
  userId: string;
  token: string;
  revoked: boolean;
}

interface Window {
  limit: number;
  remaining: number;
  resetAt: number;
  holdUntil: number | undefined;
}

/** How a timeline endpoint pages: the name of its page-token parameter and the bounds of `max_results`. */
interface TimelinePaging {
  tokenParam: 'pagination_token' | 'next_token';
  min: number;
  max: number;
}

class XApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.detail ?? body.title ?? status));
    this.status = status;
    this.body = body;
  }
}

const problem = (status: number, title: string, detail: string, type = 'about:blank') => new XApiError(status, { title, detail, type, status });

function invalidRequest(parameter: string, values: string[], message: string): XApiError {
  return new XApiError(400, {
    errors: [{ parameters: { [parameter]: values }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

function notFound(kind: 'tweet' | 'user', parameter: string, value: string): Record<string, unknown> {
  return {
    value,
    detail: `Could not find ${kind} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: kind,
    parameter,
    resource_id: value,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}

/** X counts 280 "weighted" characters; links count 23. Close enough: code points, links as 23. */
function weightedLength(text: string): number {
  return [...text.replace(/https?:\/\/\S+/g, 'x'.repeat(23))].length;
}

const MENTION = /(^|[^A-Za-z0-9_@])@([A-Za-z0-9_]{1,15})/g;

function mentionsIn(text: string): { username: string; start: number; end: number }[] {
  const out: { username: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(MENTION)) {
    const at = (match.index ?? 0) + match[1]!.length;
    const start = [...text.slice(0, at)].length;
    out.push({ username: match[2]!, start, end: start + match[2]!.length + 1 });
  }
  return out;
}

export function createXEmulator(options: XEmulatorOptions): XEmulator {
  const now = options.now ?? Date.now;
  const random = seededRandom(options.seed ?? 1);
  const windowMs = options.windowMs ?? 15 * 60_000;
  const limits: Record<XEndpoint, number> = { ...DEFAULT_X_LIMITS, ...options.rateLimits };
  const users = new Map<string, UserRecord>();
  const tweets = new Map<string, TweetRecord>();
  const accounts = new Map<string, Account>();
  const windows = new Map<string, Window>();
  const requests: XRequestLog[] = [];
  let faults: XFaults = {};
  let nextUserId = 1_600_000_000_000_000_001n;
  let sequence = 0n;
  let lastNum = 0n;
  let running: { url: string; close(): Promise<void> } | undefined;
  const timers: (() => void)[] = [];
  let pendingScenario: XScenarioStep[] = [];

  /* ---------- State ---------- */

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
  const newestFirst = (a: TweetRecord, b: TweetRecord) => (a.num > b.num ? -1 : a.num < b.num ? 1 : 0);

  function hide(record: TweetRecord, hidden: boolean): void {
    record.hidden = hidden;
  }

  /* ---------- Rendering ---------- */

  function list(params: Record<string, string>, name: string, allowed: readonly string[]): string[] {
    const raw = params[name];
    if (raw === undefined || raw === '') return [];
    const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
    const bad = values.filter((v) => !allowed.includes(v));
    if (bad.length) {
      throw invalidRequest(name, bad, `The \`${name}\` query parameter value [${bad[0]}] is not one of [${allowed.join(',')}]`);
    }
    return values;
  }

  function renderTweet(record: TweetRecord, fields: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { id: record.id, text: record.text, edit_history_tweet_ids: [record.id] };
    for (const field of fields) {
      switch (field) {
        case 'author_id': out.author_id = record.authorId; break;
        case 'created_at': out.created_at = new Date(record.createdAt).toISOString(); break;
        case 'conversation_id': out.conversation_id = record.conversationId; break;
        case 'in_reply_to_user_id': if (record.inReplyToUserId) out.in_reply_to_user_id = record.inReplyToUserId; break;
        case 'referenced_tweets': if (record.inReplyToTweetId) out.referenced_tweets = [{ type: 'replied_to', id: record.inReplyToTweetId }]; break;
        case 'lang': out.lang = 'fr'; break;
        case 'possibly_sensitive': out.possibly_sensitive = false; break;
        case 'reply_settings': out.reply_settings = 'everyone'; break;
        case 'edit_controls': out.edit_controls = { edits_remaining: 5, is_edit_eligible: false, editable_until: new Date(record.createdAt + 3_600_000).toISOString() }; break;
        case 'public_metrics':
          out.public_metrics = {
            retweet_count: 0,
            reply_count: live().filter((t) => t.inReplyToTweetId === record.id).length,
            like_count: 0,
            quote_count: 0,
            bookmark_count: 0,
            impression_count: 0,
          };
          break;
        case 'entities': {
          const found = mentionsIn(record.text).map((m) => ({ ...m, ...(userByName(m.username) ? { id: userByName(m.username)!.id } : {}) }));
          if (found.length) out.entities = { mentions: found };
          break;
        }
        default: break; // Known to X, absent here: left out, as X leaves out empty fields.
      }
    }
    return out;
  }

  function renderUser(user: UserRecord, fields: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
    for (const field of fields) {
      switch (field) {
        case 'created_at': out.created_at = new Date(user.createdAt).toISOString(); break;
        case 'description': out.description = ''; break;
        case 'protected': out.protected = false; break;
        case 'verified': out.verified = false; break;
        case 'profile_image_url': out.profile_image_url = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png'; break;
        default: break;
      }
    }
    return out;
  }

  /** `{ data, includes?, meta? }` for a list of tweets, with the requested fields and expansions. */
  function tweetsAnswer(records: readonly TweetRecord[], params: Record<string, string>): { data?: unknown[]; includes?: Record<string, unknown[]> } {
    const tweetFields = list(params, 'tweet.fields', TWEET_FIELDS);
    const userFields = list(params, 'user.fields', USER_FIELDS);
    const expansions = list(params, 'expansions', TWEET_EXPANSIONS);
    list(params, 'media.fields', ['duration_ms', 'height', 'media_key', 'preview_image_url', 'type', 'url', 'width', 'public_metrics', 'alt_text', 'variants']);
    list(params, 'place.fields', ['contained_within', 'country', 'country_code', 'full_name', 'geo', 'id', 'name', 'place_type']);
    list(params, 'poll.fields', ['duration_minutes', 'end_datetime', 'id', 'options', 'voting_status']);
    const includedUsers = new Map<string, UserRecord>();
    const includedTweets = new Map<string, TweetRecord>();
    const addUser = (id: string | undefined) => {
      const user = id ? users.get(id) : undefined;
      if (user) includedUsers.set(user.id, user);
    };
    for (const record of records) {
      if (expansions.includes('author_id')) addUser(record.authorId);
      if (expansions.includes('in_reply_to_user_id')) addUser(record.inReplyToUserId);
      if (expansions.includes('entities.mentions.username')) for (const m of mentionsIn(record.text)) addUser(userByName(m.username)?.id);
      if (expansions.includes('referenced_tweets.id') && record.inReplyToTweetId) {
        const parent = tweets.get(record.inReplyToTweetId);
        if (parent && !parent.deleted) {
          includedTweets.set(parent.id, parent);
          if (expansions.includes('referenced_tweets.id.author_id')) addUser(parent.authorId);
        }
      }
    }
    const answer: { data?: unknown[]; includes?: Record<string, unknown[]> } = {};
    if (records.length) answer.data = records.map((r) => renderTweet(r, tweetFields));
    const includes: Record<string, unknown[]> = {};
    if (includedUsers.size) includes.users = [...includedUsers.values()].map((u) => renderUser(u, userFields));
    if (includedTweets.size) includes.tweets = [...includedTweets.values()].map((t) => renderTweet(t, tweetFields));
    if (Object.keys(includes).length) answer.includes = includes;
    return answer;
  }

  /* ---------- Timelines ---------- */

  const encodeToken = (record: TweetRecord) => `7140dibdnow9c7btw${record.num.toString(36)}`;
  function decodeToken(name: string, token: string): bigint {
    const match = /^7140dibdnow9c7btw([0-9a-z]+)$/.exec(token);
    if (!match) throw invalidRequest(name, [token], `The \`${name}\` query parameter value [${token}] is not valid`);
    return [...match[1]!].reduce((acc, c) => acc * 36n + BigInt(parseInt(c, 36)), 0n);
  }

  function idParam(params: Record<string, string>, name: string): bigint | undefined {
    const value = params[name];
    if (value === undefined || value === '') return undefined;
    if (!/^\d{1,19}$/.test(value)) throw invalidRequest(name, [value], `The \`${name}\` query parameter value [${value}] is not valid`);
    return BigInt(value);
  }

  function timeParam(params: Record<string, string>, name: string): number | undefined {
    const value = params[name];
    if (value === undefined || value === '') return undefined;
    const parsed = Date.parse(value);
    if (Number.isNaN(parsed)) throw invalidRequest(name, [value], `Invalid '${name}':'${value}'. '${name}' must be a valid RFC3339 date.`);
    return parsed;
  }

  function checkParams(params: Record<string, string>, allowed: readonly string[]): void {
    const unknown = Object.keys(params).filter((key) => !allowed.includes(key));
    if (unknown.length) {
      throw invalidRequest(unknown[0]!, [params[unknown[0]!]!], `The query parameters [${unknown.join(',')}] is not one of [${allowed.join(',')}]`);
    }
  }

  function timeline(candidates: TweetRecord[], params: Record<string, string>, paging: TimelinePaging): Record<string, unknown> {
    const { tokenParam, min, max } = paging;
    const maxResultsRaw = params.max_results;
    const maxResults = maxResultsRaw === undefined ? 10 : Number(maxResultsRaw);
    if (!Number.isInteger(maxResults) || maxResults < min || maxResults > max) {
      throw invalidRequest('max_results', [String(maxResultsRaw)], `The \`max_results\` query parameter value [${maxResultsRaw}] is not between ${min} and ${max}`);
    }
    const since = idParam(params, 'since_id');
    const until = idParam(params, 'until_id');
    const start = timeParam(params, 'start_time');
    const end = timeParam(params, 'end_time');
    const token = params[tokenParam] ?? params.pagination_token ?? params.next_token;
    const below = token ? decodeToken(tokenParam, token) : undefined;
    const matching = candidates
      .filter(
        (t) =>
          (since === undefined || t.num > since) &&
          (until === undefined || t.num < until) &&
          (below === undefined || t.num < below) &&
          (start === undefined || t.createdAt >= start) &&
          (end === undefined || t.createdAt <= end),
      )
      .sort(newestFirst);
    const page = matching.slice(0, maxResults);
    const meta: Record<string, unknown> = { result_count: page.length };
    if (page.length) {
      meta.newest_id = page[0]!.id;
      meta.oldest_id = page[page.length - 1]!.id;
      if (matching.length > page.length) meta.next_token = encodeToken(page[page.length - 1]!);
    }
    return { ...tweetsAnswer(page, params), meta };
  }

  /** A tiny subset of X's search syntax, all terms ANDed. */
  function searchFilter(query: string): (t: TweetRecord) => boolean {
    const terms = query.match(/-?"[^"]*"|\S+/g) ?? [];
    const tests = terms.map((raw): ((t: TweetRecord) => boolean) => {
      const negate = raw.startsWith('-');
      const term = negate ? raw.slice(1) : raw;
      const test = ((): ((t: TweetRecord) => boolean) => {
        const op = /^([a-z_]+):(.+)$/.exec(term);
        if (op) {
          const [, name, value] = op as unknown as [string, string, string];
          switch (name) {
            case 'conversation_id': return (t) => t.conversationId === value;
            case 'in_reply_to_tweet_id': return (t) => t.inReplyToTweetId === value;
            case 'from': return (t) => users.get(t.authorId)?.username.toLowerCase() === value.replace(/^@/, '').toLowerCase() || t.authorId === value;
            case 'to': return (t) => { const to = t.inReplyToUserId ? users.get(t.inReplyToUserId) : undefined; return !!to && (to.username.toLowerCase() === value.replace(/^@/, '').toLowerCase() || to.id === value); };
            case 'is':
              if (value === 'reply') return (t) => t.inReplyToTweetId !== undefined;
              if (value === 'retweet' || value === 'quote') return () => false;
              break;
            case 'lang': return () => value === 'fr';
            default: break;
          }
          throw invalidRequest('query', [query], `There were errors processing your request: Reference to invalid operator '${name}'. Operator is not available in current product or product packaging.`);
        }
        if (term === 'OR' || term.startsWith('(')) throw invalidRequest('query', [query], 'The emulator does not support OR and groups in queries');
        if (term.startsWith('@')) return (t) => mentionsIn(t.text).some((m) => m.username.toLowerCase() === term.slice(1).toLowerCase());
        const words = term.replace(/^"|"$/g, '').toLowerCase();
        return (t) => t.text.toLowerCase().includes(words);
      })();
      return negate ? (t) => !test(t) : test;
    });
    if (!tests.length) throw invalidRequest('query', [query], 'The `query` query parameter can not be empty');
    return (t) => tests.every((test) => test(t));
  }

  /* ---------- HTTP ---------- */

  interface Route {
    endpoint: XEndpoint;
    params: Record<string, string>;
  }

  function match(method: string, path: string): Route | undefined {
    const table: [string, XEndpoint, RegExp][] = [
      ['GET', 'GET /2/users/me', /^\/2\/users\/me$/],
      ['GET', 'GET /2/users/by/username/:username', /^\/2\/users\/by\/username\/(?<username>[A-Za-z0-9_]+)$/],
      ['GET', 'GET /2/users/:id/mentions', /^\/2\/users\/(?<id>\d+)\/mentions$/],
      ['GET', 'GET /2/users/:id', /^\/2\/users\/(?<id>\d+)$/],
      ['GET', 'GET /2/tweets/search/recent', /^\/2\/tweets\/search\/recent$/],
      ['GET', 'GET /2/tweets/:id', /^\/2\/tweets\/(?<id>\d+)$/],
      ['PUT', 'PUT /2/tweets/:id/hidden', /^\/2\/tweets\/(?<id>\d+)\/hidden$/],
      ['POST', 'POST /2/tweets', /^\/2\/tweets$/],
      ['DELETE', 'DELETE /2/tweets/:id', /^\/2\/tweets\/(?<id>\d+)$/],
    ];
    for (const [m, endpoint, pattern] of table) {
      const found = m === method ? pattern.exec(path) : null;
      if (found) return { endpoint, params: { ...found.groups } };
    }
    return undefined;
  }

  function window(key: string, limit: number): Window {
    const t = now();
    let current = windows.get(key);
    if (!current || t >= current.resetAt) {
      current = { limit, remaining: limit, resetAt: t + windowMs, holdUntil: current?.holdUntil };
      windows.set(key, current);
    }
    if (current.holdUntil !== undefined && t >= current.holdUntil) current.holdUntil = undefined;
    return current;
  }

  function rateHeaders(w: Window | undefined, limit: number): Record<string, string> {
    const t = now();
    const resetAt = w?.holdUntil ?? w?.resetAt ?? t + windowMs;
    return {
      'x-rate-limit-limit': String(w?.limit ?? limit),
      'x-rate-limit-remaining': String(w ? (w.holdUntil !== undefined ? 0 : w.remaining) : limit),
      'x-rate-limit-reset': String(Math.ceil(resetAt / 1000)),
    };
  }

  function fires(fault: { probability?: number; nextCalls?: number } | undefined): boolean {
    if (!fault) return false;
    if (fault.nextCalls && fault.nextCalls > 0) {
      fault.nextCalls--;
      return true;
    }
    return chance(random, fault.probability);
  }

  function authenticate(req: IncomingMessage): UserRecord | undefined {
    const header = req.headers.authorization;
    const token = header ? /^Bearer\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
    if (!token) return undefined;
    for (const account of accounts.values()) if (account.token === token && !account.revoked) return users.get(account.userId);
    return undefined;
  }

  function route(route: Route, me: UserRecord, params: Record<string, string>, body: Record<string, unknown>): { status: number; body: unknown } {
    switch (route.endpoint) {
      case 'GET /2/users/me':
        checkParams(params, ['user.fields', 'expansions', 'tweet.fields']);
        return { status: 200, body: { data: renderUser(me, list(params, 'user.fields', USER_FIELDS)) } };
      case 'GET /2/users/:id':
      case 'GET /2/users/by/username/:username': {
        checkParams(params, ['user.fields', 'expansions', 'tweet.fields']);
        const user = route.params.id ? users.get(route.params.id) : userByName(route.params.username!);
        if (!user) {
          const [parameter, value] = route.params.id ? ['id', route.params.id] : ['username', route.params.username!];
          return { status: 200, body: { errors: [notFound('user', parameter, value)] } };
        }
        list(params, 'expansions', USER_EXPANSIONS);
        return { status: 200, body: { data: renderUser(user, list(params, 'user.fields', USER_FIELDS)) } };
      }
      case 'GET /2/users/:id/mentions': {
        checkParams(params, ['since_id', 'until_id', 'max_results', 'pagination_token', 'start_time', 'end_time', ...FIELD_PARAMS]);
        const user = users.get(route.params.id!);
        if (!user) return { status: 200, body: { errors: [notFound('user', 'id', route.params.id!)] } };
        return { status: 200, body: timeline(live().filter((t) => mentions(user, t)), params, { tokenParam: 'pagination_token', min: 5, max: 100 }) };
      }
      case 'GET /2/tweets/search/recent': {
        checkParams(params, ['query', 'since_id', 'until_id', 'max_results', 'next_token', 'pagination_token', 'start_time', 'end_time', 'sort_order', ...FIELD_PARAMS]);
        const query = params.query;
        if (!query) throw invalidRequest('query', [''], 'The `query` query parameter can not be empty');
        if (query.length > 512) throw invalidRequest('query', [query], 'The `query` query parameter value is too long');
        const filter = searchFilter(query);
        const recent = now() - SEARCH_WINDOW_MS;
        return { status: 200, body: timeline(live().filter((t) => t.createdAt >= recent && filter(t)), params, { tokenParam: 'next_token', min: 10, max: 100 }) };
      }
      case 'GET /2/tweets/:id': {
        checkParams(params, FIELD_PARAMS);
        const found = tweets.get(route.params.id!);
        if (!found || found.deleted) return { status: 200, body: { errors: [notFound('tweet', 'id', route.params.id!)] } };
        const answer = tweetsAnswer([found], params);
        return { status: 200, body: { data: answer.data![0], ...(answer.includes ? { includes: answer.includes } : {}) } };
      }
      case 'PUT /2/tweets/:id/hidden': {
        if (typeof body.hidden !== 'boolean') throw invalidRequest('hidden', [String(body.hidden)], 'The `hidden` field must be a boolean');
        const found = tweets.get(route.params.id!);
        if (!found || found.deleted) throw problem(404, 'Not Found Error', `Could not find tweet with id: [${route.params.id}].`, 'https://api.twitter.com/2/problems/resource-not-found');
        const root = tweets.get(found.conversationId);
        if (!found.inReplyToTweetId || !root || root.authorId !== me.id || found.authorId === me.id) {
          throw problem(403, 'Forbidden', 'You can only hide or unhide replies to conversations you authored.');
        }
        hide(found, body.hidden);
        return { status: 200, body: { data: { hidden: body.hidden } } };
      }
      case 'POST /2/tweets': {
        const text = typeof body.text === 'string' ? body.text : '';
        if (!text.trim()) throw invalidRequest('text', [text], 'The `text` field is required when no media or poll is given');
        if (weightedLength(text) > 280) throw invalidRequest('text', [text], 'Your Tweet text is too long.');
        const reply = body.reply as { in_reply_to_tweet_id?: unknown } | undefined;
        let parent: TweetRecord | undefined;
        if (reply && reply.in_reply_to_tweet_id !== undefined) {
          parent = tweets.get(String(reply.in_reply_to_tweet_id));
          if (!parent || parent.deleted) throw problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');
        }
        const duplicate = live().some((t) => t.authorId === me.id && t.text === text && t.createdAt > now() - 24 * 3_600_000);
        if (duplicate) throw problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
        const created = createTweet(me, text, undefined, parent);
        return { status: 201, body: { data: { id: created.id, text: created.text, edit_history_tweet_ids: [created.id] } } };
      }
      case 'DELETE /2/tweets/:id': {
        const found = tweets.get(route.params.id!);
        if (!found || found.deleted) throw problem(404, 'Not Found Error', `Could not find tweet with id: [${route.params.id}].`, 'https://api.twitter.com/2/problems/resource-not-found');
        if (found.authorId !== me.id) throw problem(403, 'Forbidden', 'You are not allowed to delete a Tweet you did not author.');
        found.deleted = true;
        return { status: 200, body: { data: { deleted: true } } };
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const params = Object.fromEntries(url.searchParams);
    const found = match(method, url.pathname);
    const log: XRequestLog = { method, path: url.pathname, endpoint: found?.endpoint, query: params, status: 0 };
    requests.push(log);
    // A demo runs for hours: keep the log bounded.
    if (requests.length > 10_000) requests.splice(0, 1_000);
    const limit = found ? limits[found.endpoint] : 900;
    const me = authenticate(req);
    const key = `${me?.id ?? 'anonymous'}|${found?.endpoint ?? url.pathname}`;
    let w: Window | undefined = me ? window(key, limit) : undefined;
    const headers = () => ({ ...rateHeaders(w, limit), 'x-response-time': '12', 'x-transaction-id': `${Math.floor(random() * 1e16).toString(16)}` });
    const fail = (error: XApiError) => {
      log.status = error.status;
      const type = 'errors' in error.body ? 'application/json; charset=utf-8' : 'application/problem+json';
      sendJson(res, error.status, error.body, { headers: headers(), contentType: type });
    };
    try {
      const delay = drawDelay(faults.delayMs, random);
      if (delay) await sleep(delay);
      if (fires(faults.serverError)) {
        const status = faults.serverError?.status ?? 503;
        throw problem(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', status === 503 ? 'Service Unavailable' : 'Internal Server Error');
      }
      if (!me || fires(faults.unauthorized)) throw problem(401, 'Unauthorized', 'Unauthorized');
      if (!found) throw new XApiError(404, { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] });
      w = window(key, limit);
      if (w.holdUntil === undefined && fires(faults.rateLimit)) w.holdUntil = now() + (faults.rateLimit?.resetAfterMs ?? 60_000);
      if (w.holdUntil !== undefined || w.remaining <= 0) {
        throw problem(429, 'Too Many Requests', 'Too Many Requests');
      }
      w.remaining--;
      const body = method === 'POST' || method === 'PUT' ? parseBody(raw, req.headers['content-type']) : {};
      const answer = route(found, me, params, body);
      log.status = answer.status;
      sendJson(res, answer.status, answer.body, { headers: headers(), contentType: 'application/json; charset=utf-8' });
    } catch (error) {
      if (error instanceof XApiError) fail(error);
      else throw error;
    }
  }

  /* ---------- Public API ---------- */

  function runStep(step: XScenarioStep): void {
    switch (step.do) {
      case 'tweet': emulator.addTweet(step.author, step); break;
      case 'mention': emulator.addMention(step.accountId, step); break;
      case 'reply': emulator.addReply(step.tweetId, step); break;
      case 'hide': emulator.hideReply(step.tweetId, step.hidden ?? true); break;
      case 'revokeToken': emulator.revokeToken(step.accountId); break;
      case 'faults': emulator.setFaults(step.faults); break;
    }
  }

  const account = (accountId: string): Account => {
    const found = accounts.get(accountId);
    if (!found) throw new Error(`unknown account ${accountId}`);
    return found;
  };

  const emulator: XEmulator = {
    get url() {
      return running?.url;
    },
    requests,
    get faults() {
      return faults;
    },
    async start(startOptions) {
      if (running) throw new Error('X emulator already started');
      const server = await listen(handle, startOptions);
      running = server;
      const steps = pendingScenario;
      pendingScenario = [];
      timers.push(scheduleSteps(steps, runStep));
      return {
        url: server.url,
        close: async () => {
          timers.splice(0).forEach((stop) => stop());
          running = undefined;
          await server.close();
        },
      };
    },
    addTweet(author, input) {
      return state(createTweet(authorOf(author), input.text, input.createdAt, undefined));
    },
    addMention(accountId, input) {
      const target = users.get(account(accountId).userId)!;
      const author = userOf(input.from);
      const parent = input.inReplyTo ? tweet(input.inReplyTo) : undefined;
      const mentioned = mentionsIn(input.text).some((m) => m.username.toLowerCase() === target.username.toLowerCase());
      const text = mentioned ? input.text : `@${target.username} ${input.text}`;
      return state(createTweet(author, text, input.createdAt, parent));
    },
    addReply(tweetId, input) {
      const parent = tweet(tweetId);
      const author = userOf(input.from);
      const parentAuthor = users.get(parent.authorId)!;
      const mentioned = mentionsIn(input.text).some((m) => m.username.toLowerCase() === parentAuthor.username.toLowerCase());
      const text = mentioned || parentAuthor.id === author.id ? input.text : `@${parentAuthor.username} ${input.text}`;
      return state(createTweet(author, text, input.createdAt, parent));
    },
    getTweet(id) {
      const found = tweets.get(id);
      return found ? state(found) : undefined;
    },
    isHidden(id) {
      const found = tweets.get(id);
      if (!found) throw new Error(`unknown tweet ${id}`);
      return found.hidden;
    },
    repliesTo(id) {
      return live()
        .filter((t) => t.inReplyToTweetId === id)
        .sort((a, b) => -newestFirst(a, b))
        .map(state);
    },
    mentionsOf(accountId) {
      const user = users.get(account(accountId).userId)!;
      return live().filter((t) => mentions(user, t)).sort(newestFirst).map(state);
    },
    users: () => [...users.values()].map(userState),
    accounts: () => [...accounts.values()].map((a) => userState(users.get(a.userId)!)),
    tweetsBy: (userId) => live().filter((t) => t.authorId === userId).sort(newestFirst).map(state),
    hideReply(tweetId, hidden = true) {
      const found = tweet(tweetId);
      hide(found, hidden);
      return state(found);
    },
    revokeToken(accountId) {
      account(accountId).revoked = true;
    },
    renewToken(accountId, token) {
      const found = account(accountId);
      found.token = token ?? `AAAAAAAAAAAAAAAAAAAAA${Math.floor(random() * 1e16).toString(36)}`;
      found.revoked = false;
      return found.token;
    },
    setFaults(next) {
      faults = { ...faults, ...next };
      for (const key of Object.keys(faults) as (keyof XFaults)[]) if (faults[key] === undefined) delete faults[key];
      if (faults.rateLimit) faults.rateLimit = { ...faults.rateLimit };
      if (faults.unauthorized) faults.unauthorized = { ...faults.unauthorized };
      if (faults.serverError) faults.serverError = { ...faults.serverError };
      if (!faults.rateLimit) for (const w of windows.values()) w.holdUntil = undefined;
    },
    clearFaults() {
      faults = {};
      for (const w of windows.values()) w.holdUntil = undefined;
    },
    runScenario(steps) {
      for (const step of steps) if (!step.afterMs) runStep(step);
      const later = steps.filter((step) => step.afterMs);
      if (running) timers.push(scheduleSteps(later, runStep));
      else pendingScenario.push(...later);
    },
  };

  for (const init of options.accounts) {
    if (users.has(init.id)) throw new Error(`duplicate account ${init.id}`);
    users.set(init.id, { id: init.id, username: init.username, name: init.name ?? init.username, createdAt: now() - 3000 * 24 * 3_600_000 });
    accounts.set(init.id, { userId: init.id, token: init.bearerToken, revoked: false });
  }
  emulator.setFaults(options.faults ?? {});
  emulator.runScenario(options.scenario ?? []);
  return emulator;
}

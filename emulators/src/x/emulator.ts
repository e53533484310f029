import type { IncomingMessage, ServerResponse } from 'node:http';
import { drawDelay, listen, parseBody, readBody, scheduleSteps, sendJson, sleep } from '../http-util.ts';
import type { RunningEmulator, StartOptions } from '../http-util.ts';
import { chance, seededRandom } from '../random.ts';
import { XApiError, problem } from './errors.ts';
import { matchXRoute } from './routes/index.ts';
import { createXStore, mentionsIn, newestFirst } from './store.ts';
import type { Account, UserRecord } from './store.ts';
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

interface Window {
  limit: number;
  remaining: number;
  resetAt: number;
  holdUntil: number | undefined;
}

export function createXEmulator(options: XEmulatorOptions): XEmulator {
  const now = options.now ?? Date.now;
  const random = seededRandom(options.seed ?? 1);
  const windowMs = options.windowMs ?? 15 * 60_000;
  const limits: Record<XEndpoint, number> = { ...DEFAULT_X_LIMITS, ...options.rateLimits };
  const store = createXStore({ accounts: options.accounts, now });
  const { users, tweets, accounts } = store;
  const windows = new Map<string, Window>();
  const requests: XRequestLog[] = [];
  let faults: XFaults = {};
  let running: { url: string; close(): Promise<void> } | undefined;
  const timers: (() => void)[] = [];
  let pendingScenario: XScenarioStep[] = [];

  /* ---------- HTTP ---------- */

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

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    const params = Object.fromEntries(url.searchParams);
    const found = matchXRoute(method, url.pathname);
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
      const answer = found.route.handle({ store, me, path: found.path, query: params, body });
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
      return store.state(store.createTweet(store.authorOf(author), input.text, input.createdAt, undefined));
    },
    addMention(accountId, input) {
      const target = users.get(account(accountId).userId)!;
      const author = store.userOf(input.from);
      const parent = input.inReplyTo ? store.tweet(input.inReplyTo) : undefined;
      const mentioned = mentionsIn(input.text).some((m) => m.username.toLowerCase() === target.username.toLowerCase());
      const text = mentioned ? input.text : `@${target.username} ${input.text}`;
      return store.state(store.createTweet(author, text, input.createdAt, parent));
    },
    addReply(tweetId, input) {
      const parent = store.tweet(tweetId);
      const author = store.userOf(input.from);
      const parentAuthor = users.get(parent.authorId)!;
      const mentioned = mentionsIn(input.text).some((m) => m.username.toLowerCase() === parentAuthor.username.toLowerCase());
      const text = mentioned || parentAuthor.id === author.id ? input.text : `@${parentAuthor.username} ${input.text}`;
      return store.state(store.createTweet(author, text, input.createdAt, parent));
    },
    getTweet(id) {
      const found = tweets.get(id);
      return found ? store.state(found) : undefined;
    },
    isHidden(id) {
      const found = tweets.get(id);
      if (!found) throw new Error(`unknown tweet ${id}`);
      return found.hidden;
    },
    repliesTo(id) {
      return store
        .live()
        .filter((t) => t.inReplyToTweetId === id)
        .sort((a, b) => -newestFirst(a, b))
        .map(store.state);
    },
    mentionsOf(accountId) {
      const user = users.get(account(accountId).userId)!;
      return store.live().filter((t) => store.mentions(user, t)).sort(newestFirst).map(store.state);
    },
    users: () => [...users.values()].map(store.userState),
    accounts: () => [...accounts.values()].map((a) => store.userState(users.get(a.userId)!)),
    tweetsBy: (userId) => store.live().filter((t) => t.authorId === userId).sort(newestFirst).map(store.state),
    hideReply(tweetId, hidden = true) {
      const found = store.tweet(tweetId);
      store.hide(found, hidden);
      return store.state(found);
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

  emulator.setFaults(options.faults ?? {});
  emulator.runScenario(options.scenario ?? []);
  return emulator;
}

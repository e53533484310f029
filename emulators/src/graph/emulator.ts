import type { IncomingMessage, ServerResponse } from 'node:http';
import { drawDelay, listen, parseBody, readBody, scheduleSteps, sendJson, sleep } from '../http-util.ts';
import type { RunningEmulator, StartOptions } from '../http-util.ts';
import { chance, randomToken, seededRandom } from '../random.ts';
import type { Random } from '../random.ts';
import { expiredToken, GraphApiError, invalidToken, missingToken, rateLimitError, transientServerError, unsupported } from './errors.ts';
import type { RenderContext } from './render.ts';
import { routeGraphRequest } from './routes/index.ts';
import { createGraphStore, GraphStateError } from './store.ts';
import type { CommentRecord, GraphChange, GraphStore, PageRecord } from './store.ts';
import type {
  GraphCommentInput,
  GraphCommentState,
  GraphFaults,
  GraphPageInit,
  GraphPostInput,
  GraphPostState,
  GraphRequestLog,
  GraphScenarioStep,
} from './types.ts';
import { createWebhookDispatcher, webhookChange } from './webhooks.ts';
import type { WebhookDispatcher } from './webhooks.ts';

export interface GraphEmulatorOptions {
  pages: GraphPageInit[];
  /** Applied in order: steps without `afterMs` at creation, the others that long after `start()`. */
  scenario?: GraphScenarioStep[];
  /** Seed of the fault draws and trace ids (default 1). */
  seed?: number;
  /** Clock (epoch ms) for created times, throttles and usage; default `Date.now`. */
  now?: () => number;
  faults?: GraphFaults;
  /** Calls per Page per hour that make 100 % in the usage headers (default 4800). */
  usageBudgetPerHour?: number;
  /** Version answered in `facebook-api-version` when the path has none (default v24.0, the SDK's). */
  defaultVersion?: string;
  webhookRetries?: number;
  webhookRetryDelayMs?: number;
}

export type GraphWebhooks = Omit<WebhookDispatcher, 'emit'>;

export interface GraphEmulator {
  start(options?: StartOptions): Promise<RunningEmulator>;
  /** Base URL once started (`http://127.0.0.1:PORT`), without version. */
  readonly url: string | undefined;
  readonly webhooks: GraphWebhooks;
  /** Every API call received, in order. */
  readonly requests: readonly GraphRequestLog[];
  addPost(pageId: string, input: GraphPostInput): GraphPostState;
  addComment(pageId: string, postId: string, input: GraphCommentInput): GraphCommentState;
  editComment(commentId: string, message: string): GraphCommentState;
  removeComment(commentId: string): GraphCommentState;
  /** Hidden by a moderator in Facebook's own interface (not through the API). */
  hideComment(commentId: string, hidden?: boolean): GraphCommentState;
  getComment(id: string): GraphCommentState | undefined;
  getPost(id: string): GraphPostState | undefined;
  /** Live (not deleted) replies to a comment, oldest first. */
  repliesOf(commentId: string): GraphCommentState[];
  /** Live comments and replies of a post, oldest first. */
  commentsOf(postId: string): GraphCommentState[];
  /** Live posts of a Page, newest first. */
  postsOf(pageId: string): GraphPostState[];
  pages(): { id: string; name: string; accessToken: string }[];
  /** From now on this Page's token answers 190/463 (session expired). */
  expireToken(pageId: string): void;
  /** A fresh token for the Page (the old one stays invalid); returns it. */
  renewToken(pageId: string, token?: string): string;
  /** Merges into the current faults (a key set to undefined switches that fault off). */
  setFaults(faults: GraphFaults): void;
  clearFaults(): void;
  readonly faults: Readonly<GraphFaults>;
  /** Runs steps now (no `afterMs`) or later (`afterMs` from now). */
  runScenario(steps: readonly GraphScenarioStep[]): void;
}

const DEFAULT_RATE_CODES = [4, 17, 32, 613] as const;

interface Hold {
  until: number;
  code: number;
  status: number;
  integerMinutes: boolean;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function asString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function createGraphEmulator(options: GraphEmulatorOptions): GraphEmulator {
  const now = options.now ?? Date.now;
  const random: Random = seededRandom(options.seed ?? 1);
  const traceRandom: Random = seededRandom((options.seed ?? 1) ^ 0x5bd1e995);
  const budget = options.usageBudgetPerHour ?? 4800;
  const defaultVersion = options.defaultVersion ?? 'v24.0';
  const requests: GraphRequestLog[] = [];
  const calls = new Map<string, number[]>();
  let faults: GraphFaults = { ...options.faults };
  let rateCodeTurn = 0;
  let hold: Hold | undefined;
  let running: { url: string; close(): Promise<void> } | undefined;
  const timers: (() => void)[] = [];
  let pendingScenario: GraphScenarioStep[] = [];

  const dispatcher = createWebhookDispatcher({
    ...(options.webhookRetries !== undefined ? { retries: options.webhookRetries } : {}),
    ...(options.webhookRetryDelayMs !== undefined ? { retryDelayMs: options.webhookRetryDelayMs } : {}),
  });

  const seconds = (ms: number) => Math.floor(ms / 1000);

  function onChange(change: GraphChange): void {
    const { pageId, value } = webhookChange(change);
    dispatcher.emit(pageId, value, seconds(now()));
  }

  const store: GraphStore = createGraphStore({ pages: options.pages, now, onChange });

  function runStep(step: GraphScenarioStep): void {
    switch (step.do) {
      case 'post': {
        const { do: _d, afterMs: _a, pageId, ...input } = step;
        store.addPost(pageId, input);
        break;
      }
      case 'comment': {
        const { do: _d, afterMs: _a, pageId, postId, ...input } = step;
        store.addComment(pageId, postId, input);
        break;
      }
      case 'edit': store.editComment(step.commentId, step.message); break;
      case 'remove': store.removeComment(step.commentId); break;
      case 'hide': store.hideComment(step.commentId, step.hidden ?? true); break;
      case 'expireToken': emulator.expireToken(step.pageId); break;
      case 'faults': emulator.setFaults(step.faults); break;
    }
  }

  /* ---------- HTTP ---------- */

  function usageHeaders(pageId: string | undefined, throttle: Hold | undefined): Record<string, string> {
    const t = now();
    const percent = (() => {
      if (throttle) return 100;
      if (!pageId) return 0;
      const list = (calls.get(pageId) ?? []).filter((at) => at > t - 3_600_000);
      calls.set(pageId, list);
      return Math.min(100, Math.ceil((list.length * 100) / budget));
    })();
    const remainingMs = throttle ? Math.max(0, throttle.until - t) : 0;
    const minutes = throttle?.integerMinutes ? Math.ceil(remainingMs / 60_000) : remainingMs / 60_000;
    const usage = { call_count: percent, total_cputime: Math.min(100, Math.ceil(percent / 2)), total_time: Math.min(100, Math.ceil(percent / 2)) };
    const headers: Record<string, string> = { 'x-app-usage': JSON.stringify(usage) };
    if (pageId) {
      headers['x-page-usage'] = JSON.stringify({ ...usage, estimated_time_to_regain_access: minutes });
      headers['x-business-use-case-usage'] = JSON.stringify({
        [pageId]: [{ type: 'pages', ...usage, estimated_time_to_regain_access: minutes }],
      });
    }
    return headers;
  }

  /** Throttle check: an active hold answers until it expires; otherwise the fault may trigger one. */
  function throttleFor(pageId: string): GraphApiError | undefined {
    const t = now();
    if (hold && t >= hold.until) hold = undefined;
    if (!hold) {
      const fault = faults.rateLimit;
      if (!fault) return undefined;
      let fire = false;
      if (fault.nextCalls && fault.nextCalls > 0) {
        fault.nextCalls--;
        fire = true;
      } else if (chance(random, fault.probability)) {
        fire = true;
      }
      if (!fire) return undefined;
      const codes = fault.codes?.length ? fault.codes : DEFAULT_RATE_CODES;
      const code = codes[rateCodeTurn++ % codes.length]!;
      hold = {
        until: t + (fault.regainAfterMs ?? 60_000),
        code,
        status: fault.httpStatus ?? (code === 4 ? 403 : 400),
        integerMinutes: fault.integerMinutes ?? false,
      };
    }
    return rateLimitError(hold.code, hold.status, usageHeaders(pageId, hold));
  }

  function serverErrorNow(): GraphApiError | undefined {
    const fault = faults.serverError;
    if (!fault) return undefined;
    let fire = false;
    if (fault.nextCalls && fault.nextCalls > 0) {
      fault.nextCalls--;
      fire = true;
    } else if (chance(random, fault.probability)) {
      fire = true;
    }
    return fire ? transientServerError(fault.status ?? 500) : undefined;
  }

  function authenticate(params: Record<string, string>, req: IncomingMessage): { page: PageRecord; token: string } {
    const header = single(req.headers.authorization);
    const fromHeader = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim())?.[1] : undefined;
    const token = params.access_token ?? fromHeader;
    if (!token) throw missingToken();
    const page = store.pageByToken(token);
    if (!page) throw invalidToken();
    if (page.tokenExpired) throw expiredToken(now());
    return { page, token };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const raw = await readBody(req);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST' || req.method === 'PUT') {
      for (const [key, value] of Object.entries(parseBody(raw, single(req.headers['content-type'])))) {
        const text = asString(value);
        if (text !== undefined) params[key] = text;
      }
    }
    let method = (req.method ?? 'GET').toUpperCase();
    const override = params.method?.toUpperCase();
    if (override && ['GET', 'POST', 'DELETE'].includes(override)) method = override;
    delete params.method;

    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const version = segments[0] && /^v\d+(\.\d+)?$/.test(segments[0]) ? segments.shift() : undefined;
    const log: GraphRequestLog = { method, path: url.pathname, version, query: Object.fromEntries(url.searchParams), status: 0 };
    requests.push(log);
    // A demo runs for hours: keep the log bounded.
    if (requests.length > 10_000) requests.splice(0, 1_000);

    const trace = randomToken(traceRandom, 11);
    const baseHeaders: Record<string, string> = {
      'facebook-api-version': version ?? defaultVersion,
      'x-fb-trace-id': trace,
      'x-fb-rev': '1000000001',
      'cache-control': 'private, no-cache, no-store, must-revalidate',
    };
    let pageId: string | undefined;
    try {
      const delay = drawDelay(faults.delayMs, random);
      if (delay) await sleep(delay);
      const serverError = serverErrorNow();
      if (serverError) throw serverError;
      const { page, token } = authenticate(params, req);
      pageId = page.id;
      const throttled = throttleFor(page.id);
      if (throttled) throw throttled;
      const t = now();
      const list = (calls.get(page.id) ?? []).filter((at) => at > t - 3_600_000);
      list.push(t);
      calls.set(page.id, list);
      const ctx: RenderContext = { store, baseUrl: running?.url ?? `http://${req.headers.host ?? '127.0.0.1'}`, version, token };
      delete params.access_token;
      const body = routeGraphRequest({ method, segments, params }, { page, ctx, now });
      log.status = 200;
      sendJson(res, 200, body, { headers: { ...baseHeaders, ...usageHeaders(page.id, undefined) } });
    } catch (error) {
      let failure: GraphApiError;
      if (error instanceof GraphApiError) failure = error;
      else if (error instanceof GraphStateError) failure = unsupported(method, segments.join('/'));
      else throw error;
      log.status = failure.status;
      const usage = Object.keys(failure.headers).some((h) => h.startsWith('x-page-usage')) || !pageId ? {} : usageHeaders(pageId, undefined);
      sendJson(res, failure.status, { error: { ...failure.error, fbtrace_id: trace } }, { headers: { ...baseHeaders, ...usage, ...failure.headers } });
    }
  }

  /* ---------- Public API ---------- */

  const comment = (id: string): CommentRecord => {
    const found = store.comments.get(id);
    if (!found) throw new GraphStateError(`unknown comment ${id}`);
    return found;
  };
  const byTime = (a: { created_time: string; id: string }, b: { created_time: string; id: string }) => (a.created_time < b.created_time ? -1 : a.created_time > b.created_time ? 1 : 0);

  const emulator: GraphEmulator = {
    get url() {
      return running?.url;
    },
    webhooks: dispatcher,
    requests,
    get faults() {
      return faults;
    },
    async start(startOptions) {
      if (running) throw new Error('Graph emulator already started');
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
    addPost: (pageId, input) => store.postState(store.addPost(pageId, input)),
    addComment: (pageId, postId, input) => store.commentState(store.addComment(pageId, postId, input)),
    editComment: (id, message) => store.commentState(store.editComment(id, message)),
    removeComment: (id) => store.commentState(store.removeComment(id)),
    hideComment: (id, hidden = true) => store.commentState(store.hideComment(id, hidden)),
    getComment(id) {
      const found = store.comments.get(id);
      return found ? store.commentState(found) : undefined;
    },
    getPost(id) {
      const found = store.posts.get(id);
      return found ? store.postState(found) : undefined;
    },
    repliesOf: (id) => store.repliesOf(comment(id).id).map(store.commentState).sort(byTime),
    commentsOf: (postId) => store.commentsOf(postId).map(store.commentState).sort(byTime),
    postsOf: (pageId) =>
      [...store.posts.values()]
        .filter((p) => p.pageId === pageId && !p.deleted)
        .sort((a, b) => b.createdTime - a.createdTime || b.seq - a.seq)
        .map(store.postState),
    pages: () => [...store.pages.values()].map((p) => ({ id: p.id, name: p.name, accessToken: p.accessToken })),
    expireToken(pageId) {
      const page = store.pages.get(pageId);
      if (!page) throw new GraphStateError(`unknown page ${pageId}`);
      page.tokenExpired = true;
    },
    renewToken(pageId, token) {
      const page = store.pages.get(pageId);
      if (!page) throw new GraphStateError(`unknown page ${pageId}`);
      page.accessToken = token ?? `EAAG${randomToken(traceRandom, 40)}`;
      page.tokenExpired = false;
      return page.accessToken;
    },
    setFaults(next) {
      faults = { ...faults, ...next };
      for (const key of Object.keys(faults) as (keyof GraphFaults)[]) if (faults[key] === undefined) delete faults[key];
      // Copies, so `nextCalls` counting down never touches the caller's object.
      if (faults.rateLimit) faults.rateLimit = { ...faults.rateLimit };
      if (faults.serverError) faults.serverError = { ...faults.serverError };
      if (!faults.rateLimit) hold = undefined;
    },
    clearFaults() {
      faults = {};
      hold = undefined;
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

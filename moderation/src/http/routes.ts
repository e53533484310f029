/**
 * The route table of the service's one HTTP edge: each feature exports its routes (`Route[]`),
 * the composition root (`../http-routes.ts`) hands them all to `server.ts`. This module knows
 * no feature.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HubError } from '../errors.ts';
import { sendJson } from './respond.ts';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** Who calls a route (for the table and the logs); how it is checked is `auth` or the handler. */
export type Caller = 'anyone' | 'console' | 'site' | 'crm' | 'cms' | 'meta' | 'oncall';

export interface RouteContext {
  url: URL;
  /** The path's parameters, as sent (still percent-encoded): the handler decodes and refuses. */
  params: Record<string, string>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

/** A check run before the handler; throws a HubError (UNAUTHENTICATED…) to refuse. */
export type Guard = (req: IncomingMessage) => void | Promise<void>;

export interface Route {
  /** `'*'`: any method (the handler answers each one). HEAD is not implied by GET. */
  method: Method | readonly Method[] | '*';
  /**
   * An exact path (`/claims/status`), or a pattern: `:name` is one non-empty segment,
   * a final `*name` is the rest of the path, possibly empty and with slashes
   * (`/public/claims/*reference` matches every path starting with `/public/claims/`).
   */
  path: string;
  caller: Caller;
  /** Checked before the handler, when the check does not need the body (a signature does). */
  auth?: Guard;
  /**
   * What another method on this path gets when no route takes it: 404 NOT_FOUND (default,
   * as a path that does not exist) or 405 with `Allow` and `{ error: { message } }`.
   */
  otherMethods?: 'not-found' | 'method-not-allowed';
  handler: Handler;
}

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
  /** Exact paths first, then the longest literal part, then one-segment params before a rest. */
  rank: [number, number, number];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(route: Route): Compiled {
  if (!route.path.startsWith('/')) throw new Error(`Route invalide : ${route.path} (doit commencer par /)`);
  const names: string[] = [];
  let source = '';
  let literal = 0;
  let rest = false;
  const segments = route.path.split('/').slice(1);
  segments.forEach((segment, i) => {
    source += '/';
    literal += 1;
    if (segment.startsWith(':')) {
      names.push(segment.slice(1));
      source += '([^/]+)';
    } else if (segment.startsWith('*')) {
      if (i !== segments.length - 1) throw new Error(`Route invalide : ${route.path} (* seulement en dernier)`);
      names.push(segment.slice(1) || '*');
      source += '(.*)';
      rest = true;
    } else {
      source += escape(segment);
      literal += segment.length;
    }
  });
  const exact = names.length === 0 ? 1 : 0;
  return { route, pattern: new RegExp(`^${source}$`), names, rank: [exact, literal, rest ? 0 : 1] };
}

const methodsOf = (route: Route): readonly Method[] | '*' => (route.method === '*' ? '*' : typeof route.method === 'string' ? [route.method] : route.method);
const accepts = (route: Route, method: string) => {
  const methods = methodsOf(route);
  return methods === '*' || methods.includes(method as Method);
};
const before = (a: Compiled, b: Compiled) => {
  for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! > b.rank[i]!;
  return false;
};

/** Two routes on the same path that take the same method: a wiring mistake, refused at startup. */
function checkOverlaps(compiled: Compiled[]) {
  const seen = new Map<string, Set<string>>();
  for (const { route } of compiled) {
    const taken = seen.get(route.path) ?? new Set<string>();
    const methods = methodsOf(route);
    for (const method of methods === '*' ? ['*'] : methods) {
      if (taken.has(method) || taken.has('*') || (method === '*' && taken.size)) throw new Error(`Route en double : ${method} ${route.path}`);
      taken.add(method);
    }
    seen.set(route.path, taken);
  }
}

const notFound: Handler = () => {
  throw new HubError('NOT_FOUND');
};

export interface Router {
  /** Answers the request: the most specific route taking the method, else 405 / 404, else `fallback`. */
  dispatch(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** The route that answered, for the logs (after `dispatch` started). */
  callerOf(req: IncomingMessage, url: URL): Caller | undefined;
  /** The pattern that answered (`/public/claims/:reference`), for the metrics: never the real path. */
  routeOf(req: IncomingMessage, url: URL): string;
}

/**
 * `fallback` answers the paths no route matches (the console's files); by default 404.
 * Among the routes whose path matches, the most specific one taking the method answers; when
 * none takes it, 405 if one of them asks for it, else 404 — never the fallback.
 */
export function createRouter(routes: readonly Route[], fallback: Handler = notFound): Router {
  const compiled = routes.map(compile);
  checkOverlaps(compiled);

  function match(method: string, pathname: string) {
    let best: { entry: Compiled; params: Record<string, string> } | undefined;
    const onPath: Compiled[] = [];
    for (const entry of compiled) {
      const found = entry.pattern.exec(pathname);
      if (!found) continue;
      onPath.push(entry);
      if (!accepts(entry.route, method) || (best && !before(entry, best.entry))) continue;
      best = { entry, params: Object.fromEntries(entry.names.map((name, i) => [name, found[i + 1] ?? ''])) };
    }
    return { best, onPath };
  }

  return {
    callerOf(req, url) {
      return match(req.method ?? 'GET', url.pathname).best?.entry.route.caller;
    },
    routeOf(req, url) {
      return match(req.method ?? 'GET', url.pathname).best?.entry.route.path ?? 'console';
    },
    async dispatch(req, res, url) {
      const { best, onPath } = match(req.method ?? 'GET', url.pathname);
      if (best) {
        const { auth, handler } = best.entry.route;
        // No tick when the check is synchronous: an answer that needs no I/O is sent at once.
        const checked = auth?.(req);
        if (checked) await checked;
        return handler(req, res, { url, params: best.params });
      }
      if (!onPath.length) return fallback(req, res, { url, params: {} });
      if (onPath.some((e) => e.route.otherMethods === 'method-not-allowed')) {
        const allow = [...new Set(onPath.flatMap((e) => methodsOf(e.route)))].join(', ');
        return sendJson(res, 405, { error: { message: 'Méthode non autorisée.' } }, { allow });
      }
      throw new HubError('NOT_FOUND');
    },
  };
}

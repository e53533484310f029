/** The X emulator's route table, matched in order (method, then path pattern). */
import type { XEndpoint } from '../types.ts';
import type { XRoute } from './context.ts';
import { putHidden } from './hidden.ts';
import { getMentions } from './mentions.ts';
import { searchRecent } from './search.ts';
import { deleteTweet, getTweet, postTweet } from './tweets.ts';
import { getMe, getUser } from './users.ts';

export type { XAnswer, XCall, XRoute } from './context.ts';

export const X_ROUTES: readonly XRoute[] = [
  { method: 'GET', endpoint: 'GET /2/users/me', pattern: /^\/2\/users\/me$/, handle: getMe },
  { method: 'GET', endpoint: 'GET /2/users/by/username/:username', pattern: /^\/2\/users\/by\/username\/(?<username>[A-Za-z0-9_]+)$/, handle: getUser },
  { method: 'GET', endpoint: 'GET /2/users/:id/mentions', pattern: /^\/2\/users\/(?<id>\d+)\/mentions$/, handle: getMentions },
  { method: 'GET', endpoint: 'GET /2/users/:id', pattern: /^\/2\/users\/(?<id>\d+)$/, handle: getUser },
  { method: 'GET', endpoint: 'GET /2/tweets/search/recent', pattern: /^\/2\/tweets\/search\/recent$/, handle: searchRecent },
  { method: 'GET', endpoint: 'GET /2/tweets/:id', pattern: /^\/2\/tweets\/(?<id>\d+)$/, handle: getTweet },
  { method: 'PUT', endpoint: 'PUT /2/tweets/:id/hidden', pattern: /^\/2\/tweets\/(?<id>\d+)\/hidden$/, handle: putHidden },
  { method: 'POST', endpoint: 'POST /2/tweets', pattern: /^\/2\/tweets$/, handle: postTweet },
  { method: 'DELETE', endpoint: 'DELETE /2/tweets/:id', pattern: /^\/2\/tweets\/(?<id>\d+)$/, handle: deleteTweet },
];

export interface MatchedRoute {
  route: XRoute;
  endpoint: XEndpoint;
  /** Path parameters from the pattern's named groups. */
  path: Record<string, string>;
}

export function matchXRoute(method: string, path: string): MatchedRoute | undefined {
  for (const route of X_ROUTES) {
    const found = route.method === method ? route.pattern.exec(path) : null;
    if (found) return { route, endpoint: route.endpoint, path: { ...found.groups } };
  }
  return undefined;
}

/** Paged tweet lists (mentions, search): `max_results`, `since_id` / `until_id`, `start_time` / `end_time`, page tokens, `meta`. */
import { invalidRequest } from './errors.ts';
import { tweetsAnswer } from './render.ts';
import { newestFirst } from './store.ts';
import type { TweetRecord, XStore } from './store.ts';

/** How a timeline endpoint pages: the name of its page-token parameter and the bounds of `max_results`. */
export interface TimelinePaging {
  tokenParam: 'pagination_token' | 'next_token';
  min: number;
  max: number;
}

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

export function timeline(store: XStore, candidates: TweetRecord[], params: Record<string, string>, paging: TimelinePaging): Record<string, unknown> {
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
  return { ...tweetsAnswer(store, page, params), meta };
}

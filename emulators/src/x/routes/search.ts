/** `GET /2/tweets/search/recent`: the last 7 days, a tiny subset of X's query syntax (all terms ANDed). */
import { invalidRequest } from '../errors.ts';
import { checkParams, FIELD_PARAMS } from '../render.ts';
import { mentionsIn } from '../store.ts';
import type { TweetRecord, XStore } from '../store.ts';
import { timeline } from '../timeline.ts';
import type { XAnswer, XCall } from './context.ts';

const SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;

function searchFilter(store: XStore, query: string): (t: TweetRecord) => boolean {
  const { users } = store;
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

export function searchRecent({ store, query: params }: XCall): XAnswer {
  checkParams(params, ['query', 'since_id', 'until_id', 'max_results', 'next_token', 'pagination_token', 'start_time', 'end_time', 'sort_order', ...FIELD_PARAMS]);
  const query = params.query;
  if (!query) throw invalidRequest('query', [''], 'The `query` query parameter can not be empty');
  if (query.length > 512) throw invalidRequest('query', [query], 'The `query` query parameter value is too long');
  const filter = searchFilter(store, query);
  const recent = store.now() - SEARCH_WINDOW_MS;
  const candidates = store.live().filter((t) => t.createdAt >= recent && filter(t));
  return { status: 200, body: timeline(store, candidates, params, { tokenParam: 'next_token', min: 10, max: 100 }) };
}

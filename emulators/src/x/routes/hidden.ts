/** `PUT /2/tweets/:id/hidden`: hide or unhide a reply, only in a conversation the caller started. */
import { invalidRequest, problem, tweetNotFound } from '../errors.ts';
import type { XAnswer, XCall } from './context.ts';

export function putHidden({ store, me, path, body }: XCall): XAnswer {
  if (typeof body.hidden !== 'boolean') throw invalidRequest('hidden', [String(body.hidden)], 'The `hidden` field must be a boolean');
  const found = store.tweets.get(path.id!);
  if (!found || found.deleted) throw tweetNotFound(path.id);
  const root = store.tweets.get(found.conversationId);
  if (!found.inReplyToTweetId || !root || root.authorId !== me.id || found.authorId === me.id) {
    throw problem(403, 'Forbidden', 'You can only hide or unhide replies to conversations you authored.');
  }
  store.hide(found, body.hidden);
  return { status: 200, body: { data: { hidden: body.hidden } } };
}

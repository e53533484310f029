/** `GET /2/tweets/:id`, `POST /2/tweets` (post or reply), `DELETE /2/tweets/:id`. */
import { invalidRequest, notFound, problem, tweetNotFound } from '../errors.ts';
import { checkParams, FIELD_PARAMS, tweetsAnswer } from '../render.ts';
import { weightedLength } from '../store.ts';
import type { TweetRecord } from '../store.ts';
import type { XAnswer, XCall } from './context.ts';

export function getTweet({ store, path, query }: XCall): XAnswer {
  checkParams(query, FIELD_PARAMS);
  const found = store.tweets.get(path.id!);
  if (!found || found.deleted) return { status: 200, body: { errors: [notFound('tweet', 'id', path.id!)] } };
  const answer = tweetsAnswer(store, [found], query);
  return { status: 200, body: { data: answer.data![0], ...(answer.includes ? { includes: answer.includes } : {}) } };
}

export function postTweet({ store, me, body }: XCall): XAnswer {
  const text = typeof body.text === 'string' ? body.text : '';
  if (!text.trim()) throw invalidRequest('text', [text], 'The `text` field is required when no media or poll is given');
  if (weightedLength(text) > 280) throw invalidRequest('text', [text], 'Your Tweet text is too long.');
  const reply = body.reply as { in_reply_to_tweet_id?: unknown } | undefined;
  let parent: TweetRecord | undefined;
  if (reply && reply.in_reply_to_tweet_id !== undefined) {
    parent = store.tweets.get(String(reply.in_reply_to_tweet_id));
    if (!parent || parent.deleted) throw problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.');
  }
  const duplicate = store.live().some((t) => t.authorId === me.id && t.text === text && t.createdAt > store.now() - 24 * 3_600_000);
  if (duplicate) throw problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
  const created = store.createTweet(me, text, undefined, parent);
  return { status: 201, body: { data: { id: created.id, text: created.text, edit_history_tweet_ids: [created.id] } } };
}

export function deleteTweet({ store, me, path }: XCall): XAnswer {
  const found = store.tweets.get(path.id!);
  if (!found || found.deleted) throw tweetNotFound(path.id);
  if (found.authorId !== me.id) throw problem(403, 'Forbidden', 'You are not allowed to delete a Tweet you did not author.');
  found.deleted = true;
  return { status: 200, body: { data: { deleted: true } } };
}

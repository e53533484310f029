/** Tweets and users as X renders them: default fields, `tweet.fields`, `user.fields` and `expansions` checked against X's lists. */
import { invalidRequest } from './errors.ts';
import { mentionsIn } from './store.ts';
import type { TweetRecord, UserRecord, XStore } from './store.ts';

export const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics',
  'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'text', 'withheld',
];
export const USER_FIELDS = [
  'affiliation', 'connection_status', 'created_at', 'description', 'entities', 'id', 'location', 'most_recent_tweet_id', 'name',
  'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected', 'public_metrics', 'receives_your_dm',
  'subscription_type', 'url', 'username', 'verified', 'verified_type', 'withheld',
];
export const TWEET_EXPANSIONS = [
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet', 'attachments.poll_ids',
  'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id', 'entities.note.mentions.username',
  'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys', 'referenced_tweets.id.author_id',
];
export const USER_EXPANSIONS = ['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id'];
export const FIELD_PARAMS = ['tweet.fields', 'user.fields', 'expansions', 'media.fields', 'place.fields', 'poll.fields'];

/** A comma-separated query parameter, every value checked against `allowed` (400 otherwise). */
export function list(params: Record<string, string>, name: string, allowed: readonly string[]): string[] {
  const raw = params[name];
  if (raw === undefined || raw === '') return [];
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length) {
    throw invalidRequest(name, bad, `The \`${name}\` query parameter value [${bad[0]}] is not one of [${allowed.join(',')}]`);
  }
  return values;
}

/** Unknown query parameters are a 400, as on X. */
export function checkParams(params: Record<string, string>, allowed: readonly string[]): void {
  const unknown = Object.keys(params).filter((key) => !allowed.includes(key));
  if (unknown.length) {
    throw invalidRequest(unknown[0]!, [params[unknown[0]!]!], `The query parameters [${unknown.join(',')}] is not one of [${allowed.join(',')}]`);
  }
}

export function renderTweet(store: XStore, record: TweetRecord, fields: readonly string[]): Record<string, unknown> {
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
          reply_count: store.live().filter((t) => t.inReplyToTweetId === record.id).length,
          like_count: 0,
          quote_count: 0,
          bookmark_count: 0,
          impression_count: 0,
        };
        break;
      case 'entities': {
        const found = mentionsIn(record.text).map((m) => ({ ...m, ...(store.userByName(m.username) ? { id: store.userByName(m.username)!.id } : {}) }));
        if (found.length) out.entities = { mentions: found };
        break;
      }
      default: break; // Known to X, absent here: left out, as X leaves out empty fields.
    }
  }
  return out;
}

export function renderUser(user: UserRecord, fields: readonly string[]): Record<string, unknown> {
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
export function tweetsAnswer(store: XStore, records: readonly TweetRecord[], params: Record<string, string>): { data?: unknown[]; includes?: Record<string, unknown[]> } {
  const tweetFields = list(params, 'tweet.fields', TWEET_FIELDS);
  const userFields = list(params, 'user.fields', USER_FIELDS);
  const expansions = list(params, 'expansions', TWEET_EXPANSIONS);
  list(params, 'media.fields', ['duration_ms', 'height', 'media_key', 'preview_image_url', 'type', 'url', 'width', 'public_metrics', 'alt_text', 'variants']);
  list(params, 'place.fields', ['contained_within', 'country', 'country_code', 'full_name', 'geo', 'id', 'name', 'place_type']);
  list(params, 'poll.fields', ['duration_minutes', 'end_datetime', 'id', 'options', 'voting_status']);
  const includedUsers = new Map<string, UserRecord>();
  const includedTweets = new Map<string, TweetRecord>();
  const addUser = (id: string | undefined) => {
    const user = id ? store.users.get(id) : undefined;
    if (user) includedUsers.set(user.id, user);
  };
  for (const record of records) {
    if (expansions.includes('author_id')) addUser(record.authorId);
    if (expansions.includes('in_reply_to_user_id')) addUser(record.inReplyToUserId);
    if (expansions.includes('entities.mentions.username')) for (const m of mentionsIn(record.text)) addUser(store.userByName(m.username)?.id);
    if (expansions.includes('referenced_tweets.id') && record.inReplyToTweetId) {
      const parent = store.tweets.get(record.inReplyToTweetId);
      if (parent && !parent.deleted) {
        includedTweets.set(parent.id, parent);
        if (expansions.includes('referenced_tweets.id.author_id')) addUser(parent.authorId);
      }
    }
  }
  const answer: { data?: unknown[]; includes?: Record<string, unknown[]> } = {};
  if (records.length) answer.data = records.map((r) => renderTweet(store, r, tweetFields));
  const includes: Record<string, unknown[]> = {};
  if (includedUsers.size) includes.users = [...includedUsers.values()].map((u) => renderUser(u, userFields));
  if (includedTweets.size) includes.tweets = [...includedTweets.values()].map((t) => renderTweet(store, t, tweetFields));
  if (Object.keys(includes).length) answer.includes = includes;
  return answer;
}

/** Public types of the X API v2 emulator. Snapshot field names follow X's. */

import type { DateInput } from '../http-util.ts';

export interface XAccountInit {
  /** Numeric string, like X user ids. */
  id: string;
  username: string;
  name?: string;
  /**
   * The token the connector sends as `Authorization: Bearer …`. The emulator treats it as a user
   * context token (OAuth 2.0 with PKCE) of this account: it may read mentions, hide replies, post.
   */
  bearerToken: string;
}

/** Someone writing on X; created on first use when unknown. */
export type XUserInput = string | { username: string; name?: string; id?: string };

export interface XUserState {
  id: string;
  username: string;
  name: string;
  created_at: string;
}

export interface XTweetState {
  id: string;
  text: string;
  author_id: string;
  author_username: string;
  created_at: string;
  conversation_id: string;
  in_reply_to_user_id?: string;
  in_reply_to_tweet_id?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted'; id: string }[];
  hidden: boolean;
  deleted: boolean;
}

export interface XTweetInput {
  text: string;
  createdAt?: DateInput;
}

export interface XMentionInput extends XTweetInput {
  from: XUserInput;
  /** Tweet id this mention answers (then it is a reply in that conversation). */
  inReplyTo?: string;
}

export interface XReplyInput extends XTweetInput {
  from: XUserInput;
}

export interface XRateLimitFault {
  probability?: number;
  nextCalls?: number;
  /**
   * How long the 429 holds once triggered (default 60 000 ms): every call to the same endpoint
   * with the same token is refused until then. `x-rate-limit-reset` is that instant rounded up to
   * the second (X's unit); the hold itself ends at the exact millisecond.
   */
  resetAfterMs?: number;
}

export interface XUnauthorizedFault {
  probability?: number;
  nextCalls?: number;
}

export interface XServerErrorFault {
  probability?: number;
  nextCalls?: number;
  /** Default 503. */
  status?: number;
}

export interface XFaults {
  rateLimit?: XRateLimitFault;
  unauthorized?: XUnauthorizedFault;
  serverError?: XServerErrorFault;
  delayMs?: number | { min: number; max: number };
}

export type XEndpoint =
  | 'GET /2/users/:id/mentions'
  | 'GET /2/tweets/search/recent'
  | 'GET /2/tweets/:id'
  | 'PUT /2/tweets/:id/hidden'
  | 'POST /2/tweets'
  | 'DELETE /2/tweets/:id'
  | 'GET /2/users/me'
  | 'GET /2/users/:id'
  | 'GET /2/users/by/username/:username';

export type XScenarioStep = { afterMs?: number } & (
  | ({ do: 'tweet'; author: XUserInput } & XTweetInput)
  | ({ do: 'mention'; accountId: string } & XMentionInput)
  | ({ do: 'reply'; tweetId: string } & XReplyInput)
  | { do: 'hide'; tweetId: string; hidden?: boolean }
  | { do: 'revokeToken'; accountId: string }
  | { do: 'faults'; faults: XFaults }
);

export interface XRequestLog {
  method: string;
  path: string;
  endpoint: XEndpoint | undefined;
  query: Record<string, string>;
  status: number;
}

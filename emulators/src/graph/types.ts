/** Public types of the Graph API emulator. Field names of state snapshots follow Graph's. */
import type { DateInput } from '../http-util.ts';

export type { DateInput };

export interface GraphUser {
  id: string;
  name: string;
}

export interface GraphPostInput {
  /** Full Graph id `PAGEID_POSTID`; generated when absent. */
  id?: string;
  message?: string;
  link?: string;
  /** Absent or the Page itself: a Page post; anyone else: a visitor post. */
  from?: GraphUser;
  createdTime?: DateInput;
}

export interface GraphPageInit {
  id: string;
  name: string;
  /** The Page access token the connector uses (any opaque string). */
  accessToken: string;
  posts?: GraphPostInput[];
}

export interface GraphCommentInput {
  from: GraphUser;
  message: string;
  createdTime?: DateInput;
  /** Comment id this one answers (a reply); Graph keeps two levels, so a reply to a reply is attached to the top comment. */
  parentId?: string;
  /** Full Graph id `POSTID_COMMENTID`; generated when absent. */
  id?: string;
}

/** A comment as the emulator holds it (what tests assert on). */
export interface GraphCommentState {
  id: string;
  page_id: string;
  /** Full post id `PAGEID_POSTID`. */
  post_id: string;
  /** Id of the comment it replies to, absent for a top-level comment. */
  parent_id?: string;
  message: string;
  created_time: string;
  updated_time: string;
  from: GraphUser;
  permalink_url: string;
  is_hidden: boolean;
  deleted: boolean;
}

export interface GraphPostState {
  id: string;
  page_id: string;
  message?: string;
  link?: string;
  created_time: string;
  updated_time: string;
  from: GraphUser;
  permalink_url: string;
  is_hidden: boolean;
  deleted: boolean;
  /** true when written by someone other than the Page. */
  visitor: boolean;
}

export type GraphRateLimitCode = 4 | 17 | 32 | 613;

export interface GraphRateLimitFault {
  /** Each call is throttled with this probability (seeded draw). */
  probability?: number;
  /** The next N calls are throttled (decremented as they fire). */
  nextCalls?: number;
  /** Error codes to answer with, in turn (default 4, 17, 32, 613). */
  codes?: GraphRateLimitCode[];
  /**
   * How long the throttle holds once triggered: every call until then gets the same error, and
   * `estimated_time_to_regain_access` says how long is left. Default 60 000 ms. Graph writes whole
   * minutes; the emulator writes `ms / 60 000` unrounded (e.g. 0.0005) so tests can use a few
   * milliseconds and a connector that honours the header waits exactly that long. Set
   * `integerMinutes` for Graph's rounding up.
   */
  regainAfterMs?: number;
  integerMinutes?: boolean;
  /** HTTP status; default 403 for code 4, 400 for the others (what Graph answers). */
  httpStatus?: number;
}

export interface GraphServerErrorFault {
  probability?: number;
  nextCalls?: number;
  /** Default 500. */
  status?: number;
}

export interface GraphFaults {
  rateLimit?: GraphRateLimitFault;
  serverError?: GraphServerErrorFault;
  /** Delay before every answer: fixed ms or a seeded `{ min, max }` range. */
  delayMs?: number | { min: number; max: number };
}

export type GraphScenarioStep = { afterMs?: number } & (
  | ({ do: 'post'; pageId: string } & GraphPostInput)
  | ({ do: 'comment'; pageId: string; postId: string } & GraphCommentInput)
  | { do: 'edit'; commentId: string; message: string }
  | { do: 'remove'; commentId: string }
  | { do: 'hide'; commentId: string; hidden?: boolean }
  | { do: 'expireToken'; pageId: string }
  | { do: 'faults'; faults: GraphFaults }
);

export interface GraphRequestLog {
  method: string;
  /** Path as received, e.g. `/v24.0/1234/feed`. */
  path: string;
  /** Version segment (`v24.0`) or undefined when the caller sent none. */
  version: string | undefined;
  query: Record<string, string>;
  status: number;
}

export interface WebhookDelivery {
  url: string;
  body: string;
  status: number | undefined;
  attempts: number;
  error?: string;
}

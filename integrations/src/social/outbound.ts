/**
 * The outbox's port to a social network, for one account (a Page, an X account): what the
 * moderation service's outbox worker calls, declared here once, beside the adapters that
 * implement it. `findReply` and `findPublished` are given the marker test by the caller.
 */
export interface OutboundAdapter {
  /** Hides (or shows again) a comment or reply. Idempotent. */
  hide(target: string, hidden: boolean): Promise<void>;
  /** Deletes a comment or post. Idempotent (an already deleted target counts as done). */
  delete(target: string): Promise<void>;
  /** Publishes `text` (which carries the idempotency marker) under `target`. */
  reply(target: string, text: string, idempotencyKey: string): Promise<{ externalId: string }>;
  /** The id of this account's reply under `target` whose text satisfies `matches`. */
  findReply(target: string, idempotencyKey: string, matches: (text: string) => boolean): Promise<string | null>;
  /**
   * Publishes a post of the account's own (cross-posting an article): `message` and `link`;
   * `marker` (invisible) is kept in the published text so that `findPublished` can recognise it.
   */
  publish(post: PublicationPost, idempotencyKey: string): Promise<{ externalId: string }>;
  /** The id of this account's recent post whose text satisfies `matches`, if any. */
  findPublished(idempotencyKey: string, matches: (text: string) => boolean): Promise<string | null>;
}

/** A post of the account's own: the text, the article's address, and the idempotency marker. */
export interface PublicationPost {
  message: string;
  link: string;
  marker: string;
}


/**
 * What the outbound adapters offer: the moderation service's `OutboundNetwork` port (hide,
 * delete, reply, findReply), structurally. `findReply` is given the marker test by the caller.
 */
export interface OutboundAdapter {
  hide(target: string, hidden: boolean): Promise<void>;
  delete(target: string): Promise<void>;
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

/** A network's refusal: French message, whether trying again may help, and when. */
export class OutboundFailure extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'OutboundFailure';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

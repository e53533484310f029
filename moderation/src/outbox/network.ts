import { createHash } from 'node:crypto';

/**
 * The outbound port: what the outbox worker needs from a social network, for one account
 * (a Facebook Page, an X account). Adapters live in `@hub/integrations/outbound`.
 */
export interface OutboundNetwork {
  /** Hides (or shows again) a comment or reply. Idempotent. */
  hide(target: string, hidden: boolean): Promise<void>;
  /** Deletes a comment or post. Idempotent (an already deleted target counts as done). */
  delete(target: string): Promise<void>;
  /** Publishes `text` (which carries the idempotency marker) under `target`. */
  reply(target: string, text: string, idempotencyKey: string): Promise<{ externalId: string }>;
  /** The id of a reply by this account under `target` carrying the key's marker, if any. */
  findReply(target: string, idempotencyKey: string): Promise<string | null>;
  /** Publishes a post of the account's own (an article cross-posted); `marker` stays in its text. */
  publish(post: { message: string; link: string; marker: string }, idempotencyKey: string): Promise<{ externalId: string }>;
  /** The id of this account's recent post carrying the key's marker, if any. */
  findPublished(idempotencyKey: string): Promise<string | null>;
}

export type NetworkName = 'facebook' | 'x';

/** Finds the adapter for an account; undefined when the account is not configured. */
export type OutboundNetworks = (network: NetworkName, accountId: string) => OutboundNetwork | undefined;

/**
 * A network's refusal, as adapters report it. `retryable: false` for refusals that will not
 * change on their own (bad request, forbidden); `retryAfterMs` when the network says when.
 */
export class OutboundError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'OutboundError';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}

// Invisible characters: a start sign, then 2 bits per character.
const MARK_START = '\u2063';
const MARK_DIGITS = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;

/**
 * An invisible marker derived from the idempotency key (48 bits of its SHA-256), appended to
 * replies so that a reply already published can be recognised under its target.
 */
export function replyMarker(idempotencyKey: string): string {
  const bytes = createHash('sha256').update(idempotencyKey).digest().subarray(0, 6);
  let out = MARK_START;
  for (const byte of bytes) for (let shift = 6; shift >= 0; shift -= 2) out += MARK_DIGITS[(byte >> shift) & 3];
  return out;
}

/** The reply as published: the signed text and the marker. */
export function markedReply(text: string, idempotencyKey: string): string {
  return `${text}${replyMarker(idempotencyKey)}`;
}

export function hasReplyMarker(message: string | undefined | null, idempotencyKey: string): boolean {
  return !!message && message.includes(replyMarker(idempotencyKey));
}

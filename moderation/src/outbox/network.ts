import { createHash } from 'node:crypto';
import type { OutboundAdapter } from '@hub/integrations';

/**
 * What the outbox worker needs from a social network, for one account (a Facebook Page, an X
 * account), is the port `OutboundAdapter` of `@hub/integrations` (integrations/src/social/outbound.ts),
 * declared once beside the adapters that implement it. This side adds which network and the reply marker.
 */
export type NetworkName = 'facebook' | 'x';

/** Finds the adapter for an account; undefined when the account is not configured. */
export type OutboundNetworks = (network: NetworkName, accountId: string) => OutboundAdapter | undefined;

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

/**
 * The port the poller reads social networks through. Adapters (in @hub/integrations) implement
 * it; the SDKs never leave them.
 */
import type { SocialItem } from '@hub/integrations';
import type { ItemSource } from '../queue/states.ts';

/** One comment, post, mention or reply read from a network (the adapters' `SocialItem`): what the queue's NewItem needs. */
export type IncomingItem = SocialItem<Extract<ItemSource, 'facebook_comment' | 'facebook_post' | 'x_reply' | 'x_mention'>>;

export interface SocialSource {
  /** The Page or X account id (the queue's accountId). */
  accountId: string;
  /** Everything new since `cursor` (null: the first read). The returned cursor is saved only after every item is ingested. */
  fetchNew(cursor: string | null): Promise<{ items: IncomingItem[]; cursor: string | null }>;
}

/** How an adapter reports a failure (structural: adapters throw errors with this shape). */
export interface SourceFailure {
  kind: 'rate_limit' | 'auth' | 'transient' | 'other';
  /** The answer's headers, for rateLimitWaitMs. */
  headers?: { get(name: string): string | null | undefined };
  message: string;
}

export function failureOf(error: unknown): SourceFailure {
  const e = error as Partial<SourceFailure> | null;
  const kind = e && typeof e === 'object' && (e.kind === 'rate_limit' || e.kind === 'auth' || e.kind === 'transient') ? e.kind : 'other';
  const message = error instanceof Error ? error.message : String(error);
  return { kind, headers: e && typeof e === 'object' ? e.headers : undefined, message };
}

/**
 * One comment, post, mention or reply as an adapter reads it from its network: the shape the
 * moderation service's poller reads (moderation/src/connectors/source.ts), declared once here.
 */
export interface SocialItem<Source extends string> {
  source: Source;
  externalId: string;
  authorName: string;
  authorExternalId: string;
  text: string;
  createdAt: Date;
  permalink: string | null;
  parentExternalId: string | null;
  /** When the network says the item was last edited (Facebook posts' `updated_time`), if known. */
  updatedAt?: Date | null;
}

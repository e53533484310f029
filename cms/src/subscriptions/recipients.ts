import type { Knex } from 'knex';
import { TABLES } from './schema';
import { expiryAfter, signToken } from './tokens';

/**
 * The contract with newsletter and alert sending (cms/src/mailing/): who gets a message, what
 * happens on a hard bounce, and the two links every message carries.
 */

export interface Recipient {
  subscriberId: number;
  email: string;
  frequency: 'immediate' | 'daily';
}

export interface SubscriptionLinks {
  /** The public site, e.g. https://www.bailleur.example (no trailing slash needed). */
  publicSiteUrl: string;
  /** HUB_SUBSCRIPTION_SECRET. */
  secret: string;
}

/** How long a preferences link found in an e-mail stays valid; a fresh one can be asked for by e-mail. */
export const PREFERENCES_LINK_DAYS = 60;

/**
 * Active subscribers with an active subscription to any of `topics`, ordered by subscriber id,
 * after `afterSubscriberId` (keyset paging), at most `limit`. A subscriber subscribed to several
 * of the topics appears once; `frequency` is 'immediate' if any of those subscriptions is.
 */
export async function recipientsOf(knex: Knex, topics: string[], afterSubscriberId: number, limit: number): Promise<Recipient[]> {
  if (topics.length === 0 || limit <= 0) return [];
  const rows = (await knex(`${TABLES.subscribers} as s`)
    .join(`${TABLES.subscriptions} as sub`, 'sub.subscriber_id', 's.id')
    .where('s.status', 'active')
    .andWhere('sub.status', 'active')
    .whereIn('sub.topic', topics)
    .andWhere('s.id', '>', afterSubscriberId)
    .groupBy('s.id', 's.email')
    .orderBy('s.id', 'asc')
    .limit(limit)
    .select('s.id as id', 's.email as email')
    .select(knex.raw(`sum(case when sub.frequency = 'immediate' then 1 else 0 end) as immediate`))) as Array<{
    id: number | string;
    email: string;
    immediate: number | string;
  }>;
  return rows.map((r) => ({ subscriberId: Number(r.id), email: r.email, frequency: Number(r.immediate) > 0 ? 'immediate' : 'daily' }));
}

/** Hard bounce: the address gets nothing more until it subscribes again (and confirms). */
export async function suspendSubscriber(knex: Knex, subscriberId: number, reason: string, at: Date): Promise<void> {
  await knex(TABLES.subscribers)
    .where({ id: subscriberId })
    .update({ status: 'suspended', suspended_at: at, suspended_reason: reason.slice(0, 500) });
}

function siteUrl(links: SubscriptionLinks, path: string, token: string): string {
  return `${links.publicSiteUrl.replace(/\/+$/, '')}${path}?jeton=${encodeURIComponent(token)}`;
}

/**
 * Signed one-click unsubscribe link on the public site: GET shows a confirmation button, POST
 * with `List-Unsubscribe=One-Click` unsubscribes at once (RFC 8058). It does not expire.
 */
export function unsubscribeUrl(links: SubscriptionLinks, subscriberId: number, topic: string): string {
  return siteUrl(links, '/abonnements/desinscription', signToken(links.secret, { p: 'unsubscribe', s: subscriberId, t: topic }));
}

/** Signed link to the preferences page for this subscriber, valid PREFERENCES_LINK_DAYS days. */
export function preferencesUrl(links: SubscriptionLinks, subscriberId: number, now: Date): string {
  const x = expiryAfter(now, PREFERENCES_LINK_DAYS * 24);
  return siteUrl(links, '/abonnements', signToken(links.secret, { p: 'preferences', s: subscriberId, x }));
}

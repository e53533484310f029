import type { Knex } from 'knex';
import { TABLES } from './schema';
import type { Frequency } from './topics';

/** The rows as read back: SQLite gives dates as epoch milliseconds, PostgreSQL as Date. */
export interface SubscriberRow {
  id: number;
  email: string;
  status: 'pending' | 'active' | 'suspended';
  created_at: unknown;
  confirmed_at: unknown;
  suspended_at: unknown;
  suspended_reason: string | null;
}

export interface SubscriptionRow {
  id: number;
  subscriber_id: number;
  topic: string;
  frequency: Frequency;
  status: 'pending' | 'active' | 'unsubscribed';
  consent_version: string;
  created_at: unknown;
  confirmed_at: unknown;
  unsubscribed_at: unknown;
}

export type ConsentAction = 'subscribe' | 'confirm' | 'unsubscribe' | 'erase';

export function isoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const asSubscriber = (row: SubscriberRow | undefined) => (row ? { ...row, id: Number(row.id) } : null);
const asSubscription = (row: SubscriptionRow | undefined) => (row ? { ...row, id: Number(row.id), subscriber_id: Number(row.subscriber_id) } : null);

export async function subscriberByEmail(knex: Knex, email: string) {
  return asSubscriber(await knex<SubscriberRow>(TABLES.subscribers).where({ email }).first());
}

export async function subscriberById(knex: Knex, id: number) {
  return asSubscriber(await knex<SubscriberRow>(TABLES.subscribers).where({ id }).first());
}

export async function subscription(knex: Knex, subscriberId: number, topic: string) {
  return asSubscription(await knex<SubscriptionRow>(TABLES.subscriptions).where({ subscriber_id: subscriberId, topic }).first());
}

export async function subscriptionsOf(knex: Knex, subscriberId: number) {
  const rows = await knex<SubscriptionRow>(TABLES.subscriptions).where({ subscriber_id: subscriberId }).orderBy('id');
  return rows.map((r) => asSubscription(r)!);
}

export async function recordConsent(
  knex: Knex,
  entry: { subscriberId: number; topic: string | null; action: ConsentAction; consentVersion: string | null; at: Date },
): Promise<void> {
  await knex(TABLES.consents).insert({
    subscriber_id: entry.subscriberId,
    topic: entry.topic,
    action: entry.action,
    consent_version: entry.consentVersion,
    at: entry.at,
  });
}

/**
 * Records a request to subscribe: the address (pending if new), the subscription (pending, or
 * back to pending after an unsubscribe), the consent. One transaction; returns the ids and
 * whether the address row was created by this request.
 */
export async function requestSubscription(
  knex: Knex,
  request: { email: string; topic: string; frequency: Frequency; consentVersion: string; at: Date },
): Promise<{ subscriberId: number; createdSubscriber: boolean }> {
  return knex.transaction(async (trx) => {
    let subscriber = await subscriberByEmail(trx, request.email);
    let createdSubscriber = false;
    if (!subscriber) {
      // Two requests for a new address at once: the unique index lets one insert, the other reads it.
      await trx(TABLES.subscribers).insert({ email: request.email, status: 'pending', created_at: request.at }).onConflict('email').ignore();
      subscriber = (await subscriberByEmail(trx, request.email))!;
      createdSubscriber = true;
    }
    const existing = await subscription(trx, subscriber.id, request.topic);
    if (!existing) {
      await trx(TABLES.subscriptions).insert({
        subscriber_id: subscriber.id,
        topic: request.topic,
        frequency: request.frequency,
        status: 'pending',
        consent_version: request.consentVersion,
        created_at: request.at,
      });
    } else if (existing.status !== 'active') {
      await trx(TABLES.subscriptions).where({ id: existing.id }).update({
        frequency: request.frequency,
        status: 'pending',
        consent_version: request.consentVersion,
        created_at: request.at,
        confirmed_at: null,
        unsubscribed_at: null,
      });
    } else {
      // Active subscription of a suspended address: it is confirmed again under the new text.
      await trx(TABLES.subscriptions).where({ id: existing.id }).update({ frequency: request.frequency, consent_version: request.consentVersion });
    }
    await recordConsent(trx, { subscriberId: subscriber.id, topic: request.topic, action: 'subscribe', consentVersion: request.consentVersion, at: request.at });
    return { subscriberId: subscriber.id, createdSubscriber };
  });
}

/** Activates the subscription and its address (lifting a suspension: the address works again). */
export async function confirmSubscription(knex: Knex, subscriberId: number, topic: string, at: Date): Promise<void> {
  await knex.transaction(async (trx) => {
    const row = await subscription(trx, subscriberId, topic);
    if (!row) return;
    await trx(TABLES.subscriptions).where({ id: row.id }).update({ status: 'active', confirmed_at: at });
    const subscriber = await subscriberById(trx, subscriberId);
    await trx(TABLES.subscribers)
      .where({ id: subscriberId })
      .update({ status: 'active', confirmed_at: subscriber?.confirmed_at ?? at, suspended_at: null, suspended_reason: null });
    await recordConsent(trx, { subscriberId, topic, action: 'confirm', consentVersion: row.consent_version, at });
  });
}

export async function unsubscribe(knex: Knex, subscriberId: number, topic: string, at: Date): Promise<void> {
  await knex.transaction(async (trx) => {
    const row = await subscription(trx, subscriberId, topic);
    if (!row || row.status === 'unsubscribed') return;
    await trx(TABLES.subscriptions).where({ id: row.id }).update({ status: 'unsubscribed', unsubscribed_at: at });
    await recordConsent(trx, { subscriberId, topic, action: 'unsubscribe', consentVersion: row.consent_version, at });
  });
}

export async function setFrequency(knex: Knex, subscriberId: number, topic: string, frequency: Frequency): Promise<void> {
  await knex(TABLES.subscriptions).where({ subscriber_id: subscriberId, topic }).update({ frequency });
}

/** The newsletter sending side's log (cms/src/mailing/), when it exists. */
const SEND_LOG = 'hub_send_log';
/** Which alerts a daily subscriber gets in a digest (cms/src/alerts/): ids only, erased too. */
const DIGEST_ENTRIES = 'hub_digest_entries';
/** What a person is shown of it: which mailing, under which topic, what became of it, when. */
const SEND_LOG_COLUMNS = ['job_id', 'email', 'topic', 'state', 'attempts', 'error', 'sent_at'];

async function sendLogColumns(knex: Knex): Promise<string[] | null> {
  if (!(await knex.schema.hasTable(SEND_LOG))) return null;
  const columns = Object.keys(await knex(SEND_LOG).columnInfo());
  return columns.includes('subscriber_id') ? SEND_LOG_COLUMNS.filter((c) => columns.includes(c)) : null;
}

async function sendLogOf(knex: Knex, subscriberId: number): Promise<Record<string, unknown>[] | null> {
  const columns = await sendLogColumns(knex);
  if (!columns) return null;
  return knex(SEND_LOG).where({ subscriber_id: subscriberId }).orderBy('id').select(columns);
}

/** Everything stored about one address (GDPR access right), dates as ISO strings. */
export async function exportOf(knex: Knex, subscriberId: number) {
  const subscriber = await subscriberById(knex, subscriberId);
  if (!subscriber) return null;
  const subscriptions = await subscriptionsOf(knex, subscriberId);
  const consents = await knex(TABLES.consents).where({ subscriber_id: subscriberId }).orderBy('id');
  const sent = await sendLogOf(knex, subscriberId);
  const dates = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k.endsWith('_at') || k === 'at' ? isoDate(v) : v]));
  return {
    subscriber: dates({ ...subscriber }),
    subscriptions: subscriptions.map((s) => dates({ ...s })),
    consents: consents.map((c: Record<string, unknown>) => dates(c)),
    ...(sent ? { sent: sent.map(dates) } : {}),
  };
}

/**
 * Erases the address: its subscriptions, its consents, its send log and digest entries, the address itself. Only an
 * anonymous trace stays: one `erase` row in hub_consents whose subscriber_id now points at nothing.
 */
export async function erase(knex: Knex, subscriberId: number, at: Date): Promise<void> {
  const hasSendLog = (await sendLogColumns(knex)) !== null;
  await knex.transaction(async (trx) => {
    if (hasSendLog) await trx(SEND_LOG).where({ subscriber_id: subscriberId }).delete();
    if (await trx.schema.hasTable(DIGEST_ENTRIES)) await trx(DIGEST_ENTRIES).where({ subscriber_id: subscriberId }).delete();
    await trx(TABLES.subscriptions).where({ subscriber_id: subscriberId }).delete();
    await trx(TABLES.consents).where({ subscriber_id: subscriberId }).delete();
    await trx(TABLES.subscribers).where({ id: subscriberId }).delete();
    await recordConsent(trx, { subscriberId, topic: null, action: 'erase', consentVersion: null, at });
  });
}

/** Removes an address created by a request that failed (no confirmation could be sent): no trace, it never existed. */
export async function forget(knex: Knex, subscriberId: number): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx(TABLES.subscriptions).where({ subscriber_id: subscriberId }).delete();
    await trx(TABLES.consents).where({ subscriber_id: subscriberId }).delete();
    await trx(TABLES.subscribers).where({ id: subscriberId }).delete();
  });
}

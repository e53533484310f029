import type { Knex } from 'knex';

/**
 * Subscribers' personal data lives in plain tables of Strapi's database, not in content types:
 * it stays out of the content manager, the REST/GraphQL APIs and the admin's exports.
 *
 * - hub_subscribers: one row per address. status: pending (never confirmed) | active | suspended
 *   (hard bounce: nothing is sent until the address confirms a subscription again).
 * - hub_subscriptions: one row per (subscriber, topic). status: pending | active | unsubscribed.
 * - hub_consents: append-only — what was done (subscribe, confirm, unsubscribe, erase), on which
 *   topic, under which version of the consent text, when. No foreign key: an erasure deletes the
 *   address's rows and leaves one `erase` row whose subscriber_id points at nothing any more
 *   (an anonymous trace that an erasure happened, and the only thing kept).
 * - hub_subscription_limits: sign-up counters per keyed hash of an address or an IP and per time
 *   window (flood protection that holds across restarts and across site instances).
 */
export const TABLES = {
  subscribers: 'hub_subscribers',
  subscriptions: 'hub_subscriptions',
  consents: 'hub_consents',
  limits: 'hub_subscription_limits',
} as const;

export const EMAIL_MAX = 254;

/** Creates the missing tables; safe to call on every start, on SQLite and PostgreSQL. */
export async function ensureSubscriptionTables(knex: Knex): Promise<void> {
  // knex.schema is a new builder on each access; one kept in a variable would replay earlier statements.
  if (!(await knex.schema.hasTable(TABLES.subscribers))) {
    await knex.schema.createTable(TABLES.subscribers, (t) => {
      t.increments('id');
      t.string('email', EMAIL_MAX).notNullable().unique();
      t.string('status', 16).notNullable().defaultTo('pending');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('confirmed_at', { useTz: true }).nullable();
      t.timestamp('suspended_at', { useTz: true }).nullable();
      t.string('suspended_reason', 500).nullable();
    });
  }
  if (!(await knex.schema.hasTable(TABLES.subscriptions))) {
    await knex.schema.createTable(TABLES.subscriptions, (t) => {
      t.increments('id');
      t.integer('subscriber_id').unsigned().notNullable().references('id').inTable(TABLES.subscribers).onDelete('CASCADE');
      t.string('topic', 100).notNullable();
      t.string('frequency', 16).notNullable().defaultTo('immediate');
      t.string('status', 16).notNullable().defaultTo('pending');
      t.string('consent_version', 32).notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('confirmed_at', { useTz: true }).nullable();
      t.timestamp('unsubscribed_at', { useTz: true }).nullable();
      t.unique(['subscriber_id', 'topic']);
      // recipientsOf: the active subscribers of a topic, in subscriber order.
      t.index(['topic', 'status', 'subscriber_id'], 'hub_subscriptions_topic_status');
    });
  }
  if (!(await knex.schema.hasTable(TABLES.consents))) {
    await knex.schema.createTable(TABLES.consents, (t) => {
      t.increments('id');
      t.integer('subscriber_id').unsigned().notNullable();
      t.string('topic', 100).nullable();
      t.string('action', 16).notNullable();
      t.string('consent_version', 32).nullable();
      t.timestamp('at', { useTz: true }).notNullable();
      t.index(['subscriber_id'], 'hub_consents_subscriber');
    });
  }
  if (!(await knex.schema.hasTable(TABLES.limits))) {
    await knex.schema.createTable(TABLES.limits, (t) => {
      t.string('bucket', 100).notNullable();
      t.bigInteger('window_start').notNullable();
      t.integer('hits').notNullable().defaultTo(0);
      t.primary(['bucket', 'window_start']);
    });
  }
}

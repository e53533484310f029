import type { Knex } from 'knex';

/**
 * The sending side's tables, plain knex tables in Strapi's database (like the subscribers'):
 *
 * - hub_send_jobs: one row per mailing — a newsletter issue, an alert, a day's digest. `key` is
 *   unique (`newsletter:<documentId>`, `alert:<id>`, `digest:<day>`), which is what makes « one
 *   send per newsletter » and « one alert per event » hold with several CMS instances.
 *   state: preparing (recipients being copied into the log) → sending → done.
 * - hub_send_log: one row per (job, subscriber), the per-recipient send log. state: pending →
 *   sending (marked just before the SMTP transaction) → sent | failed; a temporary refusal puts
 *   the row back to pending with a later `next_attempt_at`. `lease_owner`/`lease_until` say which
 *   process is working on it. Times are epoch milliseconds (same on SQLite and PostgreSQL).
 */
export const SEND_TABLES = { jobs: 'hub_send_jobs', log: 'hub_send_log' } as const;

/** A lease taken at `now` by `owner` for `ms`: another instance may take the work over after it. */
export interface Lease {
  owner: string;
  now: number;
  ms: number;
}

export type JobState = 'preparing' | 'sending' | 'done';
export type RowState = 'pending' | 'sending' | 'sent' | 'failed';

/** Creates the missing tables; safe on every start, on SQLite and PostgreSQL. */
export async function ensureSendTables(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(SEND_TABLES.jobs))) {
    await knex.schema.createTable(SEND_TABLES.jobs, (t) => {
      t.increments('id');
      t.string('key', 200).notNullable().unique();
      t.string('kind', 20).notNullable();
      t.string('state', 16).notNullable().defaultTo('preparing');
      /** What to send, frozen when the job is created (JSON; depends on the kind). */
      t.text('content').notNullable();
      /** Who asked (an admin user id), for the record; null for automatic jobs. */
      t.string('requested_by', 100).nullable();
      t.string('lease_owner', 100).nullable();
      t.bigInteger('lease_until').notNullable().defaultTo(0);
      t.bigInteger('created_at').notNullable();
      t.bigInteger('started_at').nullable();
      t.bigInteger('finished_at').nullable();
      t.index(['state'], 'hub_send_jobs_state');
    });
  }
  if (!(await knex.schema.hasTable(SEND_TABLES.log))) {
    await knex.schema.createTable(SEND_TABLES.log, (t) => {
      t.increments('id');
      t.integer('job_id').notNullable();
      t.integer('subscriber_id').notNullable();
      t.string('email', 254).notNullable();
      /** The subscription this message is sent under: its one-click unsubscribe stops that topic. */
      t.string('topic', 100).notNullable();
      t.string('state', 16).notNullable().defaultTo('pending');
      t.integer('attempts').notNullable().defaultTo(0);
      t.bigInteger('next_attempt_at').notNullable().defaultTo(0);
      t.string('lease_owner', 100).nullable();
      t.bigInteger('lease_until').notNullable().defaultTo(0);
      t.string('error', 500).nullable();
      t.bigInteger('sent_at').nullable();
      /** 1 when the row was found `sending` after its process died, and sent again: the one case where a second copy may have left (README). */
      t.integer('in_doubt').notNullable().defaultTo(0);
      t.unique(['job_id', 'subscriber_id']);
      // The claim: a job's unfinished rows in id order; and the progress counts per state.
      t.index(['job_id', 'state', 'id'], 'hub_send_log_claim');
      t.index(['subscriber_id'], 'hub_send_log_subscriber');
    });
  }
}

import type { Knex } from 'knex';

/**
 * - hub_alerts: one row per event worth an alert (an article's first publication, a nuisance
 *   notice added to a worksite). `key` is unique (`article:<documentId>`,
 *   `nuisance:<worksite>:<type>:<from>`): publishing again records nothing and sends nothing.
 *   `payload` is what the e-mail says, frozen at the time of the event.
 * - hub_digest_entries: which alerts each daily subscriber gets in one digest job.
 */
export const ALERT_TABLES = { alerts: 'hub_alerts', digestEntries: 'hub_digest_entries' } as const;

export async function ensureAlertTables(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(ALERT_TABLES.alerts))) {
    await knex.schema.createTable(ALERT_TABLES.alerts, (t) => {
      t.increments('id');
      t.string('key', 200).notNullable().unique();
      t.string('kind', 20).notNullable();
      /** JSON array of topics, most specific first (the worksite before the rubrique). */
      t.text('topics').notNullable();
      t.text('payload').notNullable();
      t.bigInteger('created_at').notNullable();
      t.index(['created_at'], 'hub_alerts_created');
    });
  }
  if (!(await knex.schema.hasTable(ALERT_TABLES.digestEntries))) {
    await knex.schema.createTable(ALERT_TABLES.digestEntries, (t) => {
      t.integer('job_id').notNullable();
      t.integer('subscriber_id').notNullable();
      t.integer('alert_id').notNullable();
      t.primary(['job_id', 'subscriber_id', 'alert_id']);
    });
  }
}

import type { Kysely } from 'kysely';

/**
 * X's daily read budget: how many posts the poller read from each account on the current day
 * (Paris time), so that it stops before the plan's monthly cap is eaten in a few days.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connector_accounts').addColumn('reads_day', 'text').execute();
  await db.schema.alterTable('connector_accounts').addColumn('reads_today', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

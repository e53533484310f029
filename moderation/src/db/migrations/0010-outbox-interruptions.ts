import type { Kysely } from 'kysely';

/**
 * How many times an outbox row was claimed again because its lease ran out (the process that
 * held it died or stalled during the delivery). The worker gives such a row up after
 * OUTBOX_MAX_ATTEMPTS instead of retrying it forever, with the count in its French `last_error`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('interruptions', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

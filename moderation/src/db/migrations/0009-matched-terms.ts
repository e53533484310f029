import type { Kysely } from 'kysely';

/**
 * The listed terms the charter found in an item, kept with the item when it is judged (JSON list
 * of { ruleId, ruleLabel, term, written, source }): the console explains a verdict with the
 * charter version that made it, even after the charter changed. Older items read as none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('items').addColumn('matched_terms', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

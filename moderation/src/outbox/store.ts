import type { Db } from '../db/database.ts';

/** An item's outbox rows, oldest first (console, tests). */
export function outboxRowsOf(db: Db, itemId: string) {
  return db.selectFrom('outbox').selectAll().where('item_id', '=', itemId).orderBy('created_at').execute();
}

/** The rows of an article's cross-posting. */
export function publicationRowsOf(db: Db, documentId: string) {
  return outboxRowsOf(db, `article:${documentId}`);
}

import { sql, type Transaction } from 'kysely';
import type { Db, Dialect } from '../db/database.ts';
import type { ItemsTable } from '../db/schema.ts';
import type { ItemSource, ItemState } from './states.ts';

export type ItemRow = ItemsTable;
type Executor = Db | Transaction<import('../db/schema.ts').Database>;

export interface QueueFilter {
  states?: ItemState[];
  sources?: ItemSource[];
  accountIds?: string[];
  severities?: string[];
  worksiteSlug?: string;
  residence?: string;
  articleSlug?: string;
  text?: string;
  from?: string;
  to?: string;
}

/** Opaque position in the queue: newest first, ties broken by id. */
export function encodeCursor(row: Pick<ItemRow, 'created_at' | 'id'>): string {
  return Buffer.from(`${row.created_at}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return createdAt && id ? { createdAt, id } : null;
}

/** The queue's SQL, one function per question. */
export function createItemStore(db: Db, dialect: Dialect) {
  const like = dialect === 'postgres' ? 'ilike' : 'like';

  function filtered(executor: Executor, filter: QueueFilter, withState = true) {
    let query = executor.selectFrom('items');
    if (withState && filter.states?.length) query = query.where('state', 'in', filter.states);
    if (filter.sources?.length) query = query.where('source', 'in', filter.sources);
    if (filter.accountIds?.length) query = query.where('account_id', 'in', filter.accountIds);
    if (filter.severities?.length) query = query.where('severity', 'in', filter.severities);
    if (filter.worksiteSlug) query = query.where('worksite_slug', '=', filter.worksiteSlug);
    if (filter.residence) query = query.where('residence', '=', filter.residence);
    if (filter.articleSlug) query = query.where('article_slug', '=', filter.articleSlug);
    if (filter.text) {
      const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('text', like, pattern), eb('author_name', like, pattern)]));
    }
    if (filter.from) query = query.where('created_at', '>=', filter.from);
    if (filter.to) query = query.where('created_at', '<', filter.to);
    return query;
  }

  return {
    /** Inserts unless the same (source, account, external id) exists; true when inserted. */
    async insertIfNew(trx: Executor, row: ItemRow): Promise<boolean> {
      const result = await trx
        .insertInto('items')
        .values(row)
        .onConflict((oc) => oc.columns(['source', 'account_id', 'external_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    findByExternal(executor: Executor, source: string, accountId: string, externalId: string) {
      return executor
        .selectFrom('items')
        .selectAll()
        .where('source', '=', source)
        .where('account_id', '=', accountId)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
    },

    get(executor: Executor, id: string) {
      return executor.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Locks the row for the transaction on PostgreSQL, so two moderators do not race. */
    getForUpdate(trx: Executor, id: string) {
      const query = trx.selectFrom('items').selectAll().where('id', '=', id);
      return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
    },

    update(trx: Executor, id: string, changes: Partial<ItemRow>) {
      return trx.updateTable('items').set(changes).where('id', '=', id).execute();
    },

    async page(filter: QueueFilter, limit: number, after?: string) {
      let query = filtered(db, filter).selectAll();
      const cursor = after ? decodeCursor(after) : null;
      if (cursor) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)])]),
        );
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
    },

    async countsByState(filter: QueueFilter) {
      const rows = await filtered(db, filter, false)
        .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('state')
        .execute();
      return rows.map((r) => ({ state: r.state as ItemState, count: Number(r.count) }));
    },

    async countsBySource() {
      const rows = await db
        .selectFrom('items')
        .select(['source', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('source')
        .execute();
      return rows.map((r) => ({ source: r.source as ItemSource, count: Number(r.count) }));
    },

    async total() {
      const row = await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      return Number(row.count);
    },

    recentByAuthor(executor: Executor, source: string, authorExternalId: string, since: string) {
      return executor
        .selectFrom('items')
        .select(['text', 'created_at'])
        .where('source', '=', source)
        .where('author_external_id', '=', authorExternalId)
        .where('created_at', '>=', since)
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
    },

    authorHistory(source: string, authorExternalId: string, limit = 20) {
      return db
        .selectFrom('items')
        .selectAll()
        .where('source', '=', source)
        .where('author_external_id', '=', authorExternalId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },

    thread(threadId: string) {
      return db.selectFrom('items').selectAll().where('thread_id', '=', threadId).orderBy('created_at', 'asc').limit(200).execute();
    },

    publicForArticle(articleSlug: string, states: readonly string[]) {
      return db
        .selectFrom('items')
        .select(['id', 'author_name', 'text', 'created_at', 'state', 'parent_id'])
        .where('article_slug', '=', articleSlug)
        .where('source', '=', 'site_comment')
        .where('state', 'in', [...states])
        .orderBy('created_at', 'asc')
        .limit(500)
        .execute();
    },
  };
}

export type ItemStore = ReturnType<typeof createItemStore>;
void sql;

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

    /** Moves one item between states in the counts (from null: a new item). */
    async count(trx: Executor, item: Pick<ItemRow, 'source' | 'account_id'>, from: string | null, to: string) {
      const bump = (state: string, delta: number) =>
        trx
          .insertInto('item_counts')
          .values({ source: item.source, account_id: item.account_id, state, count: delta })
          .onConflict((oc) => oc.columns(['source', 'account_id', 'state']).doUpdateSet({ count: sql`item_counts.count + ${delta}` }))
          .execute();
      if (from === to) return;
      if (from) await bump(from, -1);
      await bump(to, 1);
    },

    /** Recomputes the counts from the items (after a bulk import). */
    async rebuildCounts() {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('item_counts').execute();
        await sql`insert into item_counts (source, account_id, state, count) select source, account_id, state, count(*) from items group by source, account_id, state`.execute(trx);
      });
    },

    /**
     * A page, newest first. With several states, each state is read along its own index and
     * the pages are merged: one sort over every matching row would grow with the queue.
     */
    async page(filter: QueueFilter, limit: number, after?: string) {
      const cursor = after ? decodeCursor(after) : null;
      const read = (states: ItemState[] | undefined) => {
        let query = filtered(db, { ...filter, states }).selectAll();
        if (cursor) {
          query = query.where((eb) =>
            eb.or([eb('created_at', '<', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)])]),
          );
        }
        return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      };
      const states = filter.states ?? [];
      const parts = states.length > 1 ? await Promise.all(states.map((s) => read([s]))) : [await read(filter.states)];
      const rows = parts.flat().sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1));
      return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
    },

    /** Counts per state: from the kept counts when the filter allows, else counted. */
    async countsByState(filter: QueueFilter) {
      const { states: _states, sources, accountIds, ...rest } = filter;
      const simple = Object.values(rest).every((v) => v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length));
      if (simple) {
        let query = db.selectFrom('item_counts').select(['state', (eb) => eb.fn.sum<number>('count').as('count')]);
        if (sources?.length) query = query.where('source', 'in', sources);
        if (accountIds?.length) query = query.where('account_id', 'in', accountIds);
        const rows = await query.groupBy('state').execute();
        return rows.map((r) => ({ state: r.state as ItemState, count: Number(r.count) })).filter((r) => r.count > 0);
      }
      const rows = await filtered(db, filter, false)
        .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('state')
        .execute();
      return rows.map((r) => ({ state: r.state as ItemState, count: Number(r.count) }));
    },

    async countsBySource() {
      const rows = await db
        .selectFrom('item_counts')
        .select(['source', (eb) => eb.fn.sum<number>('count').as('count')])
        .groupBy('source')
        .execute();
      return rows.map((r) => ({ source: r.source as ItemSource, count: Number(r.count) })).filter((r) => r.count > 0);
    },

    async total() {
      const row = await db.selectFrom('item_counts').select((eb) => eb.fn.sum<number>('count').as('count')).executeTakeFirst();
      return Number(row?.count ?? 0);
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

import type { Db } from '../db/database.ts';
import type { DashboardEvent, DashboardItem } from './stats.ts';

const MAX_ITEMS = 50_000;
const CHUNK = 500;

/** Items of the last `days` days (at most 50,000, newest first) and their events. */
export async function loadPeriod(db: Db, now: Date, days: number): Promise<{ items: DashboardItem[]; events: DashboardEvent[] }> {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('items')
    .select(['id', 'source', 'account_id', 'worksite_slug', 'state', 'rule_ids', 'created_at'])
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(MAX_ITEMS)
    .execute();
  const items = rows.map((r) => ({ id: r.id, source: r.source, accountId: r.account_id, worksiteSlug: r.worksite_slug, state: r.state, ruleIds: JSON.parse(r.rule_ids) as string[], createdAt: r.created_at }));
  const events: DashboardEvent[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const ids = items.slice(i, i + CHUNK).map((x) => x.id);
    const chunk = await db
      .selectFrom('item_events')
      .select(['item_id', 'kind', 'actor', 'created_at'])
      .where('item_id', 'in', ids)
      .where('kind', 'in', ['decision', 'reply'])
      .orderBy('id')
      .execute();
    events.push(...chunk.map((e) => ({ itemId: e.item_id, kind: e.kind, actor: e.actor, at: e.created_at })));
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  return { items, events };
}

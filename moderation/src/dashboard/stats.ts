import { parisDay } from '@hub/integrations/paris-time';
import { isOfficeHours, type OfficeCalendar } from '../calendar/index.ts';

/** What the dashboard is computed from: items of the period and their human decisions. */
export interface DashboardItem {
  id: string;
  source: string;
  accountId: string;
  worksiteSlug: string | null;
  state: string;
  ruleIds: string[];
  createdAt: string;
}

export interface DashboardEvent {
  itemId: string;
  kind: string;
  actor: string;
  at: string;
}

export interface Durations {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

const DAY = (iso: string) => parisDay(new Date(iso));

function durations(values: number[]): Durations {
  if (!values.length) return { count: 0, medianMinutes: null, p90Minutes: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
  return { count: sorted.length, medianMinutes: at(0.5), p90Minutes: at(0.9) };
}

function countBy<T>(list: T[], key: (x: T) => string | null) {
  const counts = new Map<string, number>();
  for (const x of list) {
    const k = key(x);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count);
}

/** Minutes from arrival to the first event of `kinds` by a person, split by the office calendar in force. */
function firstResponse(items: DashboardItem[], events: DashboardEvent[], kinds: string[], calendar: OfficeCalendar) {
  const first = new Map<string, string>();
  for (const e of events) if (kinds.includes(e.kind) && e.actor.startsWith('user:') && !first.has(e.itemId)) first.set(e.itemId, e.at);
  const office: number[] = [];
  const outside: number[] = [];
  for (const item of items) {
    const at = first.get(item.id);
    if (!at) continue;
    const minutes = (Date.parse(at) - Date.parse(item.createdAt)) / 60_000;
    (isOfficeHours(new Date(item.createdAt), calendar) ? office : outside).push(Math.max(0, minutes));
  }
  return { officeHours: durations(office), outsideHours: durations(outside) };
}

/**
 * The dashboard's figures: items per day by source and by state, time to first decision and to
 * first reply (office hours vs outside), share hidden or rejected per charter rule, the busiest
 * Pages and worksites. Events must be in chronological order. Office hours are those of the
 * stored calendar (holidays and closures included), the same as the escalation's.
 */
export function computeDashboard(items: DashboardItem[], events: DashboardEvent[], calendar: OfficeCalendar) {
  const perDay = (key: (i: DashboardItem) => string) => {
    const rows = new Map<string, Map<string, number>>();
    for (const item of items) {
      const day = DAY(item.createdAt);
      const row = rows.get(day) ?? new Map<string, number>();
      row.set(key(item), (row.get(key(item)) ?? 0) + 1);
      rows.set(day, row);
    }
    return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, counts: [...counts.entries()].map(([k, count]) => ({ key: k, count })) }));
  };
  const removed = new Set(['hidden', 'rejected', 'deleted']);
  const byRule = new Map<string, { total: number; removed: number }>();
  for (const item of items) {
    for (const rule of item.ruleIds) {
      const entry = byRule.get(rule) ?? { total: 0, removed: 0 };
      entry.total++;
      if (removed.has(item.state)) entry.removed++;
      byRule.set(rule, entry);
    }
  }
  return {
    total: items.length,
    perDayBySource: perDay((i) => i.source),
    perDayByState: perDay((i) => i.state),
    firstDecision: firstResponse(items, events, ['decision', 'reply'], calendar),
    firstReply: firstResponse(items, events, ['reply'], calendar),
    rules: [...byRule.entries()]
      .map(([ruleId, r]) => ({ ruleId, matched: r.total, removedShare: Math.round((r.removed / r.total) * 1000) / 1000 }))
      .sort((a, b) => b.matched - a.matched),
    busiestAccounts: countBy(items, (i) => i.accountId).slice(0, 10),
    busiestWorksites: countBy(items, (i) => i.worksiteSlug).slice(0, 10),
  };
}

export type Dashboard = ReturnType<typeof computeDashboard>;

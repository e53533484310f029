import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../calendar/index.ts';
import { computeDashboard, type DashboardEvent, type DashboardItem } from './stats.ts';

const item = (id: string, createdAt: string, extra: Partial<DashboardItem> = {}): DashboardItem => ({
  id, source: 'facebook_comment', accountId: 'page-1', worksiteSlug: null, state: 'approved', ruleIds: [], createdAt, ...extra,
});
const event = (itemId: string, kind: string, actor: string, at: string): DashboardEvent => ({ itemId, kind, actor, at });

describe('computeDashboard', () => {
  const items = [
    item('a', '2026-11-24T09:00:00Z', { ruleIds: ['insultes'], state: 'rejected' }),
    item('b', '2026-11-24T10:00:00Z', { source: 'x_reply', accountId: 'x-1', worksiteSlug: 'les-tilleuls' }),
    item('c', '2026-11-28T22:00:00Z', { ruleIds: ['insultes'], state: 'approved', worksiteSlug: 'les-tilleuls' }),
  ];
  const events = [
    event('a', 'decision', 'rule:insultes', '2026-11-24T09:00:00Z'),
    event('b', 'decision', 'user:julie', '2026-11-24T10:20:00Z'),
    event('b', 'reply', 'user:julie', '2026-11-24T10:30:00Z'),
    event('c', 'decision', 'user:astreinte', '2026-11-29T08:00:00Z'),
  ];
  const dashboard = computeDashboard(items, events, DEFAULT_CALENDAR);

  it('counts items per Paris day and source', () => {
    expect(dashboard.perDayBySource).toEqual([
      { day: '2026-11-24', counts: [{ key: 'facebook_comment', count: 1 }, { key: 'x_reply', count: 1 }] },
      { day: '2026-11-28', counts: [{ key: 'facebook_comment', count: 1 }] },
    ]);
  });

  it('times the first human decision, office hours apart from nights and weekends', () => {
    expect(dashboard.firstDecision.officeHours).toEqual({ count: 1, medianMinutes: 20, p90Minutes: 20 });
    expect(dashboard.firstDecision.outsideHours).toEqual({ count: 1, medianMinutes: 600, p90Minutes: 600 });
    expect(dashboard.firstReply.officeHours.medianMinutes).toBe(30);
  });

  it('follows the stored calendar: a public holiday and a closure are outside office hours', () => {
    const christmas = [item('d', '2026-12-25T09:00:00Z'), item('e', '2026-11-26T09:00:00Z')]; // Friday 25 December and Thursday 26 November, 10:00
    const decided = [event('d', 'decision', 'user:julie', '2026-12-25T09:10:00Z'), event('e', 'decision', 'user:julie', '2026-11-26T09:10:00Z')];
    expect(computeDashboard(christmas, decided, DEFAULT_CALENDAR).firstDecision.officeHours.count).toBe(1);
    const closed = { ...DEFAULT_CALENDAR, closures: [{ from: '2026-11-26', to: '2026-11-26', label: 'Séminaire' }] };
    expect(computeDashboard(christmas, decided, closed).firstDecision.outsideHours.count).toBe(2);
  });

  it('gives the share of items removed per rule and the busiest places', () => {
    expect(dashboard.rules).toEqual([{ ruleId: 'insultes', matched: 2, removedShare: 0.5 }]);
    expect(dashboard.busiestAccounts[0]).toEqual({ key: 'page-1', count: 2 });
    expect(dashboard.busiestWorksites).toEqual([{ key: 'les-tilleuls', count: 2 }]);
  });
});

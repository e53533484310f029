import { describe, expect, it } from 'vitest';
import { isOfficeHours } from './office-hours.ts';
import { computeDashboard, type DashboardEvent, type DashboardItem } from './stats.ts';

const item = (id: string, createdAt: string, extra: Partial<DashboardItem> = {}): DashboardItem => ({
  id, source: 'facebook_comment', accountId: 'page-1', worksiteSlug: null, state: 'approved', ruleIds: [], createdAt, ...extra,
});
const event = (itemId: string, kind: string, actor: string, at: string): DashboardEvent => ({ itemId, kind, actor, at });

describe('isOfficeHours', () => {
  it.each([
    ['2026-11-24T09:00:00Z', true], // Tuesday 10:00 in Paris
    ['2026-11-24T17:30:00Z', false], // Tuesday 18:30 in Paris
    ['2026-11-28T22:00:00Z', false], // Saturday 23:00
    ['2026-07-01T06:30:00Z', false], // Wednesday 8:30 in summer time
    ['2026-07-01T07:00:00Z', true], // Wednesday 9:00 in summer time
  ])('%s → %s', (at, expected) => {
    expect(isOfficeHours(new Date(at))).toBe(expected);
  });
});

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
  const dashboard = computeDashboard(items, events);

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

  it('gives the share of items removed per rule and the busiest places', () => {
    expect(dashboard.rules).toEqual([{ ruleId: 'insultes', matched: 2, removedShare: 0.5 }]);
    expect(dashboard.busiestAccounts[0]).toEqual({ key: 'page-1', count: 2 });
    expect(dashboard.busiestWorksites).toEqual([{ key: 'les-tilleuls', count: 2 }]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_NAMES, LATE_LEAK_MESSAGE, lastSaturdayNight, nextDemoComment, seedDemoContent, startDemoTraffic } from './demo-traffic.ts';
import type { DemoCommentKind } from './demo-traffic.ts';
import { createGraphEmulator } from './graph/emulator.ts';
import { seededRandom } from './random.ts';
import { createXEmulator } from './x/emulator.ts';

const PAGES = [
  { id: '104857600000001', name: 'Habitat Val-de-Seine', accessToken: 'token-1' },
  { id: '104857600000002', name: 'Résidences du Parc', accessToken: 'token-2' },
];
const ACCOUNT = { id: '1500000000000000001', username: 'HabitatVDS', bearerToken: 'x-token' };

afterEach(() => {
  vi.useRealTimers();
});

describe('French demo traffic', () => {
  it('is deterministic for a seed and covers every kind of tenant message', () => {
    const a = seededRandom(99);
    const b = seededRandom(99);
    const first = Array.from({ length: 300 }, () => nextDemoComment(a));
    expect(Array.from({ length: 300 }, () => nextDemoComment(b))).toEqual(first);
    expect(Array.from({ length: 5 }, () => nextDemoComment(seededRandom(100)))).not.toEqual(first.slice(0, 5));

    const kinds = new Set(first.map((c) => c.kind));
    const all: DemoCommentKind[] = ['thanks', 'worksite_question', 'complaint_lift', 'complaint_heating', 'complaint_noise', 'mild_insult', 'rejected_insult', 'phone_number', 'late_leak'];
    expect([...kinds].sort()).toEqual([...all].sort());
    for (const comment of first) {
      expect(FIRST_NAMES).toContain(comment.author.firstName);
      expect(comment.author.username).toMatch(/^[a-z0-9]+_[a-z]\d\d$/);
      expect(comment.message.length).toBeLessThanOrEqual(280);
    }
    const of = (kind: DemoCommentKind) => first.filter((c) => c.kind === kind).map((c) => c.message);
    expect(of('late_leak')).toContain("Fuite d'eau énorme au 3e, ça coule dans l'escalier, personne ne répond !!");
    expect(of('phone_number').every((m) => /0[67][ .]\d\d[ .]\d\d[ .]\d\d[ .]\d\d/.test(m))).toBe(true);
    expect(of('phone_number').some((m) => m.includes('appelez-moi au 06 12 34 56 78'))).toBe(true);
    expect(of('mild_insult').some((m) => m.includes('Bande de nuls'))).toBe(true);
    expect(of('rejected_insult').every((m) => /connard/i.test(m))).toBe(true);
    expect(of('complaint_lift').every((m) => /ascenseur/i.test(m))).toBe(true);
  });

  it('finds the last Saturday night in Paris time, winter and summer', () => {
    expect(new Date(lastSaturdayNight(Date.parse('2026-03-18T12:00:00Z'))).toISOString()).toBe('2026-03-14T22:47:00.000Z');
    expect(new Date(lastSaturdayNight(Date.parse('2026-07-01T12:00:00Z'))).toISOString()).toBe('2026-06-27T21:47:00.000Z');
    // Saturday 23:50 in Paris: that same evening; Saturday morning: the week before.
    expect(new Date(lastSaturdayNight(Date.parse('2026-03-14T22:50:00Z'))).toISOString()).toBe('2026-03-14T22:47:00.000Z');
    expect(new Date(lastSaturdayNight(Date.parse('2026-03-14T09:00:00Z'))).toISOString()).toBe('2026-03-07T22:47:00.000Z');
  });

  it('adds comments to the emulated Pages and mentions on X until stopped', () => {
    vi.useFakeTimers();
    const graph = createGraphEmulator({ pages: PAGES });
    const x = createXEmulator({ accounts: [ACCOUNT] });
    const items: string[] = [];
    const stop = startDemoTraffic({ graph, x, everyMs: 1000, seed: 5, onItem: (item) => items.push(item.network) });
    vi.advanceTimersByTime(40_000);
    stop();
    vi.advanceTimersByTime(10_000);

    expect(items).toHaveLength(40);
    const comments = PAGES.flatMap((p) => graph.postsOf(p.id).flatMap((post) => graph.commentsOf(post.id)));
    expect(comments).toHaveLength(items.filter((n) => n === 'facebook').length);
    expect(x.mentionsOf(ACCOUNT.id)).toHaveLength(items.filter((n) => n === 'x').length);
    expect(items.filter((n) => n === 'x').length).toBeGreaterThan(3);
    expect(items.filter((n) => n === 'facebook').length).toBeGreaterThan(20);
  });

  it('seeds a backlog with the leak reported last Saturday night', () => {
    const graph = createGraphEmulator({ pages: PAGES });
    const x = createXEmulator({ accounts: [ACCOUNT] });
    const now = Date.parse('2026-03-18T12:00:00Z');
    seedDemoContent({ graph, x, now });
    for (const page of PAGES) {
      const [post] = graph.postsOf(page.id);
      const leak = graph.commentsOf(post!.id).find((c) => c.message === LATE_LEAK_MESSAGE);
      expect(leak?.created_time).toBe('2026-03-14T22:47:00+0000');
    }
    expect(x.mentionsOf(ACCOUNT.id)).toEqual([expect.objectContaining({ text: `@HabitatVDS ${LATE_LEAK_MESSAGE}`, created_at: '2026-03-14T22:47:00.000Z' })]);
  });
});

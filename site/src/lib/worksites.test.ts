import { describe, expect, it } from 'vitest';
import type { Nuisance, Phase } from '../cms/types.ts';
import { displayedProgress, orderedPhases, upcomingNuisances } from './worksites.ts';

const nuisance = (from: string, to?: string): Nuisance => ({ type: 'bruit', from, to: to ?? null, text: null });
const phase = (name: string, plannedStart?: string): Phase => ({ name, plannedStart: plannedStart ?? null, plannedEnd: null, status: 'a_venir' });

describe('upcomingNuisances', () => {
  const now = new Date('2026-12-10T12:00:00+01:00');
  it('keeps what is not over yet, soonest first', () => {
    const list = [nuisance('2027-01-05T08:00:00+01:00'), nuisance('2026-12-01T08:00:00+01:00', '2026-12-02T17:00:00+01:00'), nuisance('2026-12-09T08:00:00+01:00', '2026-12-12T17:00:00+01:00')];
    expect(upcomingNuisances(list, now).map((n) => n.from)).toEqual(['2026-12-09T08:00:00+01:00', '2027-01-05T08:00:00+01:00']);
  });
  it('drops a nuisance without an end once its start is past', () => {
    expect(upcomingNuisances([nuisance('2026-12-10T08:00:00+01:00')], now)).toEqual([]);
  });
});

describe('orderedPhases', () => {
  it('orders phases by planned start and keeps undated phases last in their order', () => {
    const phases = [phase('Réception'), phase('Façades', '2026-09-01'), phase('Désamiantage', '2026-03-01'), phase('Levée des réserves')];
    expect(orderedPhases(phases).map((p) => p.name)).toEqual(['Désamiantage', 'Façades', 'Réception', 'Levée des réserves']);
  });
});

describe('displayedProgress', () => {
  it.each([
    [45.4, 'en_cours', 45],
    [130, 'en_cours', 100],
    [-5, 'a_venir', 0],
    [80, 'termine', 100],
  ] as const)('%s %% while %s shows %s %%', (progress, status, shown) => {
    expect(displayedProgress(progress, status)).toBe(shown);
  });
});

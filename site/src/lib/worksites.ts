import type { Nuisance, Phase, WorksiteStatus } from '../cms/types.ts';

export const statusLabel: Record<WorksiteStatus, string> = {
  a_venir: 'À venir',
  en_cours: 'En cours',
  termine: 'Terminé',
};

export const kindLabel = {
  rehabilitation: 'Réhabilitation',
  construction_neuve: 'Construction neuve',
} as const;

export const nuisanceLabel: Record<Nuisance['type'], string> = {
  coupure_eau: "Coupure d'eau",
  bruit: 'Travaux bruyants',
  acces: 'Accès modifié',
  ascenseur: 'Ascenseur à l’arrêt',
};

/** Nuisances that are not over at `now`, soonest first: what a tenant must plan for. */
export function upcomingNuisances(nuisances: Nuisance[], now: Date): Nuisance[] {
  return nuisances
    .filter((n) => new Date(n.to ?? n.from).getTime() >= now.getTime())
    .sort((a, b) => new Date(a.from).getTime() - new Date(b.from).getTime());
}

/** Phases in calendar order; phases without dates keep their place at the end. */
export function orderedPhases(phases: Phase[]): Phase[] {
  const start = (p: Phase) => (p.plannedStart ? Date.parse(p.plannedStart) : Number.POSITIVE_INFINITY);
  return phases
    .map((phase, index) => ({ phase, index }))
    .sort((a, b) => start(a.phase) - start(b.phase) || a.index - b.index)
    .map(({ phase }) => phase);
}

/** Progress as shown: a whole percentage between 0 and 100, 100 once the worksite is finished. */
export function displayedProgress(progress: number, status: WorksiteStatus): number {
  if (status === 'termine') return 100;
  return Math.min(100, Math.max(0, Math.round(progress)));
}

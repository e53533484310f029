/**
 * A claim's life, in the words the landlord's customer service uses. The CRM (or, without one,
 * the community managers) moves it along; the hub itself only sets `transmise` when the CRM has
 * received it.
 */
export const CLAIM_STATUSES = ['nouvelle', 'transmise', 'prise_en_compte', 'en_cours', 'resolue', 'rejetee'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  nouvelle: 'nouvelle',
  transmise: 'transmise',
  prise_en_compte: 'prise en compte',
  en_cours: 'en cours',
  resolue: 'résolue',
  rejetee: 'rejetée',
};

export const isClaimStatus = (value: unknown): value is ClaimStatus => typeof value === 'string' && (CLAIM_STATUSES as readonly string[]).includes(value);

const RANK: Record<ClaimStatus, number> = { nouvelle: 0, transmise: 1, prise_en_compte: 2, en_cours: 3, resolue: 4, rejetee: 4 };
const CLOSED: readonly ClaimStatus[] = ['resolue', 'rejetee'];

export type ClaimStep = { ok: true; changed: boolean } | { ok: false; reason: string };

/**
 * Whether a claim may go from `from` to `to`. Forward only (the CRM may skip steps: a claim
 * handled at once goes from `nouvelle` to `resolue`); a closed claim may be reopened (`en_cours`)
 * or its outcome corrected (résolue ↔ rejetée); nothing goes back to `nouvelle`, and `transmise`
 * only follows `nouvelle`. Asking for the current status changes nothing (a replayed update).
 */
export function claimTransition(from: ClaimStatus, to: ClaimStatus): ClaimStep {
  if (from === to) return { ok: true, changed: false };
  if (to === 'nouvelle') return { ok: false, reason: 'Une réclamation ne peut pas redevenir « nouvelle ».' };
  if (to === 'transmise' && from !== 'nouvelle') return { ok: false, reason: 'Seule une réclamation « nouvelle » peut être « transmise ».' };
  if (CLOSED.includes(from)) {
    return to === 'en_cours' || CLOSED.includes(to) ? { ok: true, changed: true } : { ok: false, reason: `Une réclamation ${CLAIM_STATUS_LABELS[from]} ne peut être que rouverte (« en cours »).` };
  }
  if (RANK[to] < RANK[from]) return { ok: false, reason: `Une réclamation ${CLAIM_STATUS_LABELS[from]} ne peut pas revenir à « ${CLAIM_STATUS_LABELS[to]} ».` };
  return { ok: true, changed: true };
}

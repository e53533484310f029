import { describe, expect, it } from 'vitest';
import { CLAIM_STATUS_LABELS, claimTransition, isClaimStatus, type ClaimStatus } from './statuses.ts';

describe('claim statuses', () => {
  it('have French labels', () => {
    expect(Object.values(CLAIM_STATUS_LABELS)).toEqual(['nouvelle', 'transmise', 'prise en compte', 'en cours', 'résolue', 'rejetée']);
    expect(isClaimStatus('en_cours')).toBe(true);
    expect(isClaimStatus('fermee')).toBe(false);
  });

  it.each<[ClaimStatus, ClaimStatus, boolean]>([
    ['nouvelle', 'transmise', true],
    ['nouvelle', 'prise_en_compte', true],
    ['nouvelle', 'resolue', true],
    ['transmise', 'prise_en_compte', true],
    ['prise_en_compte', 'en_cours', true],
    ['en_cours', 'resolue', true],
    ['en_cours', 'rejetee', true],
    ['resolue', 'en_cours', true],
    ['resolue', 'rejetee', true],
    ['rejetee', 'en_cours', true],
    ['transmise', 'nouvelle', false],
    ['en_cours', 'transmise', false],
    ['prise_en_compte', 'transmise', false],
    ['en_cours', 'prise_en_compte', false],
    ['resolue', 'prise_en_compte', false],
    ['resolue', 'nouvelle', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    const step = claimTransition(from, to);
    expect(step.ok).toBe(allowed);
    if (step.ok) expect(step.changed).toBe(true);
    else expect(step.reason).toMatch(/réclamation/);
  });

  it('accepts the current status as a no-op (a replayed update)', () => {
    expect(claimTransition('en_cours', 'en_cours')).toEqual({ ok: true, changed: false });
    expect(claimTransition('nouvelle', 'nouvelle')).toEqual({ ok: true, changed: false });
  });
});

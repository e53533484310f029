import { describe, expect, it } from 'vitest';
import type { RuleAction, RuleMatch, Severity } from '../types.ts';
import { decidePhase } from './decide.ts';
import { COMPILE_OPTIONS, stateFor } from './test-support.ts';
import { applyPatch, type JudgeState } from './types.ts';

const match = (ruleId: string, action: RuleAction, severity: Severity = 'low'): RuleMatch => ({ ruleId, action, severity, reason: ruleId });
const decide = (matches: RuleMatch[], extra: Partial<JudgeState> = {}) => {
  const verdict = decidePhase.compile([], COMPILE_OPTIONS)(applyPatch(stateFor('texte'), { matches, ...extra })).verdict;
  if (!verdict) throw new Error('no verdict');
  return verdict;
};

describe('decide phase', () => {
  it('approves when nothing matched', () => {
    expect(decide([])).toEqual({
      decision: 'approve',
      matches: [],
      ruleIds: [],
      charterVersion: 1,
      severity: null,
      personalData: [],
      request: null,
      negative: { score: 0, keywords: [] },
    });
  });

  it.each<[RuleAction[], string]>([
    [['hold', 'reject', 'hide'], 'reject'],
    [['hide', 'hold'], 'hide'],
    [['approve', 'hold'], 'hold'],
    [['approve'], 'approve'],
    [['mark_request'], 'hold'],
    [['mark_negative'], 'approve'],
    [['mark_negative', 'mark_request', 'hide'], 'hide'],
  ])('%j → %s', (actions, decision) => {
    expect(decide(actions.map((a, i) => match(`r${i}`, a))).decision).toBe(decision);
  });

  it('takes the highest severity, whatever the order', () => {
    expect(decide([match('a', 'hold', 'medium'), match('b', 'reject', 'low'), match('c', 'mark_negative', 'critical')]).severity).toBe('critical');
    expect(decide([match('a', 'hold', 'high'), match('b', 'reject', 'low')]).severity).toBe('high');
  });

  it('lists each rule id once, in the order rules matched', () => {
    const verdict = decide([match('liens', 'hold'), match('insultes', 'reject'), match('liens', 'hold')]);
    expect(verdict.ruleIds).toEqual(['liens', 'insultes']);
    expect(verdict.matches).toHaveLength(3);
  });

  it("keeps the classifier's request, and makes one of category « autre » for another mark_request rule", () => {
    const leak = { category: 'fuite_degat_des_eaux' as const, keywords: ['fuite'] };
    expect(decide([match('demande-locataire', 'mark_request')], { request: leak }).request).toEqual(leak);
    expect(decide([match('mots-demande', 'mark_request')]).request).toEqual({ category: 'autre', keywords: ['mots-demande'] });
  });

  it('passes personal data and negative tone through', () => {
    const verdict = decide([], { personalData: ['phone'], negative: { score: 0.7, keywords: ['honte'] } });
    expect(verdict.personalData).toEqual(['phone']);
    expect(verdict.negative).toEqual({ score: 0.7, keywords: ['honte'] });
  });
});

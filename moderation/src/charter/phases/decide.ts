import type { RuleAction, Severity, Verdict } from '../types.ts';
import type { Phase } from './types.ts';

type Decision = Verdict['decision'];

const DECISION_RANK: Record<Decision, number> = { approve: 0, hold: 1, hide: 2, reject: 3 };
const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * What each action asks of the decision. The `mark_*` actions only label the item, except that a
 * tenant's request is held: a person must see it (and turn it into a claim).
 */
export const DECISION_OF: Record<RuleAction, Decision> = {
  approve: 'approve',
  hold: 'hold',
  hide: 'hide',
  reject: 'reject',
  mark_request: 'hold',
  mark_negative: 'approve',
  flag: 'approve',
};

/**
 * Last phase: the verdict. Decision: the strongest of the matches, reject > hide > hold > approve
 * (nothing matched: approve). Severity: the highest of the matches. Rule ids: once each, in the
 * order they matched. A `mark_request` match from a rule other than the classifier (a word list,
 * say) gives a request of category « autre » when the classifier found none.
 */
export const decidePhase: Phase = {
  name: 'decide',
  kinds: [],
  compile() {
    return (state) => {
      let decision: Decision = 'approve';
      let severity: Severity | null = null;
      for (const match of state.matches) {
        const wanted = DECISION_OF[match.action];
        if (DECISION_RANK[wanted] > DECISION_RANK[decision]) decision = wanted;
        if (severity === null || SEVERITY_RANK[match.severity] > SEVERITY_RANK[severity]) severity = match.severity;
      }
      const marked = state.matches.filter((m) => m.action === 'mark_request');
      const request = state.request ?? (marked.length ? { category: 'autre' as const, keywords: marked.map((m) => m.ruleId) } : null);
      const verdict: Verdict = {
        decision,
        matches: [...state.matches],
        ruleIds: [...new Set(state.matches.map((m) => m.ruleId))],
        charterVersion: state.charterVersion,
        severity,
        personalData: [...state.personalData],
        request,
        negative: state.negative,
      };
      return { verdict, request };
    };
  },
};

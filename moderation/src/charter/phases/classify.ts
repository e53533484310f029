import { categoryLabel, classify } from '../classify.ts';
import type { RuleMatch } from '../types.ts';
import { matchOf, rulesOf, type Phase } from './types.ts';

/** Default threshold of a `classifier` rule on negative tone. */
export const DEFAULT_MIN_NEGATIVE_SCORE = 0.5;

/**
 * Runs the classifier (../classify.ts) on every item: the verdict always carries `request` and
 * `negative`. `classifier` rules turn them into matches: `signal: 'request'` when a request is
 * found, `signal: 'negative'` when the tone reaches `minScore`.
 */
export const classifyPhase: Phase = {
  name: 'classify',
  kinds: ['classifier'],
  compile(rules) {
    const classifiers = rulesOf(rules, 'classifier');
    return (state) => {
      const { request, negative } = classify(state.text, state.keys);
      const matches: RuleMatch[] = [];
      for (const rule of classifiers) {
        if (rule.params.signal === 'request' && request) {
          matches.push(matchOf(rule, `demande de locataire : ${categoryLabel(request.category)} (${request.keywords.slice(0, 4).join(', ')})`));
        }
        if (rule.params.signal === 'negative' && negative.score > 0 && negative.score >= (rule.params.minScore ?? DEFAULT_MIN_NEGATIVE_SCORE)) {
          matches.push(matchOf(rule, `ton négatif : ${negative.score.toFixed(2)} (${negative.keywords.slice(0, 4).join(', ')})`));
        }
      }
      return { matches, request, negative };
    };
  },
};

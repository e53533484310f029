import type { RuleMatch } from '../types.ts';
import { matchOf, rulesOf, type Phase } from './types.ts';

const MINUTE = 60_000;

/**
 * `flood`: too many items from one author in a sliding window ending at `context.now`; the item
 * being judged counts, so with `maxItems: 5` the sixth message within the window matches.
 */
export const floodPhase: Phase = {
  name: 'flood',
  kinds: ['flood'],
  compile(rules) {
    const floods = rulesOf(rules, 'flood');
    return (state) => {
      if (floods.length === 0) return {};
      const now = state.context.now.getTime();
      const matches: RuleMatch[] = [];
      for (const rule of floods) {
        const { maxItems, windowMinutes } = rule.params;
        const since = now - windowMinutes * MINUTE;
        const recent = state.context.recentByAuthor.filter((r) => r.createdAt.getTime() > since && r.createdAt.getTime() <= now).length;
        const count = recent + 1;
        if (count > maxItems) matches.push(matchOf(rule, `${count} messages en ${windowMinutes} min (maximum ${maxItems})`));
      }
      return { matches };
    };
  },
};

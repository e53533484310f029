import type { CompiledCharter } from './compile.ts';
import { applyPatch, initialState } from './phases/types.ts';
import type { ItemToJudge, JudgeContext, Verdict } from './types.ts';

/**
 * The charter's verdict on one item: the phases run in order on an immutable state, each adding
 * what it found. Pure: the time is `context.now`, never the clock.
 */
export function judge(compiled: CompiledCharter, item: ItemToJudge, context: JudgeContext): Verdict {
  let state = initialState(item, context, compiled.version);
  for (const phase of compiled.pipeline) state = applyPatch(state, phase.run(state));
  if (!state.verdict) throw new Error('la phase « decide » n’a pas rendu de verdict');
  return state.verdict;
}

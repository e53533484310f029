/**
 * The moderation charter: compile a charter once, judge every item with it.
 *
 *   const compiled = compileCharter(defaultCharter);
 *   const verdict = judge(compiled, { text, authorKey, createdAt }, { now, recentByAuthor });
 */
export { classify, type Classification } from './classify.ts';
export { compileCharter, type CompiledCharter } from './compile.ts';
export { defaultCharter } from './default-charter.ts';
export { judge } from './judge.ts';
export { phases } from './phases/index.ts';
export type * from './types.ts';

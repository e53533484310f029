/** Helpers for the phase specs (not a spec itself). */
import type { CharterRule, JudgeContext, RuleAction, RuleParams, Severity } from '../types.ts';
import { defaultWordlists } from '../wordlists/index.ts';
import { normalisePhase } from './normalise.ts';
import { applyPatch, initialState, type JudgeState, type Phase } from './types.ts';

/** Saturday 14 March 2026, 10:00 UTC. */
export const NOW = new Date('2026-03-14T10:00:00Z');

export const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

export function rule(id: string, params: RuleParams, action: RuleAction = 'hold', severity: Severity = 'medium'): CharterRule {
  return { id, label: id, severity, action, enabled: true, params };
}

/** The state a phase sees for `text`: normalised, nothing matched yet. */
/** The options compileCharter gives by default. */
export const COMPILE_OPTIONS = { wordlists: defaultWordlists };

export function stateFor(text: string, context: Partial<JudgeContext> = {}): JudgeState {
  const state = initialState({ text, authorKey: 'site:test', createdAt: NOW }, { now: NOW, recentByAuthor: [], ...context }, 1);
  return applyPatch(state, normalisePhase.compile([], COMPILE_OPTIONS)(state));
}

/** Compiles `phase` with `rules` and runs it on `text`. */
export function run(phase: Phase, rules: CharterRule[], text: string, context: Partial<JudgeContext> = {}) {
  return phase.compile(rules, COMPILE_OPTIONS)(stateFor(text, context));
}

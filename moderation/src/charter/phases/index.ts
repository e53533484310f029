import { classifyPhase } from './classify.ts';
import { decidePhase } from './decide.ts';
import { duplicatePhase } from './duplicate.ts';
import { floodPhase } from './flood.ts';
import { linksPhase } from './links.ts';
import { normalisePhase } from './normalise.ts';
import { personalDataPhase } from './personal-data.ts';
import type { Phase } from './types.ts';
import { wordsPhase } from './words.ts';

/**
 * The judging pipeline, in order. Each phase sees what the previous ones found; normalise comes
 * first (everything reads its canonical words), decide last (it reads every match).
 */
export const phases: readonly Phase[] = [normalisePhase, duplicatePhase, personalDataPhase, wordsPhase, linksPhase, floodPhase, classifyPhase, decidePhase];

export type { JudgeState, Phase, PhasePatch, PhaseRun } from './types.ts';

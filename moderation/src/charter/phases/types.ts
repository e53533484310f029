import type { Reading } from '../normalise.ts';
import type { Wordlists } from '../wordlists/index.ts';
import type { CharterRule, ItemToJudge, JudgeContext, PersonalDataKind, RuleKind, RuleMatch, Verdict } from '../types.ts';

/**
 * What the pipeline knows about one item as it goes through the phases. Phases never change it:
 * each returns a patch that the pipeline merges into a new state (matches are appended).
 */
export interface JudgeState {
  readonly item: ItemToJudge;
  readonly context: JudgeContext;
  readonly charterVersion: number;
  /** The text as posted, Unicode-normalised (NFC). */
  readonly text: string;
  /** canonical(text), and its words as match keys (see matcher.ts); set by the normalise phase. */
  readonly canonical: string;
  readonly keys: readonly string[];
  /** The words with their offsets in the text, and the other readings (glued, masked); set by the normalise phase. */
  readonly reading: Reading;
  readonly matches: readonly RuleMatch[];
  readonly personalData: readonly PersonalDataKind[];
  readonly request: Verdict['request'];
  readonly negative: Verdict['negative'];
  /** Set by the decide phase, last. */
  readonly verdict: Verdict | null;
}

export type PhasePatch = Partial<Omit<JudgeState, 'item' | 'context' | 'charterVersion'>>;

/** A phase compiled against the charter's rules of its kinds: a pure function of the state. */
export type PhaseRun = (state: JudgeState) => PhasePatch;

export interface Phase {
  name: string;
  /** The rule kinds this phase evaluates; each kind belongs to exactly one phase. */
  kinds: readonly RuleKind[];
  /** Builds once what is expensive (matchers, regexes) from the enabled rules of its kinds. */
  compile(rules: readonly CharterRule[], options: CompileOptions): PhaseRun;
}

/** What a charter is compiled with besides its rules. */
export interface CompileOptions {
  /** The built-in lexicons the `words` rules read (the default one; the evaluation builds its own). */
  wordlists: Wordlists;
}

/** The params of a rule of one kind. */
export type ParamsOf<K extends RuleKind> = Extract<CharterRule['params'], { kind: K }>;
export type RuleOf<K extends RuleKind> = CharterRule & { params: ParamsOf<K> };

/** The rules of one kind, typed. */
export function rulesOf<K extends RuleKind>(rules: readonly CharterRule[], kind: K): RuleOf<K>[] {
  return rules.filter((rule): rule is RuleOf<K> => rule.params.kind === kind);
}

export function matchOf(rule: CharterRule, reason: string): RuleMatch {
  return { ruleId: rule.id, action: rule.action, severity: rule.severity, reason };
}

/** The state before the first phase. */
export function initialState(item: ItemToJudge, context: JudgeContext, charterVersion: number): JudgeState {
  return {
    item,
    context,
    charterVersion,
    text: item.text.normalize('NFC'),
    canonical: '',
    keys: [],
    reading: { tokens: [], variants: [] },
    matches: [],
    personalData: [],
    request: null,
    negative: { score: 0, keywords: [] },
    verdict: null,
  };
}

/** Merges a phase's patch: matches and personal data are appended, the rest replaced. */
export function applyPatch(state: JudgeState, patch: PhasePatch): JudgeState {
  return {
    ...state,
    ...patch,
    matches: patch.matches ? [...state.matches, ...patch.matches] : state.matches,
    personalData: patch.personalData ? [...new Set([...state.personalData, ...patch.personalData])] : state.personalData,
  };
}

/** « 1 234 » the French way, for reasons shown to moderators. */
export function frenchNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

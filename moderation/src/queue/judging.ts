/**
 * The charter's verdict as the queue stores it, at ingestion and when an edit is judged again.
 *
 * A charter that cannot judge an item (a bug, an input it cannot handle) must not stop the
 * queue: were the error to reach the poller, its cursor would stay put and the same item would
 * block the account at every restart. The item is kept instead, held « à relire » for a person,
 * and the error is logged with the item's ids, never its words.
 */
import type { CharterRule, CompiledCharter, ItemToJudge, JudgeContext, Verdict } from '../charter/index.ts';
import type { CharterBook } from '../charter/versions.ts';

/** The rule id recorded when no rule could be applied: the dashboard counts these too. */
export const UNJUDGED_RULE_ID = 'a-relire';
export const UNJUDGED_REASON = 'À relire : la charte n’a pas pu juger ce message (erreur interne), il attend une décision humaine.';
export const UNJUDGED_EDIT_REASON = 'À relire : la charte n’a pas pu juger le texte modifié (erreur interne), il attend une décision humaine.';

/** A listed term found in an item, as stored with it (`items.matched_terms`) and shown in the console. */
export interface MatchedTerm {
  ruleId: string;
  /** The rule's label in the charter version that judged the item (labels change with versions). */
  ruleLabel: string | null;
  term: string;
  written: string;
  source: string;
}

/** Enough to explain a verdict; a text full of insults would otherwise store hundreds. */
export const MAX_MATCHED_TERMS = 20;
const MAX_TERM_CHARS = 200;

export interface JudgingLog {
  error(details: object, message: string): void;
}

/** The charter in force, as `CharterBook.current()` gives it. */
export interface CharterInForce {
  compiled: CompiledCharter;
  version: number;
  charter: { rules: readonly Pick<CharterRule, 'id' | 'label'>[] };
}

export interface Judgement {
  verdict: Verdict;
  /** The charter threw: the verdict is the queue's own « à relire » hold. */
  unjudged: boolean;
  matchedTerms: MatchedTerm[];
}

export interface JudgeRequest {
  charter: Pick<CharterBook, 'judge'>;
  inForce: CharterInForce;
  item: ItemToJudge;
  context: JudgeContext;
  /** The item's ids for the log (its text never goes there). */
  ids: { itemId: string; source: string; accountId: string; externalId: string };
  edit: boolean;
  log: JudgingLog;
}

export function judgeForQueue({ charter, inForce, item, context, ids, edit, log }: JudgeRequest): Judgement {
  try {
    const verdict = charter.judge(inForce.compiled, item, context);
    return { verdict, unjudged: false, matchedTerms: matchedTermsOf(verdict, inForce.charter.rules) };
  } catch (error) {
    log.error({ ...ids, charterVersion: inForce.version, edit, error: describeError(error, item.text) }, 'charter could not judge an item: held for a person');
    return { verdict: heldForReview(inForce.version, edit ? UNJUDGED_EDIT_REASON : UNJUDGED_REASON), unjudged: true, matchedTerms: [] };
  }
}

function heldForReview(version: number, reason: string): Verdict {
  return {
    decision: 'hold',
    matches: [{ ruleId: UNJUDGED_RULE_ID, action: 'hold', severity: 'medium', reason }],
    ruleIds: [UNJUDGED_RULE_ID],
    charterVersion: version,
    severity: 'medium',
    personalData: [],
    request: null,
    negative: { score: 0, keywords: [] },
  };
}

/**
 * The error's kind, message and code frames. A charter error may quote its input (a regular
 * expression, a word): a message sharing a word with the item's text is left out.
 */
export function describeError(error: unknown, text: string): { type: string; message: string; frames: string[] } {
  const e = error instanceof Error ? error : new Error(String(error));
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const quotes = (e.message.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []).some((w) => words.has(w));
  const frames = (e.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 8);
  return { type: e.name, message: quotes ? '[message retiré : il cite le texte de l’élément]' : e.message.slice(0, 300), frames };
}

/** The terms of the verdict's word rules, in order, once each, at most MAX_MATCHED_TERMS. */
export function matchedTermsOf(verdict: Verdict, rules: readonly Pick<CharterRule, 'id' | 'label'>[]): MatchedTerm[] {
  const labels = new Map(rules.map((r) => [r.id, r.label]));
  const seen = new Set<string>();
  const terms: MatchedTerm[] = [];
  for (const match of verdict.matches) {
    for (const hit of match.terms ?? []) {
      const entry: MatchedTerm = {
        ruleId: match.ruleId,
        ruleLabel: labels.get(match.ruleId) ?? null,
        term: hit.term.slice(0, MAX_TERM_CHARS),
        written: hit.written.slice(0, MAX_TERM_CHARS),
        source: hit.source.slice(0, MAX_TERM_CHARS),
      };
      const key = JSON.stringify([entry.ruleId, entry.term, entry.written]);
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push(entry);
      if (terms.length === MAX_MATCHED_TERMS) return terms;
    }
  }
  return terms;
}

/** What a judgement writes on an item. */
export function judgedColumns({ verdict, matchedTerms }: Judgement, version: number) {
  return {
    severity: verdict.severity,
    rule_ids: JSON.stringify(verdict.ruleIds),
    charter_version: version,
    personal_data: JSON.stringify(verdict.personalData),
    request_category: verdict.request?.category ?? null,
    negative_score: verdict.negative.score,
    matched_terms: JSON.stringify(matchedTerms),
  };
}

/** Who the decision event names and why, in French (`none`: nothing in the charter applied). */
export function decisionOf({ verdict, unjudged }: Judgement, none: string): { actor: string; reason: string } {
  // The charter did not decide an unjudged item: the queue did, by holding it.
  if (unjudged) return { actor: 'system', reason: verdict.matches[0]!.reason };
  return {
    actor: verdict.ruleIds.length ? `rule:${verdict.ruleIds.join(',')}` : 'rule:aucune',
    reason: verdict.matches.map((m) => m.reason).join(' ; ') || none,
  };
}

import type { Db } from '../db/database.ts';
import { HubError } from '../errors.ts';
import { compileCharter, type CompiledCharter } from './compile.ts';
import { judge } from './judge.ts';
import { canonicalWords } from './normalise.ts';
import type { CharterRule, RuleAction, Verdict } from './types.ts';

/**
 * « Mots surveillés » (the console's watched words, as in Discourse or Agorapulse) and the
 * preview of a charter change on the newest items, before an administrator saves it.
 */

/** How many of the newest items a preview judges again, and how many changes it shows. */
export const PREVIEW_ITEMS = 1000;
export const PREVIEW_EXAMPLES = 10;
const EXCERPT_CHARS = 200;
/** A watched or allowed term is a word or an expression, never a paragraph. */
export const MAX_TERM_CHARS = 99;

/** The words rules the panel manages, one per action, and where their terms are said to be. */
export const WATCHED_RULES: Record<string, { action: RuleAction; where: string }> = {
  'mots-surveilles-rejeter': { action: 'reject', where: 'les mots surveillés (rejeter)' },
  'mots-surveilles-masquer': { action: 'hide', where: 'les mots surveillés (masquer)' },
  'mots-surveilles-retenir': { action: 'hold', where: 'les mots surveillés (retenir pour un modérateur)' },
  'mots-surveilles-signaler': { action: 'flag', where: 'les mots surveillés (signaler)' },
};
export const ALLOW_RULE_ID = 'mots-autorises';

interface Listed {
  term: string;
  where: string;
}

function listedTerms(rules: readonly CharterRule[]): Listed[] {
  return rules.flatMap((rule) => {
    const where = rule.id === ALLOW_RULE_ID ? 'les termes autorisés' : WATCHED_RULES[rule.id]?.where;
    const params = rule.params as { terms?: unknown };
    if (!where || !Array.isArray(params.terms)) return [];
    return params.terms.map((term) => ({ term: String(term), where }));
  });
}

/**
 * Checks the watched and allowed terms of `rules` (throws a HubError in French): each a word or an
 * expression under 100 characters, and no two with the same canonical form across the five lists.
 * `saved` are the rules in force: a term they already list is the one kept, so the message names
 * the term just added.
 */
export function checkWatchedTerms(rules: readonly CharterRule[], saved: readonly CharterRule[]): void {
  const old = new Set(listedTerms(saved).map((t) => t.term));
  const listed = listedTerms(rules).sort((a, b) => Number(old.has(b.term)) - Number(old.has(a.term)));
  const seen = new Map<string, Listed>();
  const fail = (message: string): never => {
    throw new HubError('INVALID_CHARTER', { message });
  };
  for (const entry of listed) {
    const term = entry.term.trim();
    if (!term) fail('Le terme est vide : saisissez un mot ou une expression.');
    if (term.length > MAX_TERM_CHARS) fail(`Le terme est trop long (${term.length} caractères) : il doit faire moins de 100 caractères.`);
    const key = canonicalWords(term).join(' ');
    if (!key) fail(`Le terme « ${term} » ne contient ni lettre ni chiffre.`);
    const first = seen.get(key);
    if (first) {
      const spelling = first.term === entry.term ? '' : `, écrit « ${first.term} »`;
      fail(`« ${term} » est déjà dans ${first.where}${spelling} : rien n’a changé.`);
    }
    seen.set(key, entry);
  }
}

/** The charter `rules` would make, checked like a save; the error is French, for the admin. */
export function candidateCharter(current: CompiledCharter, rules: CharterRule[]): CompiledCharter {
  checkWatchedTerms(rules, current.charter.rules);
  try {
    return compileCharter({ version: current.version + 1, rules });
  } catch (error) {
    throw new HubError('INVALID_CHARTER', { message: `La charte n’est pas valide : ${(error as Error).message}` });
  }
}

/** An item as the preview reads it. */
export interface PreviewItem {
  id: string;
  source: string;
  author_name: string;
  author_external_id: string;
  text: string;
  created_at: string;
}

/** The newest items of the queue, whatever their state. */
export function latestItems(db: Db, limit = PREVIEW_ITEMS): Promise<PreviewItem[]> {
  return db
    .selectFrom('items')
    .select(['id', 'source', 'author_name', 'author_external_id', 'text', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** A decision as the preview compares it: `flag` publishes, so being flagged is told apart. */
export interface Outcome {
  decision: Verdict['decision'];
  flagged: boolean;
}

export interface PreviewExample {
  itemId: string;
  /** The start of the text, as written (the console escapes it). */
  excerpt: string;
  source: string;
  author: string;
  createdAt: string;
  before: Outcome;
  after: Outcome;
  /** French: the matches the change adds, or those it takes away. */
  reason: string;
}

export interface CharterPreview {
  judged: number;
  changed: number;
  examples: PreviewExample[];
}

const outcomeOf = (verdict: Verdict): Outcome => ({ decision: verdict.decision, flagged: verdict.matches.some((m) => m.action === 'flag') });

function verdictOf(compiled: CompiledCharter, item: PreviewItem): Verdict {
  const createdAt = new Date(item.created_at);
  // Both sides see no recent items of the author: the preview is about what the text says, and
  // flood and duplicate rules depend on a history that has moved on since the item came in.
  return judge(compiled, { text: item.text, authorKey: `${item.source}:${item.author_external_id}`, createdAt }, { now: createdAt, recentByAuthor: [] });
}

/** « Libellé : raison » for the matches of `from` that `to` does not have. */
function matchesOnlyIn(from: Verdict, to: Verdict, labels: Map<string, string>): string[] {
  const key = (m: Verdict['matches'][number]) => `${m.ruleId}\u0000${m.reason}`;
  const other = new Set(to.matches.map(key));
  return from.matches.filter((m) => !other.has(key(m))).map((m) => `${labels.get(m.ruleId) ?? m.ruleId} : ${m.reason}`);
}

function excerptOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}

/** Judges `items` under both charters; pure. */
export function compareCharters(current: CompiledCharter, candidate: CompiledCharter, items: readonly PreviewItem[]): CharterPreview {
  const labels = new Map([...current.charter.rules, ...candidate.charter.rules].map((rule) => [rule.id, rule.label]));
  let changed = 0;
  const examples: PreviewExample[] = [];
  for (const item of items) {
    const was = verdictOf(current, item);
    const would = verdictOf(candidate, item);
    const before = outcomeOf(was);
    const after = outcomeOf(would);
    if (before.decision === after.decision && before.flagged === after.flagged) continue;
    changed += 1;
    if (examples.length >= PREVIEW_EXAMPLES) continue;
    const added = matchesOnlyIn(would, was, labels);
    const reason = added.length ? added.join(' ; ') : `ne s’applique plus : ${matchesOnlyIn(was, would, labels).join(' ; ')}`;
    examples.push({ itemId: item.id, excerpt: excerptOf(item.text), source: item.source, author: item.author_name, createdAt: item.created_at, before, after, reason });
  }
  return { judged: items.length, changed, examples };
}

/**
 * What saving `rules` would change in the decisions on the newest items of the queue, compared
 * with the charter in force (`current`). Throws a HubError with a French message when the rules
 * are not a valid charter.
 */
export async function previewCharter({ db, current, rules }: { db: Db; current: CompiledCharter; rules: CharterRule[] }): Promise<CharterPreview> {
  const candidate = candidateCharter(current, rules);
  return compareCharters(current, candidate, await latestItems(db));
}

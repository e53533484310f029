/**
 * The time budget of judging hostile texts, for `npm run bench charter`: figures, not a timed
 * test (a timing measured on a busy machine says nothing). The deterministic guard against a
 * backtracking pattern is tests/charter/regex-safety.test.ts.
 */
import { compileCharter } from '../../../moderation/src/charter/compile.ts';
import { defaultCharter } from '../../../moderation/src/charter/default-charter.ts';
import { judge } from '../../../moderation/src/charter/judge.ts';
import { maskPersonalData } from '../../../moderation/src/charter/phases/personal-data.ts';
import { applyPatch, initialState } from '../../../moderation/src/charter/phases/types.ts';
import type { ItemToJudge, JudgeContext } from '../../../moderation/src/charter/types.ts';
import { mulberry32 } from '../../../moderation/src/charter/bench.ts';

/*
 * One comment must never hold the service: every text, however hostile, is judged (and masked)
 * within a budget. A regex that backtracks shows here as a text that takes seconds.
 */
export const BUDGET_MS = 50;
const MAX_CHARS = 20_000;

const compiled = compileCharter(defaultCharter);
const NOW = new Date('2026-03-14T09:00:00Z');
const item = (text: string): ItemToJudge => ({ text, authorKey: 'facebook:1234', createdAt: NOW });
const context: JudgeContext = { now: NOW, recentByAuthor: [] };

const fill = (unit: string, prefix = '', suffix = '') => prefix + unit.repeat(Math.floor((MAX_CHARS - prefix.length - suffix.length) / unit.length)) + suffix;

/** The texts known to hurt a backtracking engine, each cut at 20,000 characters. */
const HOSTILE: [string, string][] = [
  ['« co » + 24 « n » + « z con »', `co${'n'.repeat(24)}z con`],
  ['« contrat » + 1,990 spaces + « x »', `contrat${' '.repeat(1990)}x`],
  ['spaces', fill(' ')],
  ['spaces after a keyword', fill(' ', 'contrat n°', 'x')],
  ['spaces after a number', fill(' ', 'Bonjour 12', 'x')],
  ['spaces after « place »', fill(' ', '3 place', 'x')],
  ['spaces before an @', fill(' ', 'jean', '@')],
  ['dots', fill('.')],
  ['digits', fill('1')],
  ['digits and spaces', fill('1 ', 'gagner ', 'x')],
  ['digits and dashes', fill('12-')],
  ['« a.a.a.a… »', fill('a.')],
  ['« a.a.a.a… » then a dot', fill('a.', '', '.x')],
  ['« a-a-a-a… »', fill('a-')],
  ['« n° n° n° »', fill('n° ')],
  ['« contrat n° : » again and again', fill('contrat n° : ')],
  ['one letter', fill('a')],
  ['one letter then an @', fill('a', '', '@')],
  ['« a@ » again and again', fill('a@')],
  ['« a@b. » again and again', fill('a@b.')],
  ['« [at] » again and again', fill('a [at] ')],
  ['an IBAN that never ends', fill('a', 'FR76')],
  ['a link that never ends', fill('/', 'http://')],
  ['a domain that never ends', fill('ab-', 'www.')],
  ['letters and separators', fill('c.o.n.n.a.r.d ')],
  ['spaced letters', fill('C O N N A R D ')],
  ['leetspeak', fill('c0nn4rd')],
  ['letters and digits', fill('a1')],
  ['« é »', fill('é')],
  ['soft hyphens', fill('a\u00ad')],
  ['emoji and zero-width spaces', fill('😀\u200b')],
  ['emoji, zero-width and letters', fill('c😀\u200bo\u00adn ')],
  ['exclamation marks', fill('!')],
  ['« @$!€ »', fill('@$!€')],
];


const POOLS = [
  [...'abcdefghijklmnopqrstuvwxyzCONARD'],
  [...' .-_/,;:\'’\n\t'],
  [...'0123456789'],
  [...'@$!€%#°'],
  [...'éèêàçùôîÉœ'],
  ['\u200b', '\u00ad', '\u200d'],
  ['😀', '👍🏽', '❤️', '🏠'],
  ['contrat', 'n°', 'numéro de ', 'rue ', 'place ', 'www.', 'http://', '.fr', '[at]', 'con', 'fdp', 'gagner ', 'FR76', '+33 ', 'bitcoin'],
];

/** Runs of one or a few tokens, repeated: random mixtures alone seldom make a regex backtrack. */
function fuzzed(random: () => number): string {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const length = Math.floor(random() * MAX_CHARS) + 1;
  let text = '';
  while (text.length < length) {
    const unit = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(pick(POOLS))).join('');
    text += unit.repeat(1 + Math.floor(random() ** 3 * 2000));
  }
  return text.slice(0, length);
}

const random = mulberry32(20260314);
const FUZZED: [string, string][] = Array.from({ length: 200 }, (_, i) => [`fuzzed n° ${i + 1}`, fuzzed(random)]);
const TEXTS = [...HOSTILE, ...FUZZED];

/** The best of three runs: a busy machine may pause once, a backtracking regex is slow every time. */
function millis(run: () => unknown): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= BUDGET_MS; attempt++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Where a slow text spends its time, for the failure message. */
function phaseTimes(text: string): string {
  let state = initialState(item(text), context, compiled.version);
  return compiled.pipeline
    .map(({ name, run }) => {
      const start = performance.now();
      state = applyPatch(state, run(state));
      return `${name} ${(performance.now() - start).toFixed(0)} ms`;
    })
    .join(', ');
}

function overBudget(time: (text: string) => number, explain: (text: string) => string): { worst: string; slow: string[] } {
  for (const [, text] of TEXTS.slice(0, 20)) time(text); // warm the JIT up
  let worst = { name: '', ms: 0 };
  const slow: string[] = [];
  for (const [name, text] of TEXTS) {
    const ms = time(text);
    if (ms > worst.ms) worst = { name, ms };
    if (ms >= BUDGET_MS) slow.push(`${name} (${text.length} caractères) : ${ms.toFixed(0)} ms — ${explain(text)}`);
  }
  return { worst: `${worst.name} : ${worst.ms.toFixed(1)} ms`, slow };
}

/** The worst judging and masking times over the hostile and fuzzed texts, and those over budget. */
export function hostileTimes() {
  const judging = overBudget(
    (text) => millis(() => judge(compiled, item(text), context)),
    phaseTimes,
  );
  const masking = overBudget(
    (text) => millis(() => maskPersonalData(text)),
    () => 'maskPersonalData',
  );
  return { texts: `${HOSTILE.length} textes hostiles et ${FUZZED.length} textes tirés au hasard, jusqu’à ${MAX_CHARS.toLocaleString('fr-FR')} caractères`, judging, masking };
}

/**
 * The ReDoS check of every built-in regex. It lives with the integration tests, which run one
 * file at a time: recheck's analysis takes the machine's cores for some twenty seconds, and the
 * browser tests beside it must not pay for that.
 */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { CLASSIFIER_REGEXES } from '../../moderation/src/charter/classify.ts';
import { defaultCharter } from '../../moderation/src/charter/default-charter.ts';
import { LINK_REGEXES } from '../../moderation/src/charter/phases/links.ts';
import { DEFAULT_TENANT_NUMBER_PATTERNS, PERSONAL_DATA_REGEXES } from '../../moderation/src/charter/phases/personal-data.ts';
import { PATTERN_FLAGS } from '../../moderation/src/charter/regex.ts';

/**
 * Built-in regexes of other modules that read what users post. The normaliser and the word
 * matcher use none that could backtrack (one pass over the characters), so there is none today.
 */
const OTHER_BUILT_IN_REGEXES: readonly RegExp[] = [];

const charterPatterns = defaultCharter.rules.flatMap((rule) =>
  rule.params.kind === 'pattern' ? rule.params.patterns : rule.params.kind === 'personal_data' ? (rule.params.tenantNumberPatterns ?? []) : [],
);

/** Source and flags, once each; `g` changes nothing to the time a match takes. */
const regexes = [
  // Patterns also run joined as one alternation: at each position it tries them one after the
  // other with nothing after them, so it costs their sum and needs no check of its own.
  ...[...charterPatterns, ...DEFAULT_TENANT_NUMBER_PATTERNS].map((source) => ({ source, flags: PATTERN_FLAGS })),
  ...[...PERSONAL_DATA_REGEXES, ...LINK_REGEXES, ...CLASSIFIER_REGEXES, ...OTHER_BUILT_IN_REGEXES].map((r) => ({ source: r.source, flags: r.flags.replace('g', '') })),
].filter((r, i, all) => all.findIndex((o) => o.source === r.source && o.flags === r.flags) === i);

/** The tenant number pattern that froze the service: « contrat » + 1,990 spaces + « x » took 6 s. */
const FORMER_TENANT_PATTERN = String.raw`\b(?:contrat|locataire|client|bail|dossier|r[ée]f[ée]rence|r[ée]f)\.?\s*(?:n[°o]\.?|num[ée]ro|#)?\s*[:.]?\s*(?:\d{2,}[\s\-/]?\d{4,}|\d{6,})`;

describe('built-in regexes run in linear time (recheck)', () => {
  it('the checker sees the pattern that froze the service', () => {
    expect(checkSync(FORMER_TENANT_PATTERN, PATTERN_FLAGS, { timeout: 60_000 }).status).toBe('vulnerable');
  }, 90_000);

  it.each(regexes)('/$source/$flags', ({ source, flags }) => {
    const diagnostics = checkSync(source, flags, { timeout: 60_000 });
    const detail = diagnostics.status === 'vulnerable' ? `${diagnostics.complexity.summary}, attaque : ${diagnostics.attack.pattern}` : '';
    expect({ status: diagnostics.status, detail }).toEqual({ status: 'safe', detail: '' });
  }, 90_000);
});

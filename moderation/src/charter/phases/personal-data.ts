import { anyOf, v8Regex, type TextRegex } from '../regex.ts';
import type { PersonalDataKind, RuleMatch } from '../types.ts';
import { matchOf, rulesOf, type Phase } from './types.ts';

/*
 * Every regex here reads what anyone posts, on V8's backtracking engine: no two neighbouring
 * unbounded repeats may match the same characters, or a run of them costs a power of its length
 * (three `\s*` side by side made « contrat » + 2,000 spaces take 6 s). `tests/charter/regex-safety.test.ts`
 * checks each one with a ReDoS checker, `npm run bench charter` times them on hostile texts (tests/bench/charter/hostile.ts).
 */

/** 6+ digits, or 2 to 5, a separator and 4+: « 123456 », « 12-345678 », « 2024/123456 ». */
const NUMBER = String.raw`(?:\d{6,}(?:[\s\-/]\d{4,})?|\d{2,5}[\s\-/]\d{4,})`;
/** Tenant and contract numbers as this landlord writes them (used when a rule gives none). */
export const DEFAULT_TENANT_NUMBER_PATTERNS = [
  String.raw`\b(?:contrat|locataire|client|bail|dossier|r[ée]f[ée]rence|r[ée]f)\.?\s*(?:(?:n[°o]\.?|num[ée]ro|#)\s*)?(?:[:.]\s*)?${NUMBER}`,
  String.raw`\b(?:num[ée]ro|n[°o])\.?\s*(?:de\s+|d['’]\s*)?(?:locataire|contrat|client|bail|dossier|allocataire)\s*(?:[:.]\s*)?${NUMBER}`,
];
/** What every default tenant number holds: the cheap test that spares most comments the search. */
const TENANT_HINT = /\d{4}/;

const WAYS = String.raw`rue|avenue|av\.|boulevard|bd|all[ée]e|impasse|chemin|route|quai|square|passage|faubourg|esplanade|parvis|sentier|promenade|rond-point|place(?!\s+(?:de\s+|pour\s+)?(?:parking|stationnement|libre|disponible|handicap))`;
interface Detector {
  kind: PersonalDataKind;
  /** A cheap test first: most comments have no digit and no « @ », and skip the detector. */
  hint?: RegExp;
  regex: TextRegex;
  accept?: (found: string) => boolean;
}
const IBAN_SOURCE = String.raw`\b[a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,4})?\b`;
const EMAIL_SOURCE = String.raw`[\p{L}\p{N}._%+-]+\s*(?:@|\[at\]|\(at\)|\[arobase\]|\(arobase\))\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`;
/** A search that only starts where a run of local-part characters starts. */
const EMAIL_SEARCH = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])${EMAIL_SOURCE}`, 'giu');
/** A try at one position only. */
const EMAIL_AT = new RegExp(EMAIL_SOURCE, 'iuy');
/** French numbers, national or international: 06 12 34 56 78, 06.12…, +33 6 12…, 0033 6 12…, +33 (0)6… */
const PHONE_SOURCE = String.raw`(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)`;
const ADDRESS_SOURCE = String.raw`\b\d{1,4}(?:\s?(?:bis|ter|quater|[a-d]))?\s*(?:,\s*)?(?:${WAYS})\s+(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*)?[\p{L}\d][\p{L}'’-]+`;

const IBAN: Detector = { kind: 'iban', hint: /[a-z]{2}\d{2}/i, regex: v8Regex(IBAN_SOURCE), accept: isIban };
const EMAIL: Detector = { kind: 'email', hint: /@|[[(]a(?:t|robase)[\])]/i, regex: emailRegex() };
const PHONE: Detector = { kind: 'phone', hint: /\d/, regex: v8Regex(PHONE_SOURCE, 'u') };
const ADDRESS: Detector = { kind: 'street_address', hint: /\d/, regex: v8Regex(ADDRESS_SOURCE) };

/** The built-in regexes of this module, for `tests/charter/regex-safety.test.ts`. */
export const PERSONAL_DATA_REGEXES: readonly RegExp[] = [
  ...DEFAULT_TENANT_NUMBER_PATTERNS.map((s) => new RegExp(s, 'iu')),
  TENANT_HINT,
  ...[IBAN, EMAIL, PHONE, ADDRESS].flatMap((d) => (d.hint ? [d.hint] : [])),
  new RegExp(IBAN_SOURCE, 'iu'),
  EMAIL_SEARCH,
  EMAIL_AT,
  new RegExp(PHONE_SOURCE, 'u'),
  new RegExp(ADDRESS_SOURCE, 'iu'),
];

const LABELS: Record<PersonalDataKind, string> = {
  phone: 'numéro de téléphone',
  email: 'adresse e-mail',
  iban: 'IBAN',
  tenant_number: 'numéro de locataire ou de contrat',
  street_address: 'adresse postale',
};

/**
 * The e-mails that `EMAIL_SOURCE` finds, in linear time. Searched from each character of a long
 * run without « @ », the local part would rescan the rest of the run every time. Every start
 * inside one run meets the same end of run and the same « @ », so only the start of a run needs
 * trying, and the end of the previous match, where V8 would try first: it is tried on its own.
 */
function emailRegex(): TextRegex {
  const next = (text: string, from: number) => {
    EMAIL_AT.lastIndex = from;
    const here = EMAIL_AT.exec(text);
    if (here) return here;
    EMAIL_SEARCH.lastIndex = from;
    return EMAIL_SEARCH.exec(text);
  };
  return {
    test: (text) => next(text, 0) !== null,
    find(text) {
      const found = next(text, 0);
      return found ? { text: found[0], index: found.index } : null;
    },
    replaceAll(text, replace) {
      let out = '';
      let last = 0;
      for (let found = next(text, 0); found; found = next(text, last)) {
        out += text.slice(last, found.index) + replace(found[0]);
        last = found.index + found[0].length;
      }
      return out + text.slice(last);
    },
  };
}

/** An IBAN whose check digits hold (ISO 13616, mod 97), or the 27 characters of a French one. */
function isIban(found: string): boolean {
  const iban = found.replace(/[ -]/g, '').toUpperCase();
  if (/^FR\d{2}[A-Z0-9]{23}$/.test(iban)) return true;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return iban.length >= 15 && BigInt(digits) % 97n === 1n;
}

/**
 * The default formats (on V8, with their hint) or the landlord's own, which run on re2js: an
 * administrator's regex must not be able to block the service.
 */
function tenantDetector(sources: readonly string[]): Detector {
  const builtIn = sources.every((s) => DEFAULT_TENANT_NUMBER_PATTERNS.includes(s));
  return { kind: 'tenant_number', hint: builtIn ? TENANT_HINT : undefined, regex: anyOf(sources, (s) => DEFAULT_TENANT_NUMBER_PATTERNS.includes(s)) };
}

/** Runs the detectors in order, each on the text as the previous ones left it; returns the text with every find replaced. */
function findPersonalData(text: string, detectors: readonly Detector[], replace: (kind: PersonalDataKind, hit: string) => string): string {
  let out = text;
  for (const { kind, hint, regex, accept } of detectors) {
    if (hint && !hint.test(out)) continue;
    out = regex.replaceAll(out, (hit) => (accept && !accept(hit) ? hit : replace(kind, hit)));
  }
  return out;
}

/** Order matters: what is found is blanked before the next detector runs. */
const detectorsWith = (tenant: Detector) => [IBAN, EMAIL, tenant, PHONE, ADDRESS];
/** Claims and on-call mails mask with the charter's formats: compiled once per list, not per text. */
const maskers = new Map<string, Detector[]>();

/**
 * The text with the personal data found replaced by « [donnée masquée] »: what may leave the
 * service (on-call e-mails, claims sent to the CRM) when the author did not give it publicly.
 */
export function maskPersonalData(text: string, tenantNumberPatterns: string[] = DEFAULT_TENANT_NUMBER_PATTERNS): string {
  const key = JSON.stringify(tenantNumberPatterns);
  let detectors = maskers.get(key);
  if (!detectors) {
    if (maskers.size >= 16) maskers.clear();
    detectors = detectorsWith(tenantDetector(tenantNumberPatterns));
    maskers.set(key, detectors);
  }
  return findPersonalData(text, detectors, () => '[donnée masquée]');
}

/**
 * `personal_data`: phone numbers, e-mails, IBANs, tenant or contract numbers, street addresses,
 * looked for in the text as posted. Each kind found is blanked before the next is looked for, so
 * that the digits of an IBAN or a contract number are not read again as a phone number. Reasons
 * name the kind, never the data.
 */
export const personalDataPhase: Phase = {
  name: 'personal-data',
  kinds: ['personal_data'],
  compile(rules) {
    const personal = rulesOf(rules, 'personal_data');
    const tenantSources = [...new Set(personal.flatMap((r) => r.params.tenantNumberPatterns ?? DEFAULT_TENANT_NUMBER_PATTERNS))];
    const detectors = detectorsWith(tenantDetector(tenantSources));
    return (state) => {
      if (personal.length === 0) return {};
      const found = new Set<PersonalDataKind>();
      findPersonalData(state.text, detectors, (kind, hit) => {
        found.add(kind);
        return ' '.repeat(hit.length);
      });
      const matches: RuleMatch[] = [];
      const personalData: PersonalDataKind[] = [];
      for (const rule of personal) {
        const kinds = rule.params.detect.filter((kind) => found.has(kind));
        if (kinds.length === 0) continue;
        personalData.push(...kinds);
        matches.push(matchOf(rule, `données personnelles : ${kinds.map((k) => LABELS[k]).join(', ')}`));
      }
      return { matches, personalData };
    };
  },
};

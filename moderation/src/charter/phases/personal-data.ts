import type { PersonalDataKind, RuleMatch } from '../types.ts';
import { matchOf, rulesOf, type Phase } from './types.ts';

/** Tenant and contract numbers as this landlord writes them (used when a rule gives none). */
export const DEFAULT_TENANT_NUMBER_PATTERNS = [
  String.raw`\b(?:contrat|locataire|client|bail|dossier|r[ée]f[ée]rence|r[ée]f)\.?\s*(?:n[°o]\.?|num[ée]ro|#)?\s*[:.]?\s*(?:\d{2,}[\s\-/]?\d{4,}|\d{6,})`,
  String.raw`\b(?:num[ée]ro|n[°o])\.?\s*(?:de\s+|d['’]\s*)?(?:locataire|contrat|client|bail|dossier|allocataire)\s*[:.]?\s*(?:\d{2,}[\s\-/]?\d{4,}|\d{6,})`,
];

const WAYS = String.raw`rue|avenue|av\.|boulevard|bd|all[ée]e|impasse|chemin|route|quai|square|passage|faubourg|esplanade|parvis|sentier|promenade|rond-point|place(?!\s+(?:de\s+|pour\s+)?(?:parking|stationnement|libre|disponible|handicap))`;
interface Detector {
  kind: PersonalDataKind;
  /** A cheap test first: most comments have no digit and no « @ », and skip the detector. */
  hint: RegExp;
  regex: RegExp;
  accept?: (found: string) => boolean;
}
const IBAN: Detector = { kind: 'iban', hint: /[a-z]{2}\d{2}/i, regex: /\b[a-z]{2}\d{2}(?:[ -]?[a-z0-9]{4}){2,7}(?:[ -]?[a-z0-9]{1,4})?\b/giu, accept: isIban };
const EMAIL: Detector = { kind: 'email', hint: /@|\bat\b|arobase/i, regex: /[\p{L}\p{N}._%+-]+\s*(?:@|\[at\]|\(at\)|\[arobase\]|\(arobase\))\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu };
/** French numbers, national or international: 06 12 34 56 78, 06.12…, +33 6 12…, 0033 6 12…, +33 (0)6… */
const PHONE: Detector = { kind: 'phone', hint: /\d/, regex: /(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)/gu };
const ADDRESS: Detector = {
  kind: 'street_address',
  hint: /\d/,
  regex: new RegExp(String.raw`\b\d{1,4}(?:\s?(?:bis|ter|quater|[a-d]))?\s*,?\s*(?:${WAYS})\s+(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*)?[\p{L}\d][\p{L}'’-]+`, 'giu'),
};

const LABELS: Record<PersonalDataKind, string> = {
  phone: 'numéro de téléphone',
  email: 'adresse e-mail',
  iban: 'IBAN',
  tenant_number: 'numéro de locataire ou de contrat',
  street_address: 'adresse postale',
};

/** An IBAN whose check digits hold (ISO 13616, mod 97), or the 27 characters of a French one. */
function isIban(found: string): boolean {
  const iban = found.replace(/[ -]/g, '').toUpperCase();
  if (/^FR\d{2}[A-Z0-9]{23}$/.test(iban)) return true;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return iban.length >= 15 && BigInt(digits) % 97n === 1n;
}

/** Runs the detectors in order, each on the text as the previous ones left it; returns the text with every find replaced. */
function findPersonalData(text: string, detectors: Detector[], replace: (kind: PersonalDataKind, hit: string) => string): string {
  let out = text;
  for (const { kind, hint, regex, accept } of detectors) {
    if (!hint.test(out)) continue;
    out = out.replace(regex, (hit) => (accept && !accept(hit) ? hit : replace(kind, hit)));
  }
  return out;
}

function tenantDetector(sources: string[]): Detector {
  return { kind: 'tenant_number', hint: /(?:)/, regex: new RegExp(sources.map((s) => `(?:${s})`).join('|') || '(?!)', 'giu') };
}

/**
 * The text with the personal data found replaced by « [donnée masquée] »: what may leave the
 * service (on-call e-mails, claims sent to the CRM) when the author did not give it publicly.
 */
export function maskPersonalData(text: string, tenantNumberPatterns: string[] = DEFAULT_TENANT_NUMBER_PATTERNS): string {
  return findPersonalData(text, [IBAN, EMAIL, tenantDetector(tenantNumberPatterns), PHONE, ADDRESS], () => '[donnée masquée]');
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
    const tenant: Detector = { kind: 'tenant_number', hint: /(?:)/, regex: new RegExp(tenantSources.map((s) => `(?:${s})`).join('|') || '(?!)', 'giu') };
    // Order matters: what is found is blanked before the next detector runs.
    const detectors = [IBAN, EMAIL, tenant, PHONE, ADDRESS];
    return (state) => {
      if (personal.length === 0) return {};
      const found = new Set<PersonalDataKind>();
      let text = state.text;
      for (const { kind, hint, regex, accept } of detectors) {
        if (!hint.test(text)) continue;
        text = text.replace(regex, (hit) => {
          if (accept && !accept(hit)) return hit;
          found.add(kind);
          return ' '.repeat(hit.length);
        });
      }
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

/**
 * The moderation charter: the landlord's rules, applied the same way to every source (site,
 * Facebook, X). Pure data; compiled once per charter version, evaluated per item.
 */

/** What a rule asks for when it matches. */
export type RuleAction =
  | 'approve' // publish without review
  | 'hold' // keep for a human decision
  | 'hide' // hide on the network / never show on the site, author invited to a private channel
  | 'reject' // refuse; stays visible to moderators
  | 'mark_request' // a tenant's technical or administrative request (becomes a claim later)
  | 'mark_negative'; // negative tone (feeds crisis escalation later)

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export type RuleKind = 'words' | 'pattern' | 'personal_data' | 'links' | 'shouting' | 'flood' | 'duplicate' | 'length' | 'classifier';

/** What the built-in classifier (classify.ts) looks for: a tenant's request, or negative tone. */
export type ClassifierSignal = 'request' | 'negative';

export type PersonalDataKind = 'phone' | 'email' | 'iban' | 'tenant_number' | 'street_address';

/** Kind-specific settings; unknown keys are refused by the charter validator. */
export type RuleParams =
  | { kind: 'words'; terms: string[] }
  | { kind: 'pattern'; patterns: string[] } // JavaScript regular expressions, case-insensitive
  | { kind: 'personal_data'; detect: PersonalDataKind[]; tenantNumberPatterns?: string[] }
  | { kind: 'links'; maxLinks?: number; allowedDomains?: string[]; blockedDomains?: string[] }
  | { kind: 'shouting'; minLetters: number; maxUppercaseRatio: number }
  | { kind: 'flood'; maxItems: number; windowMinutes: number }
  | { kind: 'duplicate'; windowMinutes: number }
  | { kind: 'length'; minChars?: number; maxChars?: number }
  /** Matches when the classifier finds a request (any category), or negative tone ≥ minScore (default 0.5). */
  | { kind: 'classifier'; signal: ClassifierSignal; minScore?: number };

export interface CharterRule {
  /** Stable id recorded with every decision, e.g. "insultes", "donnees-personnelles". */
  id: string;
  /** French label shown to community managers. */
  label: string;
  severity: Severity;
  action: RuleAction;
  enabled: boolean;
  params: RuleParams;
}

export interface Charter {
  version: number;
  rules: CharterRule[];
}

/** The item being judged, whatever its source. */
export interface ItemToJudge {
  text: string;
  /** Stable author key within the source ("facebook:1234", "site:ip-hash"...). */
  authorKey: string;
  createdAt: Date;
}

/** What the caller knows of the author's recent items (for flood and duplicate rules). */
export interface JudgeContext {
  now: Date;
  recentByAuthor: { text: string; createdAt: Date }[];
}

export type RequestCategory =
  | 'fuite_degat_des_eaux'
  | 'ascenseur'
  | 'chauffage_eau_chaude'
  | 'ventilation'
  | 'nuisibles'
  | 'porte_interphone_serrure'
  | 'electricite'
  | 'proprete_encombrants'
  | 'administratif'
  | 'autre';

export interface RuleMatch {
  ruleId: string;
  action: RuleAction;
  severity: Severity;
  /** French, for the moderator: « mot interdit : "c0nnard" », « numéro de téléphone ». */
  reason: string;
}

/** The charter's decision for one item. */
export interface Verdict {
  /** The state the item should take: the strongest of the matched rules' decisions. */
  decision: 'approve' | 'hold' | 'hide' | 'reject';
  matches: RuleMatch[];
  ruleIds: string[];
  charterVersion: number;
  /** Highest severity among matches, or null when nothing matched. */
  severity: Severity | null;
  personalData: PersonalDataKind[];
  request: { category: RequestCategory; keywords: string[] } | null;
  /** Negative tone, 0 (neutral) to 1 (very negative), with the words that made it. */
  negative: { score: number; keywords: string[] };
}

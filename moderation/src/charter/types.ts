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
  | 'mark_negative' // negative tone (feeds crisis escalation later)
  | 'flag'; // publish, but show the item as flagged to moderators (a watched word)

/** The built-in word lists (lexicon/README.md): what they hold and where it comes from. */
export type LexiconName = 'insultes' | 'grossieretes' | 'sexuel' | 'menaces' | 'discriminations';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export type RuleKind = 'words' | 'allow' | 'pattern' | 'personal_data' | 'links' | 'shouting' | 'flood' | 'duplicate' | 'length' | 'classifier';

/** What the built-in classifier (classify.ts) looks for: a tenant's request, or negative tone. */
export type ClassifierSignal = 'request' | 'negative';

export type PersonalDataKind = 'phone' | 'email' | 'iban' | 'tenant_number' | 'street_address';

/** Kind-specific settings; unknown keys are refused by the charter validator. */
export type RuleParams =
  /**
   * Listed terms, and/or one of the built-in lexicons (lexicon/: built from field-made lists).
   * Ambiguous lexicon entries (« rat », « porc ») match only where the text insults someone.
   */
  | { kind: 'words'; terms?: string[]; lexicon?: LexiconName }
  /** Words and expressions never read as a listed term (a place, a surname, a residence). */
  | { kind: 'allow'; terms: string[] }
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

/** A listed term found in a text, as the console explains it. */
export interface TermHit {
  /** The term as listed (« connard », « fils de pute »). */
  term: string;
  /** How it was written in the text (« c.0.n.n.a.r.d »): the disguise a moderator should see. */
  written: string;
  /** Where the term comes from, in French: « french-badwords-list 1.0.7 (MIT) », « termes du bailleur », « mots surveillés (administrateur) ». */
  source: string;
}

export interface RuleMatch {
  ruleId: string;
  action: RuleAction;
  severity: Severity;
  /** French, for the moderator: « mot interdit : "c0nnard" », « numéro de téléphone ». */
  reason: string;
  /** For word rules: the terms found, in the order they appear. */
  terms?: TermHit[];
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

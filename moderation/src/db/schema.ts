import type { Generated } from 'kysely';

/**
 * The moderation database. Dates are ISO 8601 strings in UTC (ordered as text, identical on
 * SQLite and PostgreSQL); JSON columns are text.
 */
export interface ItemsTable {
  id: string;
  source: string;
  account_id: string;
  external_id: string;
  author_name: string;
  author_external_id: string;
  text: string;
  created_at: string;
  ingested_at: string;
  updated_at: string;
  permalink: string | null;
  parent_id: string | null;
  thread_id: string;
  article_slug: string | null;
  worksite_slug: string | null;
  residence: string | null;
  state: string;
  severity: string | null;
  rule_ids: string;
  charter_version: number | null;
  personal_data: string;
  request_category: string | null;
  negative_score: number;
  assigned_to: string | null;
  /** Private details given by the author (contact form: e-mail, phone); never shown publicly. */
  private_details: string | null;
  /** Why the item calls for attention (JSON list of escalation reasons), or null. */
  flag?: string | null;
  /** The listed terms the charter found when it judged the item (JSON list of MatchedTerm, queue/judging.ts). */
  matched_terms?: string;
}

export interface ItemEventsTable {
  id: Generated<number>;
  item_id: string;
  kind: string;
  actor: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  rule_ids: string;
  charter_version: number | null;
  payload: string | null;
  created_at: string;
}

export interface ChartersTable {
  version: number;
  rules: string;
  created_at: string;
  created_by: string;
  note: string | null;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  signature: string;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
  disabled: number;
}

/** Failed sign-ins per address typed, known account or not (access/throttle.ts). */
export interface LoginThrottleTable {
  /** A keyed hash of the address typed, lower-cased: never the address itself. */
  key: string;
  /** Attempts counted since the last success or lock (an attempt is counted before its check). */
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

/** The site's visitors' hits per time window (public/rate-limit.ts). */
export interface RateLimitsTable {
  /** `<limit>:<keyed hash of the visitor>`. */
  bucket: string;
  /** Seconds since the epoch, a multiple of the limit's window (a string from PostgreSQL's bigint). */
  window_start: number | string;
  hits: number;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: string | null;
  after: string | null;
}

export interface SavedRepliesTable {
  id: string;
  title: string;
  body: string;
  created_at: string;
}

export interface ItemCountsTable {
  source: string;
  account_id: string;
  state: string;
  count: number;
}

/** An action to carry out on a social network, exactly once (see outbox/README.md). */
export interface OutboxTable {
  id: string;
  /** hide | unhide | delete | reply | publish, or a delivery: claim_push | oncall_email | oncall_webhook */
  kind: string;
  /** The item, or what the delivery is about (`claim:<id>`, `crisis:<id>`). */
  item_id: string;
  /** facebook | x, or crm | mail | webhook for deliveries */
  network: string;
  account_id: string;
  target_external_id: string;
  /** JSON: `{ text }` for a reply. */
  payload: string | null;
  idempotency_key: string;
  /** pending | in_flight | done | failed */
  state: string;
  attempts: number;
  next_attempt_at: string;
  /** In French, shown to moderators. */
  last_error: string | null;
  result_external_id: string | null;
  created_at: string;
  updated_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  /**
   * Claims of this row that found its lease expired (the holder died or stalled mid-delivery);
   * 0 by default (migration 0010), absent from rows built before insertion.
   */
  interruptions?: number;
}

export interface ConnectorAccountsTable {
  /** `facebook:<page id>` or `x:<account id>`. */
  account_key: string;
  network: string;
  account_id: string;
  name: string;
  cursor: string | null;
  last_poll_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  /** `ok` or `broken` (the token was refused: expired, revoked). */
  token_state: string;
  rate_limited_until: string | null;
  rate_limit_hits: number;
  /** The UTC day `items_today` counts. */
  items_day: string | null;
  items_today: number;
  /** The Paris day `reads_today` counts: posts read (not only new ones), for X's daily budget. */
  reads_day: string | null;
  reads_today: number;
  next_poll_at: string | null;
  lease_owner: string | null;
  lease_until: string | null;
}

/** An incident for the on-call procedure: one item, or a spike of negative items. */
export interface CrisesTable {
  id: string;
  /** alert | spike */
  kind: string;
  /** `account:<source>:<id>`, `residence:<name>`, `worksite:<slug>`, or `item:<id>`. */
  scope: string;
  scope_label: string;
  /** open | closed */
  state: string;
  /** JSON list of reasons (serious, negative, emergency, watched, spike). */
  reasons: string;
  /** 1 when the on-call people were paged (outside office hours). */
  paged: number;
  /** The on-call level last notified (0: nobody). */
  level: number;
  opened_at: string;
  /** When level 2 is called if nobody acknowledged. */
  escalate_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  item_count: number;
}

export interface CrisisItemsTable {
  crisis_id: string;
  item_id: string;
  added_at: string;
}

export interface CrisisEventsTable {
  id: Generated<number>;
  crisis_id: string;
  /** opened | item | notified | escalated | acknowledged | note | statement | closed */
  kind: string;
  actor: string;
  detail: string | null;
  at: string;
}

/** Negative items per scope and per minute (UTC), for the spike detector. */
export interface NegativeBucketsTable {
  scope: string;
  minute: string;
  count: number;
}

/** A setting as JSON, by key (see settings/store.ts). */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string;
}

/** A person of the on-call roster (see oncall/README.md). */
export interface OncallMembersTable {
  id: string;
  /** 1 or 2 */
  level: number;
  name: string;
  email: string;
  webhook_url: string | null;
  /** Turn in the weekly rotation of the level, from 0. */
  rotation_order: number;
  /** 1 takes turns, 0 is skipped. */
  active: number;
  created_at: string;
  updated_at: string;
}

/** A tenant's request turned into a claim (claims/README.md). */
export interface ClaimsTable {
  id: string;
  /** REC-<year>-<6 digits>, unique. */
  reference: string;
  /** The charter's RequestCategory. */
  category: string;
  residence: string | null;
  /** Only when the item carries one publicly; never from private details. */
  address: string | null;
  /** The item's text with personal data masked. */
  description: string;
  /** One claim per item. */
  item_id: string;
  /** The author's public name or handle (null for private messages). */
  author_handle: string | null;
  /** Absolute link to the original item, when it has one. */
  permalink: string | null;
  /** nouvelle | transmise | prise_en_compte | en_cours | resolue | rejetee */
  status: string;
  emergency: number;
  created_at: string;
  updated_at: string;
  /** The CRM's own number for the claim, when it gave one. */
  crm_reference: string | null;
}

export interface ClaimEventsTable {
  id: Generated<number>;
  claim_id: string;
  /** opened | status */
  kind: string;
  /** `user:<id>`, `crm`, `astreinte`, `system`. */
  actor: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  /** Set for signed CRM updates: the same update twice is recorded once. */
  dedupe_key: string | null;
  created_at: string;
}

/** The last claim number given, per year (Paris time). */
export interface ClaimCountersTable {
  year: number;
  last_number: number;
}

/** One signed Facebook webhook delivery, stored before the 200 and drained into the queue. */
export interface WebhookInboxTable {
  /** Arrival order. */
  id: Generated<number>;
  /** `facebook` */
  source: string;
  /** Hex SHA-256 of the raw body: Meta's retries of one delivery are stored once. */
  body_sha256: string;
  /** The raw JSON body, as signed. */
  payload: string;
  /** pending | in_flight | done | failed */
  state: string;
  attempts: number;
  /** How many changes of the payload are applied (a retry resumes after them). */
  changes_done: number;
  next_attempt_at: string;
  /** In French, for a person (a failed row is kept). */
  last_error: string | null;
  received_at: string;
  updated_at: string;
  lease_owner: string | null;
  lease_until: string | null;
}

/** The Paris days on which the personal-data purge ran (retention/README.md). */
export interface RetentionRunsTable {
  /** YYYY-MM-DD, Paris time: claimed by one process only. */
  day: string;
  started_at: string;
  finished_at: string | null;
  /** JSON: rows purged or anonymised per kind. */
  counts: string | null;
}

/** A tenant's request from the site for access to or erasure of their data (rights/requests.ts). */
export interface RightsRequestsTable {
  id: string;
  email: string;
  /** access | erasure */
  kind: string;
  message: string | null;
  /** SHA-256 of the token in the e-mailed link; the token itself is never stored. */
  token_hash: string;
  created_at: string;
  /** The link works until then; an unconfirmed request is forgotten after it. */
  expires_at: string;
  confirmed_at: string | null;
  handled_at: string | null;
  /** user:<id> of the administrator who answered it. */
  handled_by: string | null;
}

export interface Database {
  crises: CrisesTable;
  crisis_items: CrisisItemsTable;
  crisis_events: CrisisEventsTable;
  negative_buckets: NegativeBucketsTable;
  connector_accounts: ConnectorAccountsTable;
  item_counts: ItemCountsTable;
  items: ItemsTable;
  item_events: ItemEventsTable;
  charters: ChartersTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  saved_replies: SavedRepliesTable;
  outbox: OutboxTable;
  claims: ClaimsTable;
  claim_events: ClaimEventsTable;
  claim_counters: ClaimCountersTable;
  settings: SettingsTable;
  oncall_members: OncallMembersTable;
  webhook_inbox: WebhookInboxTable;
  login_throttle: LoginThrottleTable;
  rate_limits: RateLimitsTable;
  retention_runs: RetentionRunsTable;
  rights_requests: RightsRequestsTable;
}

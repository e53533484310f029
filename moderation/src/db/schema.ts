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

export interface Database {
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
}

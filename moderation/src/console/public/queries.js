// @ts-check
/**
 * Every GraphQL operation the console sends, in one place. Each export is one operation: a
 * string, or — when the fields asked depend on the role — a function of one boolean giving the
 * string (an object of strings for `DECIDE_MUTATIONS`, one per decision). Field lists shared by
 * several operations are the constants below, not exported.
 *
 * `moderation/src/console/queries.test.ts` validates every export against the service's schema:
 * a field renamed or removed on the server fails there, not in a moderator's browser.
 */

/** The signed-in person, as `session.user` holds it. */
const USER_FIELDS = 'id email displayName role signature';
/**
 * An item as the list shows it and as every change on it returns it (detail.js, claim-action.js);
 * `allowedActions` / `acceptedActions` tell the detail panel which buttons to enable.
 */
const ITEM_SUMMARY_FIELDS =
  'id source authorName text createdAt state severity ruleIds personalData requestCategory negativeScore flags assignedTo { id displayName } allowedActions acceptedActions';
const CHARTER_FIELDS = 'version rules { id label severity action enabled kind params } history { version createdAt createdBy note }';
const CLAIM_FIELDS = 'reference category status emergency createdAt updatedAt crmReference push { state attempts lastError nextAttemptAt }';
const CRISIS_FIELDS = 'id kind scopeLabel state reasons paged level openedAt escalateAt acknowledgedAt acknowledgedBy closedAt closedBy itemCount';
const ESCALATION_FIELDS = 'negativeThreshold seriousRuleIds emergencyWords watchedAccounts spikeCount spikeWindowMinutes spikeNegativeScore ackMinutes maxAgeMinutes';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const CALENDAR_FIELDS = `hours { ${WEEKDAYS.map((day) => `${day} { start end }`).join(' ')} } region regionLabel closures { from to label } updatedAt updatedBy regions { code label }`;
/**
 * An on-call member; the full webhook address only for administrators (the server refuses it to others).
 * @param {boolean} withWebhookUrl
 */
const memberFields = (withWebhookUrl) => `id level name email webhookHost rotationOrder active${withWebhookUrl ? ' webhookUrl' : ''}`;

// Session (app.js)

/** Who is signed in (null without a session): at start and when the live feed is lost. */
export const ME_QUERY = `query Me { me { ${USER_FIELDS} } }`;
/** Signs in with e-mail and password; the server sets the session cookie. */
export const LOGIN_MUTATION = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${USER_FIELDS} } }`;
/** Signs out (the server clears the cookie). */
export const LOGOUT_MUTATION = 'mutation Logout { logout }';
/** The saved replies offered in the reply composer (moderators). */
export const SAVED_REPLIES_QUERY = 'query Replies { savedReplies { id title body } }';
/** Colleagues' names, to name actors in histories (administrators). */
export const USERS_QUERY = 'query Users { users { id displayName } }';

// Queue (queue.js, bulk.js)

/** A page of the queue, with the counts per state for the filters. */
export const QUEUE_QUERY = `query Queue($filter: QueueFilter, $first: Int, $after: String) {
  queue(filter: $filter, first: $first, after: $after) {
    items { ${ITEM_SUMMARY_FIELDS} }
    endCursor
    hasMore
    counts { state count }
  }
}`;
/** One decision on all the ticked items; says which were done and which failed, and why. */
export const BULK_DECIDE_MUTATION = `mutation Bulk($ids: [ID!]!, $action: DecisionAction!) {
  bulkDecide(ids: $ids, action: $action) { done { id state } failed { itemId message } }
}`;

// Detail panel (detail.js, claim-action.js)

/**
 * The item on display in full: history, thread, author history, claim; contact details with `withPrivate` (moderators).
 * @param {boolean} withPrivate
 */
export const itemQuery = (withPrivate) => `query Item($id: ID!) {
  item(id: $id) {
    ${ITEM_SUMMARY_FIELDS} accountId permalink charterVersion articleSlug worksiteSlug residence ${withPrivate ? 'privateDetails' : ''}
    matchedTerms { ruleId ruleLabel term written source }
    events { id kind actor fromState toState reason ruleIds charterVersion text at }
    claim { reference status statusLabel }
    thread { id authorName text createdAt state }
    authorHistory { id text createdAt state }
  }
}`;
/** One decision on the item on display, by action (approve … delete); answers its new summary. */
export const DECIDE_MUTATIONS = Object.fromEntries(
  ['approve', 'hold', 'hide', 'unhide', 'reject', 'delete'].map((action) => [
    action,
    `mutation Decide($id: ID!, $reason: String) { result: ${action}(id: $id, reason: $reason) { ${ITEM_SUMMARY_FIELDS} } }`,
  ]),
);
/** Takes the item (`userId`) or gives it up (`userId: null`). */
export const ASSIGN_MUTATION = `mutation Assign($id: ID!, $userId: ID) { result: assign(id: $id, userId: $userId) { ${ITEM_SUMMARY_FIELDS} } }`;
/** Publishes a reply under the item on its network or the site. */
export const REPLY_MUTATION = `mutation Reply($id: ID!, $text: String!) { result: reply(id: $id, text: $text) { ${ITEM_SUMMARY_FIELDS} } }`;
/** Adds an internal note to the item's history. */
export const NOTE_MUTATION = `mutation Note($id: ID!, $text: String!) { result: note(id: $id, text: $text) { ${ITEM_SUMMARY_FIELDS} } }`;
/** Makes a claim from a tenant's request (key c); answers the item's new summary. */
export const OPEN_CLAIM_MUTATION = `mutation OpenClaim($itemId: ID!, $category: ClaimCategory, $emergency: Boolean) {
        openClaim(itemId: $itemId, category: $category, emergency: $emergency) { reference item { ${ITEM_SUMMARY_FIELDS} } }
      }`;

// Claims (claims.js)

/** A page of claims for a status, with the counts per status and whether a CRM is configured. */
export const CLAIMS_QUERY = `query Claims($status: ClaimStatus, $first: Int, $after: String) {
  claims(status: $status, first: $first, after: $after) { claims { ${CLAIM_FIELDS} } endCursor hasMore crmConfigured counts { status count } }
}`;
/** One claim with its original item and history. */
export const CLAIM_QUERY = `query Claim($reference: String!) {
  claim(reference: $reference) {
    ${CLAIM_FIELDS} residence address description link authorHandle
    item { id source authorName text createdAt state }
    events { id kind actor fromStatus toStatus note at }
  }
  claims(first: 1) { crmConfigured }
}`;
/** Sends a claim to the CRM again. */
export const RETRY_CLAIM_PUSH_MUTATION = 'mutation Retry($reference: String!) { retryClaimPush(reference: $reference) { reference } }';
/** Changes a claim's status (only without a CRM), with an optional internal note. */
export const SET_CLAIM_STATUS_MUTATION =
  'mutation Status($reference: String!, $status: ClaimStatus!, $note: String) { setClaimStatus(reference: $reference, status: $status, note: $note) { reference } }';

// Charter (charter.js, watched-words.js)

/** The charter in force and its versions. */
export const CHARTER_QUERY = `query Charter { charter { ${CHARTER_FIELDS} } }`;
/** « Essayer la charte »: how the charter would judge a text. */
export const TRY_CHARTER_QUERY = `query Try($text: String!) {
  tryCharter(text: $text) { action ruleIds reasons requestCategory negativeScore personalData }
}`;
/** Saves the rules as a new charter version. */
export const SAVE_CHARTER_MUTATION = `mutation Save($rules: [CharterRuleInput!]!, $note: String) { saveCharter(rules: $rules, note: $note) { ${CHARTER_FIELDS} } }`;
/** « Mots surveillés »: what changed rules would decide on the newest items. */
export const PREVIEW_CHARTER_QUERY = `query Preview($rules: [CharterRuleInput!]!) {
  previewCharter(rules: $rules) {
    judged changed
    examples { itemId excerpt source author createdAt before { decision flagged } after { decision flagged } reason }
  }
}`;

// Audit log (audit.js)

/** A page of the audit log, newest first, before the cursor `before`. */
export const AUDIT_LOG_QUERY = `query Audit($first: Int, $before: Int) {
  auditLog(first: $first, before: $before) { entries { id at actor action targetType targetId before after } endCursor hasMore }
}`;

// Dashboard (dashboard.js)

/** The dashboard for a period of `days`, and the queue's totals. */
export const DASHBOARD_QUERY = `query Dashboard($days: Int!) {
  moderationStats { total byState { state count } bySource { source count } }
  dashboard(days: $days) {
    days
    today
    total
    perDayBySource { day counts { key count } }
    perDayByState { day counts { key count } }
    firstDecision { ...Times }
    firstReply { ...Times }
    rules { ruleId matched removedShare }
    busiestAccounts { key count }
    busiestWorksites { key count }
  }
}
fragment Times on ResponseTimes {
  officeHours { count medianMinutes p90Minutes }
  outsideHours { count medianMinutes p90Minutes }
}`;
/** The charter rules' names, to label the dashboard's per-rule chart. */
export const RULE_LABELS_QUERY = 'query RuleLabels { charter { rules { id label } } }';

// Social accounts (accounts.js)

/** How the reading of each Facebook Page and X account goes (view and broken-token banner). */
export const SOCIAL_ACCOUNTS_QUERY = `query SocialAccounts {
  socialAccounts { key network name lastPollAt lagSeconds itemsToday lastError tokenState rateLimitedUntil budgetLeft }
}`;

// Crises (crises.js, escalation-settings.js)

/** The crises, open ones only with `openOnly` (banner and list). */
export const CRISES_QUERY = `query Crises($openOnly: Boolean) { crises(openOnly: $openOnly) { ${CRISIS_FIELDS} } }`;
/** One crisis with its items and timeline, and the holding statements to publish. */
export const CRISIS_QUERY = `query Crisis($id: ID!) {
  crisis(id: $id) { ${CRISIS_FIELDS} items { id source state authorName text createdAt flags } timeline { kind label actor at } }
  holdingStatements { id title text }
}`;
/** « Je prends en charge ». */
export const ACKNOWLEDGE_CRISIS_MUTATION = 'mutation Ack($id: ID!) { acknowledgeCrisis(id: $id) { id } }';
/** Notes that a holding statement was published. */
export const RECORD_HOLDING_STATEMENT_MUTATION = 'mutation Statement($id: ID!, $s: ID!) { recordHoldingStatement(id: $id, statementId: $s) { id } }';
/** Closes a crisis with its report. */
export const CLOSE_CRISIS_MUTATION = 'mutation Close($id: ID!, $n: String!) { closeCrisis(id: $id, note: $n) { id } }';
/** Adds a note to a crisis's timeline. */
export const ADD_CRISIS_NOTE_MUTATION = 'mutation Note($id: ID!, $t: String!) { addCrisisNote(id: $id, text: $t) { id } }';
/** « Réglages de l'escalade »: what makes an item page the on-call people. */
export const ESCALATION_SETTINGS_QUERY = `query Settings { escalationSettings { ${ESCALATION_FIELDS} } }`;
/** Saves the escalation settings (administrators). */
export const SAVE_ESCALATION_SETTINGS_MUTATION = `mutation Save($input: EscalationSettingsInput!) { saveEscalationSettings(input: $input) { ${ESCALATION_FIELDS} } }`;

// On call (oncall.js, oncall-roster.js, office-calendar.js)

/**
 * The « Astreinte » view: office status, calendar, roster (webhook addresses with `withWebhookUrl`), the weeks to come.
 * @param {boolean} withWebhookUrl
 */
export const oncallViewQuery = (withWebhookUrl) => `query Astreinte($weeks: Int!) {
  officeStatus { open summary today }
  officeCalendar { ${CALENDAR_FIELDS} }
  oncallRoster { ${memberFields(withWebhookUrl)} }
  oncallRotation(weeks: $weeks) { weekStart weekEnd level1 { id name } level2 { id name } }
}`;
/** The office status and the weeks to come, after a change of roster or calendar. */
export const ONCALL_ROTATION_QUERY = `query Rotation($weeks: Int!) {
  officeStatus { open summary }
  oncallRotation(weeks: $weeks) { weekStart weekEnd level1 { id name } level2 { id name } }
}`;
/** The public holidays of a year for a region (national ones without). */
export const HOLIDAYS_QUERY = 'query Holidays($year: Int!, $region: String) { holidays(year: $year, region: $region) { date name } }';
/**
 * The roster (webhook addresses with `withWebhookUrl`).
 * @param {boolean} withWebhookUrl
 */
export const oncallRosterQuery = (withWebhookUrl) => `query Roster { oncallRoster { ${memberFields(withWebhookUrl)} } }`;
/**
 * Moves people of a level into a new rotation order; answers the level (webhook addresses with `withWebhookUrl`).
 * @param {boolean} withWebhookUrl
 */
export const reorderOncallMembersMutation = (withWebhookUrl) =>
  `mutation Reorder($level: Int!, $ids: [ID!]!) { reorderOncallMembers(level: $level, ids: $ids) { ${memberFields(withWebhookUrl)} } }`;
/** Changes an on-call member. */
export const UPDATE_ONCALL_MEMBER_MUTATION = `mutation Update($id: ID!, $input: OnCallMemberPatch!) { updateOncallMember(id: $id, input: $input) { id } }`;
/** Adds someone to the roster. */
export const ADD_ONCALL_MEMBER_MUTATION = `mutation Add($input: NewOnCallMember!) { addOncallMember(input: $input) { id } }`;
/** Removes someone from the roster. */
export const REMOVE_ONCALL_MEMBER_MUTATION = 'mutation Remove($id: ID!) { removeOncallMember(id: $id) { id } }';
/** Saves the office calendar as a whole (administrators). */
export const SAVE_OFFICE_CALENDAR_MUTATION = `mutation SaveCalendar($input: OfficeCalendarInput!) { saveOfficeCalendar(input: $input) { ${CALENDAR_FIELDS} } }`;
/** The register of processing, generated from the configuration (administrators and communication). */
export const PROCESSING_REGISTER_QUERY = `query ProcessingRegister { processingRegister { controller treatments { id name purpose legalBasis dataSubjects dataCategories recipients { name role host transfer } processors { name role host transfer } transfers retention { key label days period after } public } } }`;
const PERSONAL_DATA_GROUPS = 'packages { name label groups { kind label count records { id at title source event auditAction text actor claimStatus pushState state detail } } }';
/** Everything the hub stores about one person (administrators; audited without the identifier). */
export const PERSONAL_DATA_QUERY = `query PersonalData($kind: PersonIdentifierKind!, $value: String!) { personalData(kind: $kind, value: $value) { identifierKind total ${PERSONAL_DATA_GROUPS} } }`;
/** The person's data as JSON and a French summary (administrators). */
export const EXPORT_PERSONAL_DATA_MUTATION = `mutation ExportPersonalData($kind: PersonIdentifierKind!, $value: String!) { exportPersonalData(kind: $kind, value: $value) { fileName json summary } }`;
/** Erases or anonymises everything found about the person; answers the counts only (administrators). */
export const ERASE_PERSONAL_DATA_MUTATION = `mutation ErasePersonalData($kind: PersonIdentifierKind!, $value: String!) { erasePersonalData(kind: $kind, value: $value) { total packages { name label groups { kind label count } } } }`;
const RIGHTS_REQUEST_FIELDS = 'id email kind message createdAt confirmedAt handledAt handledBy';
/** Tenants' confirmed requests from the site (administrators). */
export const RIGHTS_REQUESTS_QUERY = `query RightsRequests { rightsRequests { ${RIGHTS_REQUEST_FIELDS} } }`;
/** Marks a request answered (administrators; audited). */
export const MARK_RIGHTS_REQUEST_HANDLED_MUTATION = `mutation MarkRightsRequestHandled($id: ID!) { markRightsRequestHandled(id: $id) { ${RIGHTS_REQUEST_FIELDS} } }`;

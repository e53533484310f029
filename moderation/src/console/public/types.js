// @ts-check
/**
 * The shapes of the GraphQL answers the views read, as JSDoc types for `// @ts-check` (see the
 * README, « Type-checking »). Nothing here runs: no module imports this file at run time, only
 * JSDoc `import('./types.js')` types. Each typedef holds the fields `queries.js` asks for; a field
 * only some operations ask for is optional (`?`).
 */

/** @typedef {'admin' | 'community_manager' | 'communication_readonly'} Role */

/**
 * The signed-in person (`USER_FIELDS`).
 * @typedef {object} ConsoleUser
 * @property {string} id
 * @property {string} email
 * @property {string} displayName
 * @property {Role} role
 * @property {string | null} signature
 */

/** @typedef {{ id: string, displayName: string }} UserRef */

/**
 * An item as the list shows it (`ITEM_SUMMARY_FIELDS`), with what `itemQuery` adds for the detail panel.
 * @typedef {object} Item
 * @property {string} id
 * @property {string} source
 * @property {string} authorName
 * @property {string} text
 * @property {string} createdAt
 * @property {string} state
 * @property {string | null} severity
 * @property {string[]} ruleIds
 * @property {string[]} personalData
 * @property {string | null} requestCategory
 * @property {number} negativeScore
 * @property {string[]} flags
 * @property {UserRef | null} assignedTo
 * @property {string[]} allowedActions
 * @property {string[]} acceptedActions
 * @property {string | null} [accountId]
 * @property {string | null} [permalink]
 * @property {number} [charterVersion]
 * @property {string | null} [articleSlug]
 * @property {string | null} [worksiteSlug]
 * @property {string | null} [residence]
 * @property {string | null} [privateDetails]
 * @property {MatchedTerm[]} [matchedTerms]
 * @property {ItemEvent[]} [events]
 * @property {{ reference: string, status: string, statusLabel: string } | null} [claim]
 * @property {ItemBrief[]} [thread]
 * @property {ItemBrief[]} [authorHistory]
 */

/**
 * The item on display in full (`itemQuery`): every optional field of `Item` is there (`privateDetails`
 * for moderators only, null otherwise).
 * @typedef {Item & Required<Pick<Item, 'permalink' | 'charterVersion' | 'matchedTerms' | 'events' | 'claim' | 'thread' | 'authorHistory'>>} FullItem
 */

/**
 * An item in a thread, an author's history, a claim or a crisis.
 * @typedef {object} ItemBrief
 * @property {string} id
 * @property {string} [source]
 * @property {string} [authorName]
 * @property {string} text
 * @property {string} createdAt
 * @property {string} state
 * @property {string[]} [flags]
 */

/**
 * @typedef {object} MatchedTerm
 * @property {string} ruleId
 * @property {string | null} ruleLabel
 * @property {string} term
 * @property {string} written
 * @property {string} source
 */

/**
 * @typedef {object} ItemEvent
 * @property {string} id
 * @property {string} kind
 * @property {string} actor
 * @property {string | null} fromState
 * @property {string | null} toState
 * @property {string | null} reason
 * @property {string[]} ruleIds
 * @property {number | null} charterVersion
 * @property {string | null} text
 * @property {string} at
 */

/**
 * A claim (`CLAIM_FIELDS`), with what `CLAIM_QUERY` adds.
 * @typedef {object} Claim
 * @property {string} reference
 * @property {string} category
 * @property {string} status
 * @property {boolean} emergency
 * @property {string} createdAt
 * @property {string} updatedAt
 * @property {string | null} crmReference
 * @property {{ state: string, attempts: number, lastError: string | null, nextAttemptAt: string | null } | null} push
 * @property {string | null} [residence]
 * @property {string | null} [address]
 * @property {string | null} [description]
 * @property {string | null} [link]
 * @property {string | null} [authorHandle]
 * @property {Required<Omit<ItemBrief, 'flags'>> | null} [item] the item the claim was made from
 * @property {ClaimEvent[]} [events]
 */

/**
 * @typedef {object} ClaimEvent
 * @property {string} id
 * @property {string} kind
 * @property {string} actor
 * @property {string | null} fromStatus
 * @property {string | null} toStatus
 * @property {string | null} note
 * @property {string} at
 */

/**
 * A charter rule (`CHARTER_FIELDS`); `params` is the rule kind's own settings, as JSON text.
 * @typedef {object} CharterRule
 * @property {string} id
 * @property {string} label
 * @property {string} severity
 * @property {string} action
 * @property {boolean} enabled
 * @property {string} kind
 * @property {string} params
 */

/**
 * A rule as `saveCharter` / `previewCharter` take it (`CharterRuleInput`): `params` is JSON text, with its `kind`.
 * @typedef {Omit<CharterRule, 'kind'>} CharterRuleInput
 */

/**
 * @typedef {object} Charter
 * @property {number} version
 * @property {CharterRule[]} rules
 * @property {{ version: number, createdAt: string, createdBy: string, note: string | null }[]} history
 */

/**
 * A crisis (`CRISIS_FIELDS`), with what `CRISIS_QUERY` adds.
 * @typedef {object} Crisis
 * @property {string} id
 * @property {string} kind
 * @property {string} scopeLabel
 * @property {string} state
 * @property {string[]} reasons
 * @property {boolean} paged
 * @property {number} level
 * @property {string} openedAt
 * @property {string | null} escalateAt
 * @property {string | null} acknowledgedAt
 * @property {string | null} acknowledgedBy
 * @property {string | null} closedAt
 * @property {string | null} closedBy
 * @property {number} itemCount
 * @property {Required<ItemBrief>[]} [items]
 * @property {{ kind: string, label: string, actor: string | null, at: string }[]} [timeline]
 */

/**
 * An on-call member (`memberFields`); `webhookUrl` for administrators only.
 * @typedef {object} OnCallMember
 * @property {string} id
 * @property {number} level
 * @property {string} name
 * @property {string} email
 * @property {string | null} webhookHost
 * @property {number} rotationOrder
 * @property {boolean} active
 * @property {string | null} [webhookUrl]
 */

/**
 * How the reading of a Facebook Page or an X account goes (`SOCIAL_ACCOUNTS_QUERY`).
 * @typedef {object} SocialAccount
 * @property {string} key
 * @property {string} network
 * @property {string} name
 * @property {string | null} lastPollAt
 * @property {number | null} lagSeconds
 * @property {number} itemsToday
 * @property {string | null} lastError
 * @property {string} tokenState
 * @property {string | null} rateLimitedUntil
 * @property {number | null} budgetLeft
 */

/**
 * A line of the audit log (`AUDIT_LOG_QUERY`); `before` / `after` are JSON text.
 * @typedef {object} AuditEntry
 * @property {number} id
 * @property {string} at
 * @property {string} actor
 * @property {string} action
 * @property {string} targetType
 * @property {string | null} targetId
 * @property {string | null} before
 * @property {string | null} after
 */

/**
 * A tenant's request from the site (`RIGHTS_REQUESTS_QUERY`).
 * @typedef {object} RightsRequest
 * @property {string} id
 * @property {string} email
 * @property {'access' | 'erasure'} kind
 * @property {string | null} message
 * @property {string} createdAt
 * @property {string} confirmedAt
 * @property {string | null} handledAt
 * @property {string | null} handledBy
 */

/**
 * One record found about a person (`PERSONAL_DATA_QUERY`).
 * @typedef {object} PersonalDataRecord
 * @property {string} id
 * @property {string | null} at
 * @property {string} title
 * @property {string | null} [source]
 * @property {string | null} [event]
 * @property {string | null} [auditAction]
 * @property {string | null} [text]
 * @property {string | null} [actor]
 * @property {string | null} [claimStatus]
 * @property {string | null} [pushState]
 * @property {string | null} [state]
 * @property {string | null} detail
 */

/**
 * The records of one kind in one package; `records` is absent in an erasure's answer.
 * @typedef {object} PersonalDataGroup
 * @property {string} kind
 * @property {string} label
 * @property {number} count
 * @property {PersonalDataRecord[]} [records]
 */

/**
 * What one package of the hub stores about the person.
 * @typedef {object} PersonalDataPackage
 * @property {string} name
 * @property {string} label
 * @property {PersonalDataGroup[]} groups
 */

export {};

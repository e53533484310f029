import { REASON_LABELS, type EscalationReason } from '../../escalation/triggers.ts';
import type { MatchedTerm } from '../../queue/judging.ts';
import type { ItemRow } from '../../queue/store.ts';
import type { GraphQLContext } from '../context.ts';
import { acceptedActions, allowedActions } from './item-actions.ts';

const parseList = (json: string) => JSON.parse(json) as string[];

/** How a stored item reads in GraphQL; nested lists are fetched on demand. */
export const Item = {
  accountId: (row: ItemRow) => row.account_id,
  externalId: (row: ItemRow) => row.external_id,
  authorName: (row: ItemRow) => row.author_name,
  authorExternalId: (row: ItemRow) => row.author_external_id,
  createdAt: (row: ItemRow) => row.created_at,
  ingestedAt: (row: ItemRow) => row.ingested_at,
  ruleIds: (row: ItemRow) => parseList(row.rule_ids),
  matchedTerms: (row: ItemRow) => (row.matched_terms ? (JSON.parse(row.matched_terms) as MatchedTerm[]) : []),
  charterVersion: (row: ItemRow) => row.charter_version,
  personalData: (row: ItemRow) => parseList(row.personal_data),
  requestCategory: (row: ItemRow) => row.request_category,
  negativeScore: (row: ItemRow) => row.negative_score,
  flags: (row: ItemRow) => (row.flag ? (JSON.parse(row.flag) as EscalationReason[]).map((r) => REASON_LABELS[r]) : []),
  articleSlug: (row: ItemRow) => row.article_slug,
  worksiteSlug: (row: ItemRow) => row.worksite_slug,
  parentId: (row: ItemRow) => row.parent_id,
  privateDetails: (row: ItemRow) => row.private_details,
  allowedActions: (row: ItemRow) => allowedActions(row.state),
  acceptedActions: (row: ItemRow) => acceptedActions(row.state),
  assignedTo: (row: ItemRow, _: unknown, { services }: GraphQLContext) => (row.assigned_to ? services.accounts.byId(row.assigned_to) : null),
  events: (row: ItemRow, _: unknown, { services }: GraphQLContext) => services.itemEvents(row.id),
  thread: (row: ItemRow, _: unknown, { services }: GraphQLContext) => services.items.thread(row.thread_id),
  authorHistory: (row: ItemRow, _: unknown, { services }: GraphQLContext) => services.items.authorHistory(row.source, row.author_external_id),
};

interface EventRow {
  id: number;
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

export const ItemEvent = {
  fromState: (row: EventRow) => row.from_state,
  toState: (row: EventRow) => row.to_state,
  ruleIds: (row: EventRow) => parseList(row.rule_ids),
  charterVersion: (row: EventRow) => row.charter_version,
  text: (row: EventRow) => (row.payload ? ((JSON.parse(row.payload) as { text?: string }).text ?? null) : null),
  at: (row: EventRow) => row.created_at,
};

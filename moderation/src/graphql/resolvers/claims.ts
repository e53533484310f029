import { CATEGORY_LABELS } from '../../charter/lexicon.ts';
import type { RequestCategory } from '../../charter/types.ts';
import type { ClaimStatus } from '../../claims/statuses.ts';
import type { Claim as ClaimModel, ClaimEventRow } from '../../claims/store.ts';
import type { OutboxTable } from '../../db/schema.ts';
import type { ItemRow } from '../../queue/store.ts';
import type { GraphQLContext } from '../context.ts';

const actor = (ctx: GraphQLContext) => `user:${ctx.user!.id}`;

export const claimsQuery = {
  async claims(_: unknown, args: { status?: ClaimStatus | null; first: number; after?: string | null }, { services }: GraphQLContext) {
    const [page, counts] = await Promise.all([services.claims.list({ status: args.status, after: args.after, limit: args.first }), services.claims.counts()]);
    return { ...page, counts, crmConfigured: services.claims.crmConfigured };
  },
  claim: (_: unknown, args: { reference: string }, { services }: GraphQLContext) => services.claims.byReference(args.reference),
};

export const claimsMutation = {
  openClaim: (_: unknown, args: { itemId: string; category?: RequestCategory | null; emergency?: boolean }, ctx: GraphQLContext) =>
    ctx.services.claims.openFromItem(args.itemId, { actor: actor(ctx), category: args.category ?? undefined, emergency: args.emergency ?? false }),
  setClaimStatus: (_: unknown, args: { reference: string; status: ClaimStatus; note?: string | null }, ctx: GraphQLContext) =>
    ctx.services.claims.setStatus(args.reference, args.status, { actor: actor(ctx), note: args.note }),
  retryClaimPush: (_: unknown, args: { reference: string }, ctx: GraphQLContext) => ctx.services.claims.retryPush(args.reference, actor(ctx)),
};

/** How a claim reads in GraphQL; its history, item and delivery are fetched on demand. */
export const Claim = {
  categoryLabel: (claim: ClaimModel) => CATEGORY_LABELS[claim.category as RequestCategory] ?? claim.category,
  item: (claim: ClaimModel, _: unknown, { services }: GraphQLContext) => services.item(claim.itemId),
  events: (claim: ClaimModel, _: unknown, { services }: GraphQLContext) => services.claims.events(claim.id),
  push: (claim: ClaimModel, _: unknown, { services }: GraphQLContext) => services.claims.push(claim.id),
};

export const ClaimEvent = {
  fromStatus: (row: ClaimEventRow) => row.from_status,
  toStatus: (row: ClaimEventRow) => row.to_status,
  at: (row: ClaimEventRow) => row.created_at,
};

export const ClaimPush = {
  lastError: (row: OutboxTable) => row.last_error,
  nextAttemptAt: (row: OutboxTable) => (row.state === 'pending' ? row.next_attempt_at : null),
  updatedAt: (row: OutboxTable) => row.updated_at,
};

/** The claim of a queue item. */
export const itemClaim = {
  claim: async (row: ItemRow, _: unknown, { services }: GraphQLContext) => (await services.claims.forItems([row.id])).get(row.id) ?? null,
};

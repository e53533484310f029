import { parisDay } from '@hub/integrations/paris-time';
import type { RightsRequestsTable } from '../../db/schema.ts';
import { presentFound } from '../../rights/present.ts';
import type { GraphQLContext } from '../context.ts';

type Args = { kind: string; value: string };

const request = (row: RightsRequestsTable) => ({
  id: row.id,
  email: row.email,
  kind: row.kind,
  message: row.message,
  createdAt: row.created_at,
  confirmedAt: row.confirmed_at,
  handledAt: row.handled_at,
  handledBy: row.handled_by,
});
const actor = (ctx: GraphQLContext) => `user:${ctx.user!.id}`;

export const rightsQuery = {
  personalData: async (_: unknown, args: Args, ctx: GraphQLContext) => presentFound(await ctx.services.rights.search(args, actor(ctx))),
  rightsRequests: async (_: unknown, _args: unknown, ctx: GraphQLContext) => (await ctx.services.rightsRequests.list()).map(request),
};

export const rightsMutation = {
  async exportPersonalData(_: unknown, args: Args, ctx: GraphQLContext) {
    const { json, summary } = await ctx.services.rights.export(args, { actor: actor(ctx) });
    return { fileName: `donnees-personnelles-${parisDay(ctx.services.clock())}.json`, json, summary };
  },
  markRightsRequestHandled: async (_: unknown, args: { id: string }, ctx: GraphQLContext) => request(await ctx.services.rightsRequests.markHandled(args.id, actor(ctx))),
  async erasePersonalData(_: unknown, args: Args, ctx: GraphQLContext) {
    const { found } = await ctx.services.rights.erase(args, { actor: actor(ctx) });
    const { total, packages } = presentFound(found);
    // Counts only: the answer to an erasure does not show again what was erased.
    return { total, packages: packages.map((p) => ({ ...p, groups: p.groups.map((g) => ({ ...g, records: [] })) })) };
  },
};

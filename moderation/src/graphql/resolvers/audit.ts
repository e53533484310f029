import type { GraphQLContext } from '../context.ts';

export const auditQuery = {
  async auditLog(_: unknown, args: { first: number; before?: number }, { services }: GraphQLContext) {
    const page = await services.auditLog(Math.min(Math.max(args.first, 1), 200), args.before);
    return {
      entries: page.rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, targetType: r.target_type, targetId: r.target_id, before: r.before, after: r.after })),
      endCursor: page.rows.at(-1)?.id ?? null,
      hasMore: page.hasMore,
    };
  },
};

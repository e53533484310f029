import type { ModerationAction } from '../../queue/states.ts';
import type { QueueFilter } from '../../queue/store.ts';
import { encodeCursor } from '../../queue/store.ts';
import type { GraphQLContext } from '../context.ts';

type Decision = Exclude<ModerationAction, 'reply'>;
const actor = (ctx: GraphQLContext) => ctx.user!;
const decide = (action: Decision) => (_: unknown, args: { id: string; reason?: string }, ctx: GraphQLContext) =>
  ctx.services.queue.decide(actor(ctx), args.id, action, args.reason);

export const queueQuery = {
  async queue(_: unknown, args: { filter?: QueueFilter; first: number; after?: string }, { services }: GraphQLContext) {
    const filter = args.filter ?? {};
    const limit = Math.min(Math.max(args.first, 1), 100);
    const [page, counts] = await Promise.all([services.items.page(filter, limit, args.after), services.items.countsByState(filter)]);
    const last = page.rows.at(-1);
    return { items: page.rows, endCursor: last ? encodeCursor(last) : null, hasMore: page.hasMore, counts };
  },
  item: (_: unknown, args: { id: string }, { services }: GraphQLContext) => services.item(args.id),
  async moderationStats(_: unknown, __: unknown, { services }: GraphQLContext) {
    const [total, byState, bySource] = await Promise.all([services.items.total(), services.items.countsByState({}), services.items.countsBySource()]);
    return { total, byState, bySource };
  },
};

export const queueMutation = {
  approve: decide('approve'),
  hold: decide('hold'),
  hide: decide('hide'),
  unhide: decide('unhide'),
  reject: decide('reject'),
  delete: decide('delete'),
  reply: (_: unknown, args: { id: string; text: string }, ctx: GraphQLContext) => ctx.services.queue.reply(actor(ctx), args.id, args.text),
  assign: (_: unknown, args: { id: string; userId?: string | null }, ctx: GraphQLContext) => ctx.services.queue.assign(actor(ctx), args.id, args.userId ?? null),
  note: (_: unknown, args: { id: string; text: string }, ctx: GraphQLContext) => ctx.services.queue.note(actor(ctx), args.id, args.text),
  bulkDecide: (_: unknown, args: { ids: string[]; action: Decision; reason?: string }, ctx: GraphQLContext) =>
    ctx.services.queue.bulkDecide(actor(ctx), args.ids, args.action, args.reason),
};

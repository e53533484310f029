import type { Role } from '../../access/roles.ts';
import type { GraphQLContext } from '../context.ts';

const SESSION_COOKIE = 'hub_session';

function cookie(ctx: GraphQLContext, value: string, maxAgeSeconds: number) {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
  if (ctx.secureCookies) parts.push('Secure');
  ctx.setCookies.push(parts.join('; '));
}

export const accessQuery = {
  me: (_: unknown, __: unknown, ctx: GraphQLContext) => ctx.user,
  users: (_: unknown, __: unknown, ctx: GraphQLContext) => ctx.services.accounts.list(),
  savedReplies: (_: unknown, __: unknown, ctx: GraphQLContext) => ctx.services.savedReplies(),
};

export const accessMutation = {
  async login(_: unknown, args: { email: string; password: string }, ctx: GraphQLContext) {
    const { user, token, expiresAt } = await ctx.services.accounts.login(args.email, args.password);
    // A new sign-in on this browser replaces the session it held: the old token stops working.
    if (ctx.sessionToken) await ctx.services.accounts.logout(ctx.sessionToken);
    cookie(ctx, token, Math.floor((expiresAt.getTime() - ctx.services.clock().getTime()) / 1000));
    return user;
  },
  async logout(_: unknown, __: unknown, ctx: GraphQLContext) {
    await ctx.services.accounts.logout(ctx.sessionToken);
    cookie(ctx, '', 0);
    return true;
  },
  createUser: (_: unknown, args: { input: { email: string; displayName: string; role: Role; password: string; signature?: string } }, ctx: GraphQLContext) =>
    ctx.services.accounts.create(`user:${ctx.user!.id}`, args.input),
};

export { SESSION_COOKIE };

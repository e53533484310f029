import type { GraphQLContext } from '../context.ts';

export const dashboardQuery = {
  async dashboard(_: unknown, args: { days: number }, { services }: GraphQLContext) {
    const days = Math.min(Math.max(Math.round(args.days), 1), 365);
    return { days, ...(await services.dashboard(days)) };
  },
};

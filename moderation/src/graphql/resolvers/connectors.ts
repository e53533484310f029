import type { GraphQLContext } from '../context.ts';

export const connectorsQuery = {
  socialAccounts(_: unknown, _args: unknown, { services }: GraphQLContext) {
    return services.socialAccounts();
  },
};

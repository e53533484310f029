import type { GraphQLContext } from '../context.ts';

export const registerQuery = {
  processingRegister(_: unknown, _args: unknown, { services }: GraphQLContext) {
    return services.register();
  },
};

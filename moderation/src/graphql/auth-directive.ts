import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { hasRole, type Role } from '../access/roles.ts';
import { HubError } from '../errors.ts';
import type { GraphQLContext } from './context.ts';

/**
 * Applies @auth and @public: a root field without @public needs a session; `roles` narrows it.
 * Nested fields are checked only when they carry @auth.
 */
export function applyAuth(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, _name, typeName) => {
      const isRoot = typeName === 'Query' || typeName === 'Mutation';
      const isPublic = getDirective(schema, field, 'public')?.[0];
      const auth = getDirective(schema, field, 'auth')?.[0] as { roles?: Role[] } | undefined;
      if (isPublic || (!isRoot && !auth)) return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve(source, args, context: GraphQLContext, info) {
          if (!context.user) throw new HubError('UNAUTHENTICATED');
          if (auth?.roles && !hasRole(context.user.role, auth.roles)) throw new HubError('FORBIDDEN');
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

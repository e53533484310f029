/** `GET /2/users/me`, `/2/users/:id`, `/2/users/by/username/:username`. */
import { notFound } from '../errors.ts';
import { checkParams, list, renderUser, USER_EXPANSIONS, USER_FIELDS } from '../render.ts';
import type { XAnswer, XCall } from './context.ts';

export function getMe({ me, query }: XCall): XAnswer {
  checkParams(query, ['user.fields', 'expansions', 'tweet.fields']);
  return { status: 200, body: { data: renderUser(me, list(query, 'user.fields', USER_FIELDS)) } };
}

/** By id or by username; an unknown user is `{ errors: [Not Found Error] }` with 200, as X answers. */
export function getUser({ store, path, query }: XCall): XAnswer {
  checkParams(query, ['user.fields', 'expansions', 'tweet.fields']);
  const user = path.id ? store.users.get(path.id) : store.userByName(path.username!);
  if (!user) {
    const [parameter, value] = path.id ? ['id', path.id] : ['username', path.username!];
    return { status: 200, body: { errors: [notFound('user', parameter, value)] } };
  }
  list(query, 'expansions', USER_EXPANSIONS);
  return { status: 200, body: { data: renderUser(user, list(query, 'user.fields', USER_FIELDS)) } };
}

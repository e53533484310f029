/** `GET /2/users/:id/mentions`: the mentions timeline, newest first. */
import { notFound } from '../errors.ts';
import { checkParams, FIELD_PARAMS } from '../render.ts';
import { timeline } from '../timeline.ts';
import type { XAnswer, XCall } from './context.ts';

export function getMentions({ store, path, query }: XCall): XAnswer {
  checkParams(query, ['since_id', 'until_id', 'max_results', 'pagination_token', 'start_time', 'end_time', ...FIELD_PARAMS]);
  const user = store.users.get(path.id!);
  if (!user) return { status: 200, body: { errors: [notFound('user', 'id', path.id!)] } };
  const candidates = store.live().filter((t) => store.mentions(user, t));
  return { status: 200, body: timeline(store, candidates, query, { tokenParam: 'pagination_token', min: 5, max: 100 }) };
}

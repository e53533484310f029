import { z } from 'zod';
import { config } from '../config.ts';
import { toStrapiQuery, type QueryValue } from './query.ts';
import { pagination } from './types.ts';

/** The CMS could not be reached or answered with an error: the page cannot be built now. */
export class CmsUnavailableError extends Error {
  override name = 'CmsUnavailableError';
}

/** The CMS answered with something the site does not understand (a changed content model). */
export class CmsContentError extends Error {
  override name = 'CmsContentError';
}

async function request(path: string, query: Record<string, QueryValue>): Promise<unknown> {
  const url = `${config.CMS_URL}/api/${path}?${toStrapiQuery(query)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: config.CMS_API_TOKEN ? { authorization: `Bearer ${config.CMS_API_TOKEN}` } : {},
      signal: AbortSignal.timeout(config.CMS_TIMEOUT_MS),
    });
  } catch (error) {
    throw new CmsUnavailableError(`CMS injoignable (${path}) : ${(error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CmsUnavailableError(`CMS : HTTP ${response.status} sur ${path}`);
  }
  return response.json();
}

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const where = result.error.issues.slice(0, 3).map((i) => i.path.join('.')).join(', ');
    throw new CmsContentError(`Réponse inattendue du CMS pour ${path} : ${where}`);
  }
  return result.data;
}

/** A page of a collection, with Strapi's pagination meta. */
export async function findMany<T>(path: string, item: z.ZodType<T>, query: Record<string, QueryValue>) {
  const body = await request(path, query);
  return parse(z.object({ data: z.array(item), meta: z.object({ pagination: pagination }) }), body, path);
}

/** The first document matching the query, or null. */
export async function findFirst<T>(path: string, item: z.ZodType<T>, query: Record<string, QueryValue>): Promise<T | null> {
  const { data } = await findMany(path, item, { ...query, pagination: { page: 1, pageSize: 1 } });
  return data[0] ?? null;
}

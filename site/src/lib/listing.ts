import type { Pagination } from '../cms/types.ts';
import { requestedPage } from './pagination.ts';

/**
 * Loads page `?page=` of a paginated list; null when that page cannot exist (not a number, or
 * past the last page), so the route answers 404 instead of an empty list.
 */
export async function loadListingPage<T>(url: URL, load: (page: number) => Promise<{ data: T[]; meta: { pagination: Pagination } }>) {
  const page = requestedPage(url);
  if (!page) return null;
  const result = await load(page);
  if (page > 1 && page > result.meta.pagination.pageCount) return null;
  return { items: result.data, pagination: result.meta.pagination };
}

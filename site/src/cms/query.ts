/**
 * Serialises a Strapi REST query (filters, populate, sort, pagination) into the bracket
 * notation Strapi reads: `{ filters: { slug: { $eq: 'a' } } }` → `filters[slug][$eq]=a`.
 */
export type QueryValue = string | number | boolean | QueryValue[] | { [key: string]: QueryValue };

function flatten(prefix: string, value: QueryValue, out: [string, string][]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(`${prefix}[${index}]`, item, out));
  } else if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(prefix ? `${prefix}[${key}]` : key, child, out);
  } else {
    out.push([prefix, String(value)]);
  }
}

export function toStrapiQuery(query: Record<string, QueryValue>): string {
  const pairs: [string, string][] = [];
  flatten('', query, pairs);
  return pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/%24/g, '$')}=${encodeURIComponent(v)}`).join('&');
}

/**
 * Rendered pages kept in memory, so a tenant's visit does not reach the CMS. The whole cache is
 * dropped when the CMS says content changed: a page lists articles, worksites and tags at once,
 * and knowing exactly which pages one change touches is not worth a stale page.
 */
export interface CachedPage {
  status: number;
  headers: [string, string][];
  /** On an ArrayBuffer (not a shared one): what a Web `Response` accepts as its body. */
  body: Uint8Array<ArrayBuffer>;
}

/** Least-recently-used entries are dropped once the bodies exceed the byte budget. */
export class ByteBudgetCache<T extends { body: Uint8Array } = CachedPage> {
  private readonly pages = new Map<string, T>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): T | undefined {
    const page = this.pages.get(key);
    if (page) {
      // Map keeps insertion order: re-inserting marks the page as recently used.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: T): void {
    if (page.body.byteLength > this.maxBytes) return;
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += page.body.byteLength;
    for (const [oldest] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  clear(): void {
    this.pages.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.pages.size;
  }

  delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.bytes -= page.body.byteLength;
    this.pages.delete(key);
  }
}

/**
 * The query parameters the cached pages read, each with the values that give a distinct page.
 * Any other parameter (e.g. `?utm_source=…`, `?x=1`) changes nothing on a page: it is left out of
 * the cache key, and out of the canonical address (so it neither creates an entry nor evicts one).
 */
const CACHED_PARAMS: Record<string, RegExp> = {
  page: /^[1-9]\d{0,5}$/,
  commentaire: /^(publie|merci|prive)$/,
};
/** Parameters of pages that are never kept: free text (a search) or personal (signed links, a claim). */
const UNCACHED_PARAMS = new Set(['q', 'reference', 'jeton', 'etat', 'retour']);

/** The parameters the site reads, sorted; the others are dropped. */
export function knownParams(url: URL): [string, string][] {
  return [...url.searchParams.entries()]
    .filter(([name]) => name in CACHED_PARAMS || UNCACHED_PARAMS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The address a page is known by: its path and the parameters it reads (for `<link rel="canonical">`). */
export function canonicalPath(url: URL): string {
  const query = new URLSearchParams(knownParams(url)).toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/**
 * One cache entry per path and known query, whatever the order of the parameters; null when the
 * page must not be kept or served from the cache (a search, a personal link, a value no link
 * of the site gives, a parameter given twice).
 */
export function cacheKey(url: URL): string | null {
  const params = knownParams(url);
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (UNCACHED_PARAMS.has(name) || seen.has(name) || !CACHED_PARAMS[name]!.test(value)) return null;
    seen.add(name);
  }
  const query = new URLSearchParams(params).toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

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

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.bytes -= page.body.byteLength;
    this.pages.delete(key);
  }
}

/** One cache entry per path and query, whatever the order of the query's parameters. */
export function cacheKey(url: URL): string {
  const params = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(params).toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

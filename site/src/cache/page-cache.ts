/**
 * Rendered pages kept in memory, so a tenant's visit does not reach the CMS. The whole cache is
 * dropped when the CMS says content changed: a page lists articles, worksites and tags at once,
 * and knowing exactly which pages one change touches is not worth a stale page.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface CachedPage {
  status: number;
  headers: [string, string][];
  /** On an ArrayBuffer (not a shared one): what a Web `Response` accepts as its body. */
  body: Uint8Array<ArrayBuffer>;
  /** The same body compressed once, when it is kept (site/server.ts serves the one the browser takes). */
  br?: Uint8Array;
  gzip?: Uint8Array;
  /** A strong validator of the body (the encoding is added per answer). */
  etag?: string;
}

/** A rendered page as it is kept: compressed once with brotli and gzip, its validator computed. */
export function keptPage(status: number, headers: [string, string][], body: Uint8Array<ArrayBuffer>): CachedPage {
  return {
    status,
    headers,
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
    gzip: gzipSync(body, { level: 9 }),
    etag: createHash('sha256').update(body).digest('base64url').slice(0, 27),
  };
}

/**
 * Paths whose answers are never kept: the CMS's signal and the image proxy (own cache), and the
 * pages with signed links or personal data (subscriptions, /mes-donnees).
 */
export const isUncachedPath = (path: string) => path.startsWith('/api/') || path.startsWith('/uploads/') || isPrivatePath(path);

/** Subscription pages and a tenant's request for their data: signed links and personal data. */
export const isPrivatePath = (path: string) => ['/abonnements', '/mes-donnees'].some((root) => path === root || path.startsWith(`${root}/`));

/** The bytes a kept entry holds: its body and its compressed copies. */
const sizeOf = (page: { body: Uint8Array; br?: Uint8Array; gzip?: Uint8Array }) => page.body.byteLength + (page.br?.byteLength ?? 0) + (page.gzip?.byteLength ?? 0);

/** Least-recently-used entries are dropped once the bodies exceed the byte budget. */
export class ByteBudgetCache<T extends { body: Uint8Array } = CachedPage> {
  private readonly pages = new Map<string, T>();
  private bytes = 0;
  private readonly maxBytes: number;

  // No parameter property: site/server.ts loads this file with Node's type stripping, which has none.
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

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
    if (sizeOf(page) > this.maxBytes) return;
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += sizeOf(page);
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
    this.bytes -= sizeOf(page);
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

import { config } from '../config.ts';
import { ByteBudgetCache, type CachedPage } from './page-cache.ts';

/** The process's rendered pages (several site instances each keep their own). */
export const pageCache = new ByteBudgetCache<CachedPage>(config.PAGE_CACHE_MB * 1024 * 1024);

/**
 * Media bytes proxied from the CMS. Uploaded files never change under the same name (Strapi
 * adds a hash to each), so they are not dropped when content changes.
 */
export const imageCache = new ByteBudgetCache<{ type: string; body: Uint8Array<ArrayBuffer> }>(config.PAGE_CACHE_MB * 1024 * 1024);

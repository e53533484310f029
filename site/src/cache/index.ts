import { config } from '../config.ts';
import type { KeptMedia } from '../lib/uploads.ts';
import { ByteBudgetCache, type CachedPage } from './page-cache.ts';

// One cache per process, shared by Astro's bundle (which renders and keeps the pages) and
// site/server.ts (which serves them before Astro): each loads its own copy of this module.
const KEY = Symbol.for('hub.page-cache');
const holder = globalThis as { [KEY]?: ByteBudgetCache<CachedPage> };

/** The process's rendered pages (several site instances each keep their own). */
export const pageCache = (holder[KEY] ??= new ByteBudgetCache<CachedPage>(config.PAGE_CACHE_MB * 1024 * 1024));

/**
 * Media bytes proxied from the CMS. Uploaded files never change under the same name (Strapi
 * adds a hash to each), so they are not dropped when content changes; but a file deleted in the
 * CMS must stop being served, so each is checked with the CMS again after a while (lib/uploads.ts).
 */
export const imageCache = new ByteBudgetCache<KeptMedia>(config.PAGE_CACHE_MB * 1024 * 1024);

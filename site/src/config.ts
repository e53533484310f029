import { parseTrustedProxies } from '@hub/integrations/trusted-proxies';
import { z } from 'zod';

/**
 * The site's settings, read once from the environment at start (not at build time).
 * Sensitive: CMS_API_TOKEN, HUB_REVALIDATE_SECRET, MODERATION_SITE_TOKEN, HUB_SUBSCRIPTIONS_TOKEN. Nothing else in src/ reads process.env.
 * HUB_REVALIDATE_SECRET only checks the cache notices; the site never holds CMS_PUBLISH_SECRET (CMS → moderation).
 */
const schema = z.object({
  CMS_URL: z.string().url().default('http://127.0.0.1:1337'),
  CMS_API_TOKEN: z.string().default(''),
  HUB_REVALIDATE_SECRET: z.string().default(''),
  PUBLIC_SITE_URL: z.string().url().default('http://localhost:4321'),
  SITE_NAME: z.string().default('Habitat Val de Loire'),
  /** The moderation service, which receives comments and contact messages. */
  MODERATION_URL: z.string().url().default('http://127.0.0.1:4000'),
  /** Authenticates the site's calls to the moderation service (sensitive). */
  MODERATION_SITE_TOKEN: z.string().default(''),
  /** Authenticates the site's calls to the CMS's subscription routes, /api/hub/subscriptions/* (sensitive). */
  HUB_SUBSCRIPTIONS_TOKEN: z.string().default(''),
  /** How long to wait for the CMS before showing the « indisponible » page. */
  CMS_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /**
   * The reverse proxies in front of the site: comma-separated addresses or CIDR ranges (default
   * none). Only a call from one of them has its `X-Forwarded-For` read, so that behind a proxy
   * each visitor has its own form limits and none can pose as another.
   */
  SITE_TRUSTED_PROXIES: z.string().default('').refine((value) => parseTrustedProxies(value) !== null, 'adresses IP ou plages CIDR séparées par des virgules'),
  /** Bearer token that opens `/metrics` to callers outside loopback and private addresses (sensitive; empty: those only). */
  METRICS_TOKEN: z.string().default(''),
  /** Upper bound of the rendered-page cache, in megabytes. */
  PAGE_CACHE_MB: z.coerce.number().positive().default(64),
});

export type SiteConfig = z.infer<typeof schema>;

function read(): SiteConfig {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')} (${i.message})`).join(', ');
    throw new Error(`Configuration du site invalide : ${fields}`);
  }
  return { ...parsed.data, PUBLIC_SITE_URL: parsed.data.PUBLIC_SITE_URL.replace(/\/$/, '') };
}

export const config: SiteConfig = read();

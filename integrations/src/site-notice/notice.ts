import { postSigned, type SiteNotice } from '../contracts/index.ts';

export interface SiteNotifier {
  notify(change: SiteNotice): Promise<boolean>;
}

/**
 * SITE_REVALIDATE_URL: one site instance's `/api/revalidate`, or several separated by commas
 * (docs/decisions/0005-cache-de-plusieurs-sites.md); null when one is not an http(s) URL.
 */
export function parseSiteUrls(value: string): string[] | null {
  const urls = value.split(',').map((u) => u.trim()).filter(Boolean);
  return urls.every((u) => /^https?:\/\/[^\s/]+/.test(u) && URL.canParse(u)) ? urls : null;
}

/**
 * Tells every instance of the public site to drop its cached pages, in parallel, each in a notice
 * signed as every notice of the hub (../contracts, whose site-notice.ts is the notice's schema)
 * and refused after 5 minutes. Retried briefly: an instance that stays down starts with an empty
 * cache anyway. Answers whether every instance got it.
 */
export function createSiteNotifier(urls: string, secret: string, options: { clock: () => Date; log?: (message: string) => void }): SiteNotifier {
  const { clock, log = () => {} } = options;
  const targets = parseSiteUrls(urls) ?? [];
  return {
    async notify(change) {
      if (!targets.length || !secret) return false;
      const results = await Promise.all(targets.map((url) => postSigned(url, change, { secret, clock, attempts: 3, timeoutMs: 3000 })));
      results.forEach((result, i) => result.delivered || log(`site notice not delivered to ${targets[i]}: ${JSON.stringify(change)} (${result.detail})`));
      return results.every((r) => r.delivered);
    },
  };
}

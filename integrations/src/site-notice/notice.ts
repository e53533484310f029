import { postSigned, type SiteNotice } from '../contracts/index.ts';

export interface SiteNotifier {
  notify(change: SiteNotice): Promise<boolean>;
}

/**
 * Tells the public site to drop its cached pages, in a notice signed as every notice of the hub
 * (../contracts, whose site-notice.ts is the notice's schema) and refused after 5 minutes. Retried briefly: a site that stays down starts with
 * an empty cache anyway.
 */
export function createSiteNotifier(url: string, secret: string, options: { clock: () => Date; log?: (message: string) => void }): SiteNotifier {
  const { clock, log = () => {} } = options;
  return {
    async notify(change) {
      if (!url || !secret) return false;
      const result = await postSigned(url, change, { secret, clock, attempts: 3, timeoutMs: 3000 });
      if (!result.delivered) log(`site notice not delivered: ${JSON.stringify(change)}`);
      return result.delivered;
    },
  };
}

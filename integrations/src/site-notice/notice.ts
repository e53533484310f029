import { createHmac } from 'node:crypto';

/**
 * The signed notice that tells the public site to drop its cached pages: HMAC-SHA256 of
 * `timestamp.body` with the shared secret, checked by the site (and refused after 5 minutes).
 * The CMS sends the same notice from its own CommonJS copy (cms/src/site-cache/notify.ts).
 */
export function signNotice(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export interface SiteNotifier {
  notify(change: Record<string, unknown>): Promise<boolean>;
}

/** Sends notices, retrying briefly; a site that stays down starts with an empty cache anyway. */
export function createSiteNotifier(url: string, secret: string, options: { clock: () => Date; log?: (message: string) => void }): SiteNotifier {
  const { clock, log = () => {} } = options;
  return {
    async notify(change) {
      if (!url || !secret) return false;
      const body = JSON.stringify(change);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const timestamp = String(clock().getTime());
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-hub-timestamp': timestamp, 'x-hub-signature-256': signNotice(secret, timestamp, body) },
            body,
            signal: AbortSignal.timeout(3000),
          });
          await res.body?.cancel();
          if (res.ok) return true;
        } catch {
          // retried below
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
      log(`site notice not delivered: ${body}`);
      return false;
    },
  };
}

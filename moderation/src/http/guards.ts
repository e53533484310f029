import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HubError } from '../errors.ts';
import type { Guard } from './routes.ts';

export { clientAddress, parseTrustedProxies } from '@hub/integrations/trusted-proxies';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** The public site's server-to-server calls: `X-Hub-Site-Token` = MODERATION_SITE_TOKEN (never empty). */
export function siteToken(token: string): Guard {
  // Both sides hashed: timingSafeEqual compares two digests of the same length, in a time that
  // tells nothing of where a guess differs (nor of the token's length).
  const expected = token ? digest(token) : null;
  return (req: IncomingMessage) => {
    const given = req.headers['x-hub-site-token'];
    const ok = expected !== null && typeof given === 'string' && timingSafeEqual(digest(given), expected);
    if (!ok) throw new HubError('UNAUTHENTICATED', { message: 'Jeton du site absent ou invalide.' });
  };
}

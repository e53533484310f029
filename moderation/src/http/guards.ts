import type { IncomingMessage } from 'node:http';
import { HubError } from '../errors.ts';
import type { Guard } from './routes.ts';

/** The public site's server-to-server calls: `X-Hub-Site-Token` = MODERATION_SITE_TOKEN (never empty). */
export function siteToken(token: string): Guard {
  return (req: IncomingMessage) => {
    if (!token || req.headers['x-hub-site-token'] !== token) throw new HubError('UNAUTHENTICATED', { message: 'Jeton du site absent ou invalide.' });
  };
}

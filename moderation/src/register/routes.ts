import { siteToken } from '../http/guards.ts';
import { sendJson } from '../http/respond.ts';
import type { Route } from '../http/routes.ts';
import { publicPrivacy, type Register } from './register.ts';

/**
 * `GET /public/privacy` (site token): the register's public part, for the site's
 * /confidentialite (contract: integrations/src/contracts/privacy.ts). Built once: the register
 * follows the configuration, which is read once at start.
 */
export function createPrivacyRoutes(options: { register: () => Register; siteToken: string }): Route[] {
  const answer = publicPrivacy(options.register());
  return [{ method: 'GET', path: '/public/privacy', caller: 'site', auth: siteToken(options.siteToken), handler: (_req, res) => sendJson(res, 200, answer) }];
}

import type { Core } from '@strapi/strapi';
import type { HubConfig } from '../hub/config';

const TOKEN_NAME = 'Site public (lecture seule)';

/**
 * Provisions the site's read-only Content API token under the value the deployment chose
 * (SITE_API_TOKEN), so the site and the CMS agree without copying a key from the admin panel.
 */
export async function ensureSiteToken(strapi: Core.Strapi, config: HubConfig): Promise<void> {
  if (!config.SITE_API_TOKEN) return;
  const tokens = strapi.service('admin::api-token-content-api');
  const wantedHash = tokens.hash(config.SITE_API_TOKEN);
  const query = strapi.db.query('admin::api-token');
  let token = await query.findOne({ where: { name: TOKEN_NAME } });
  if (!token) {
    token = await tokens.create({
      name: TOKEN_NAME,
      description: 'Utilisé par le site public pour lire les contenus publiés.',
      type: 'read-only',
      lifespan: null,
    });
  }
  if (token.accessKey === wantedHash) return;
  await query.update({
    where: { id: token.id },
    data: {
      accessKey: wantedHash,
      encryptedKey: strapi.service('admin::encryption').encrypt(config.SITE_API_TOKEN),
    },
  });
  strapi.log.info('access: site read-only token provisioned');
}

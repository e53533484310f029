import type { Core } from '@strapi/strapi';
import type { HubConfig } from '../hub/config';

/** Creates the first administrator on an empty database, from HUB_ADMIN_EMAIL / _PASSWORD. */
export async function ensureFirstAdmin(strapi: Core.Strapi, config: HubConfig): Promise<void> {
  if (!config.HUB_ADMIN_PASSWORD) return;
  const admins = await strapi.db.query('admin::user').count();
  if (admins > 0) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: config.HUB_ADMIN_EMAIL,
    firstname: 'Administrateur',
    lastname: 'Hub',
    password: config.HUB_ADMIN_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`access: first administrator created (${config.HUB_ADMIN_EMAIL})`);
}

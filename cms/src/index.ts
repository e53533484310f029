import type { Core } from '@strapi/strapi';
import { ensureFirstAdmin } from './access/admin-user';
import { ensureCommunicationRole } from './access/communication-role';
import { ensureSiteToken } from './access/site-token';
import { readHubConfig } from './hub/config';
import { seedDemoContentOnce } from './seed/seed';
import { registerSiteCacheNotifier, withoutSiteNotices } from './site-cache/notify';
import { registerSocialShare } from './social/share';

const config = readHubConfig();

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerSiteCacheNotifier(strapi, config);
    registerSocialShare(strapi, config);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureCommunicationRole(strapi);
    await ensureSiteToken(strapi, config);
    await ensureFirstAdmin(strapi, config);
    if (config.HUB_SEED_DEMO) await withoutSiteNotices(() => seedDemoContentOnce(strapi));
  },
};

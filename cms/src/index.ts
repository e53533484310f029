import type { Core } from '@strapi/strapi';
import { registerAlertDetection, withoutAlerts } from './alerts/detect';
import { ensureFirstAdmin } from './access/admin-user';
import { ensureCommunicationRole } from './access/communication-role';
import { ensureSiteToken } from './access/site-token';
import { createClock } from './hub/clock';
import { readHubConfig } from './hub/config';
import { registerMetrics } from './hub/metrics';
import { registerProbes } from './hub/probes';
import { startSending, type Sending } from './hub/sending';
import { registerPrivacyRoutes } from './privacy/routes';
import { seedDemoContentOnce } from './seed/seed';
import { registerSiteCacheNotifier, withoutSiteNotices } from './site-cache/notify';
import { registerSocialShare } from './social/share';
import { registerSubscriptions } from './subscriptions';
import { ensureSubscriptionTables } from './subscriptions/schema';

const config = readHubConfig();
const clock = createClock(config.HUB_CLOCK_SHIFT_HOURS);
/** Newsletters, alerts and digests; started at bootstrap. */
let sending: Sending | null = null;

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerProbes(strapi);
    registerMetrics(strapi, config.METRICS_TOKEN);
    registerSiteCacheNotifier(strapi, config, clock);
    registerSocialShare(strapi, config, clock);
    registerSubscriptions(strapi, config, clock);
    registerPrivacyRoutes(strapi, config.CMS_PRIVACY_TOKEN, clock);
    registerAlertDetection(strapi, config, () => sending?.mailing ?? null);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSubscriptionTables(strapi.db.connection);
    sending = await startSending(strapi, config, clock);
    await ensureCommunicationRole(strapi);
    await ensureSiteToken(strapi, config);
    await ensureFirstAdmin(strapi, config);
    if (config.HUB_SEED_DEMO) await withoutSiteNotices(() => withoutAlerts(() => seedDemoContentOnce(strapi, clock)));
  },

  async destroy() {
    await sending?.stop();
  },
};

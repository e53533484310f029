import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readHubConfig } from '../../scripts/stack/hub-config.ts';
import { hubUrls, processEnvironments } from '../../scripts/stack/hub-env.ts';
import { startCms, startModerationService, startSite, type RunningProcess } from '../../scripts/stack/processes.ts';
import { loadOrCreateSecrets, type HubSecrets } from '../../scripts/stack/secrets.ts';
import { freePort } from './ports.ts';

export interface TestHub {
  cmsUrl: string;
  siteUrl: string;
  moderationUrl: string;
  secrets: HubSecrets;
  adminEmail: string;
  /** The temporary data folder (the CMS's SQLite file is `cms.db` in it). */
  dataDir: string;
  cms: RunningProcess;
  site: RunningProcess;
  /** Stops the CMS only (the site keeps running). */
  stopCms(): Promise<void>;
  /** Stops the CMS and starts it again on the same data, as a second `npm start` would (with `cmsEnv` added, e.g. a moved clock). */
  restartCms(cmsEnv?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real hub (built Strapi on a fresh SQLite file, built Astro site) on free ports, with a
 * temporary data folder removed at the end. The builds must exist (tests/global-setup.ts).
 */
export async function startTestHub(
  options: {
    moderationEnv?: Record<string, string>;
    /** Extra environment for the CMS (e.g. SMTP_URL of a test SMTP peer). */
    cmsEnv?: Record<string, string>;
    /** Extra environment for the site. */
    siteEnv?: Record<string, string>;
  } = {},
): Promise<TestHub> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
  const [cmsPort, sitePort, moderationPort] = [await freePort(), await freePort(), await freePort()];
  const config = readHubConfig({ HUB_DATA_DIR: dataDir, CMS_PORT: String(cmsPort), SITE_PORT: String(sitePort), MODERATION_PORT: String(moderationPort) });
  const secrets = loadOrCreateSecrets(dataDir);
  const base = processEnvironments(config, secrets);
  const env = { ...base, cms: { ...base.cms, ...options.cmsEnv }, site: { ...base.site, ...options.siteEnv } };
  const urls = hubUrls(config);
  let cms = await startCms({ port: cmsPort, env: env.cms });
  let site: RunningProcess;
  let moderation: RunningProcess;
  try {
    moderation = await startModerationService({ port: moderationPort, env: { ...env.moderation, LOG_LEVEL: 'warn', ...options.moderationEnv } });
    site = await startSite({ port: sitePort, env: env.site });
  } catch (error) {
    await cms.stop();
    throw error;
  }
  return {
    cmsUrl: urls.cms,
    siteUrl: urls.site,
    moderationUrl: urls.moderation,
    secrets,
    adminEmail: config.HUB_ADMIN_EMAIL,
    dataDir,
    get cms() {
      return cms;
    },
    site,
    stopCms: () => cms.stop(),
    async restartCms(cmsEnv?: Record<string, string>) {
      await cms.stop();
      cms = await startCms({ port: cmsPort, env: { ...env.cms, ...cmsEnv } });
    },
    async stop() {
      await Promise.all([site.stop(), cms.stop(), moderation.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

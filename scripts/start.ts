/**
 * `npm start`: the whole hub on one machine. Builds what changed, starts the CMS and the site,
 * prints where they are, and stops everything on Ctrl-C.
 */
import { ensureBuilt } from './stack/build.ts';
import { startSocialNetworks, type SocialNetworks } from './stack/demo-social.ts';
import { readHubConfig } from './stack/hub-config.ts';
import { hubUrls, processEnvironments } from './stack/hub-env.ts';
import { startCms, startModerationService, startSite, type RunningProcess } from './stack/processes.ts';
import { loadOrCreateSecrets } from './stack/secrets.ts';

const prefixed = (name: string) => (line: string) => console.log(`[${name}] ${line}`);

async function main() {
  // Everything the hub creates (data folder, hub.env, the databases, the letterbox), here and in
  // the CMS, site and moderation processes (they inherit it): readable by its owner only.
  process.umask(0o077);
  const config = readHubConfig();
  const secrets = loadOrCreateSecrets(config.HUB_DATA_DIR);
  const env = processEnvironments(config, secrets);
  const urls = hubUrls(config);
  ensureBuilt();

  const running: RunningProcess[] = [];
  let social: SocialNetworks | undefined;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nArrêt du hub…');
    await Promise.all(running.map((p) => p.stop()));
    await social?.stop(); // after the moderation service, which reads the emulators until it stops
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    social = await startSocialNetworks(config, prefixed('démo'));
    running.push(await startCms({ port: config.CMS_PORT, env: env.cms, onLine: prefixed('cms') }));
    running.push(await startModerationService({ port: config.MODERATION_PORT, env: { ...env.moderation, ...social.env }, onLine: prefixed('moderation') }));
    running.push(await startSite({ port: config.SITE_PORT, env: env.site, onLine: prefixed('site') }));
  } catch (error) {
    console.error(`Le hub n'a pas pu démarrer : ${(error as Error).message}`);
    await stopAll(1);
    return;
  }
  for (const p of running) p.child.once('exit', () => void stopAll(1));

  const password = config.HUB_ADMIN_PASSWORD ? '(celui de HUB_ADMIN_PASSWORD)' : secrets.HUB_ADMIN_PASSWORD;
  console.log(`
Le hub du bailleur est démarré.
  Site public      ${urls.publicSite}
  CMS (admin)      ${env.cms.CMS_PUBLIC_URL}/admin
  Modération       ${urls.publicModeration}  (API GraphQL : ${urls.publicModeration}/graphql)
  Compte admin     ${config.HUB_ADMIN_EMAIL} / ${password}  (CMS et console de modération)
  Données          ${config.HUB_DATA_DIR}
  ${social.summary}
Ctrl-C pour tout arrêter.
`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

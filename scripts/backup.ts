/**
 * `npm run backup [-- <dossier>]`: a copy of the whole hub while it runs (scripts/stack/backup.ts);
 * by default under HUB_DATA_DIR/backups/<date>. `npm run restore -- <dossier> [--remplacer]` puts
 * it back, the hub stopped.
 */
import path from 'node:path';
import { backupHub, restoreHub } from './stack/backup.ts';
import { readHubConfig } from './stack/hub-config.ts';

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const config = readHubConfig();
  const folder = args.find((a) => !a.startsWith('--'));
  if (command === 'backup') {
    const now = new Date();
    const target = path.resolve(folder ?? path.join(config.HUB_DATA_DIR, 'backups', now.toISOString().replace(/[:.]/g, '-')));
    const manifest = await backupHub(config, target, now);
    console.log(`Sauvegarde faite dans ${target} : bases ${Object.keys(manifest.databases).join(' et ')}${manifest.uploads ? ', médias' : ''}${manifest.hubEnv ? ', hub.env' : ''}.`);
  } else if (command === 'restore') {
    if (!folder) throw new Error('Indiquez le dossier de la sauvegarde : npm run restore -- <dossier> [--remplacer]');
    const manifest = restoreHub(config, path.resolve(folder), { replace: args.includes('--remplacer') });
    console.log(`Sauvegarde du ${manifest.createdAt} restaurée dans ${config.HUB_DATA_DIR}. Démarrez le hub.`);
  } else {
    throw new Error('Usage : node scripts/backup.ts backup [dossier] | restore <dossier> [--remplacer]');
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});

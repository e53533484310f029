import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { HubConfig } from './hub-config.ts';
import { ROOT } from './paths.ts';

/** One database of the hub: an SQLite file under HUB_DATA_DIR, or a PostgreSQL URL. */
type Store = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface BackupManifest {
  createdAt: string;
  version: string;
  databases: Record<'cms' | 'moderation', { kind: Store['kind']; file: string }>;
  uploads: boolean;
  hubEnv: boolean;
}

const UPLOADS = (env: NodeJS.ProcessEnv) => env.HUB_UPLOADS_DIR ?? path.join(ROOT, 'cms', 'public', 'uploads');

function stores(config: HubConfig, env: NodeJS.ProcessEnv): Record<'cms' | 'moderation', Store> {
  const moderationUrl = config.DATABASE_URL;
  const cmsUrl = config.CMS_DATABASE_URL ?? env.DATABASE_URL;
  return {
    cms: config.DATABASE_CLIENT === 'postgres' && cmsUrl ? { kind: 'postgres', url: cmsUrl } : { kind: 'sqlite', file: path.join(config.HUB_DATA_DIR, 'cms.db') },
    moderation: moderationUrl?.startsWith('postgres') ? { kind: 'postgres', url: moderationUrl } : { kind: 'sqlite', file: moderationUrl?.replace(/^sqlite:/, '') ?? path.join(config.HUB_DATA_DIR, 'moderation.db') },
  };
}

/**
 * A consistent copy of the whole hub while it runs: each SQLite database through SQLite's online
 * backup (better-sqlite3 `.backup`, pages copied under a read lock, never a half-written file),
 * each PostgreSQL database with `pg_dump -Fc`, the CMS's uploads and `hub.env` (the keys without
 * which the databases' encrypted values and signed links are worthless). The folder is the
 * owner's only; `manifest.json` says what it holds.
 */
export async function backupHub(config: HubConfig, target: string, now: Date, env: NodeJS.ProcessEnv = process.env): Promise<BackupManifest> {
  if (existsSync(target)) throw new Error(`Le dossier de sauvegarde existe déjà : ${target}. Choisissez un dossier nouveau.`);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const databases = {} as BackupManifest['databases'];
  for (const [name, store] of Object.entries(stores(config, env)) as [keyof BackupManifest['databases'], Store][]) {
    if (store.kind === 'sqlite') {
      if (!existsSync(store.file)) throw new Error(`Base introuvable : ${store.file} (le hub a-t-il déjà démarré ?).`);
      const file = `${name}.db`;
      const db = new Database(store.file, { readonly: true, fileMustExist: true });
      try {
        await db.backup(path.join(target, file));
      } finally {
        db.close();
      }
      databases[name] = { kind: 'sqlite', file };
    } else {
      const file = `${name}.dump`;
      execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${path.join(target, file)}`, store.url], { stdio: ['ignore', 'ignore', 'pipe'] });
      databases[name] = { kind: 'postgres', file };
    }
    chmodSync(path.join(target, databases[name].file), 0o600);
  }
  const uploads = existsSync(UPLOADS(env));
  if (uploads) cpSync(UPLOADS(env), path.join(target, 'uploads'), { recursive: true });
  const hubEnvFile = path.join(config.HUB_DATA_DIR, 'hub.env');
  const hubEnv = existsSync(hubEnvFile);
  if (hubEnv) {
    copyFileSync(hubEnvFile, path.join(target, 'hub.env'));
    chmodSync(path.join(target, 'hub.env'), 0o600);
  }
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const manifest: BackupManifest = { createdAt: now.toISOString(), version, databases, uploads, hubEnv };
  writeFileSync(path.join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/**
 * Puts a backup back, the hub stopped: the SQLite files into HUB_DATA_DIR (their journals
 * removed), the PostgreSQL dumps with `pg_restore --clean`, the uploads, `hub.env`. Refuses to
 * overwrite an existing database unless `replace` is set.
 */
export function restoreHub(config: HubConfig, source: string, options: { replace: boolean }, env: NodeJS.ProcessEnv = process.env): BackupManifest {
  const manifestFile = path.join(source, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`Ce dossier n’est pas une sauvegarde du hub (manifest.json absent) : ${source}.`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  const targets = stores(config, env);
  for (const [name, saved] of Object.entries(manifest.databases) as [keyof BackupManifest['databases'], BackupManifest['databases']['cms']][]) {
    const store = targets[name];
    if (store.kind !== saved.kind) throw new Error(`La sauvegarde de ${name} est ${saved.kind}, la configuration demande ${store.kind}.`);
    if (store.kind === 'sqlite') {
      if (existsSync(store.file) && !options.replace) throw new Error(`La base ${store.file} existe déjà : arrêtez le hub et relancez avec --remplacer pour l’écraser.`);
      mkdirSync(path.dirname(store.file), { recursive: true, mode: 0o700 });
      for (const journal of ['-wal', '-shm']) rmSync(`${store.file}${journal}`, { force: true });
      copyFileSync(path.join(source, saved.file), store.file);
      chmodSync(store.file, 0o600);
    } else {
      execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${store.url}`, path.join(source, saved.file)], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
  }
  if (manifest.uploads) cpSync(path.join(source, 'uploads'), UPLOADS(env), { recursive: true });
  const hubEnvFile = path.join(config.HUB_DATA_DIR, 'hub.env');
  if (manifest.hubEnv && (!existsSync(hubEnvFile) || options.replace)) {
    mkdirSync(config.HUB_DATA_DIR, { recursive: true, mode: 0o700 });
    copyFileSync(path.join(source, 'hub.env'), hubEnvFile);
    chmodSync(hubEnvFile, 0o600);
  }
  return manifest;
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import knexFactory from 'knex';
import { readHubConfig } from '../../scripts/stack/hub-config.ts';
import { processEnvironments } from '../../scripts/stack/hub-env.ts';
import { startCms } from '../../scripts/stack/processes.ts';
import { loadOrCreateSecrets } from '../../scripts/stack/secrets.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { freePort } from '../support/ports.ts';
import { createTempDatabase } from '../support/postgres.ts';
import { consoleClient, startModeration } from '../support/moderation.ts';
import { postForm, subscriptionFormFields } from '../subscriptions/helpers.ts';

/**
 * `npm run backup` while the hub runs, then `npm run restore` into an empty data folder: the
 * messages, the subscribers, the media and hub.env come back as they were at the backup, and what
 * came after does not; a restore never overwrites a database unless asked to.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BACKUP = path.join(ROOT, 'scripts', 'backup.ts');
const EMAIL = 'sauvegarde@exemple.fr';
let hub: TestHub;
let work: string;

const run = (args: string[], env: Record<string, string>) => spawnSync(process.execPath, [BACKUP, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });

async function contact(message: string, key: string) {
  const res = await fetch(`${hub.moderationUrl}/public/contact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-site-token': hub.secrets.MODERATION_SITE_TOKEN },
    body: JSON.stringify({ name: 'Louise', contact: EMAIL, subject: 'Sauvegarde', message, consent: true, clientKey: key }),
  });
  expect(res.status).toBe(201);
  await res.body?.cancel();
}

const texts = (file: string) => new Database(file, { readonly: true }).prepare("select text from items where source = 'site_contact'").pluck().all() as string[];

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'hub-backup-'));
  hub = await startTestHub();
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('copies the running hub, and puts it back in an empty folder as it was at the backup', async () => {
    await contact('Avant la sauvegarde : une fuite d’eau sous l’évier de la cuisine.', 'backup-0000001');
    const admin = consoleClient(hub.moderationUrl);
    await admin.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
    const queue = await admin.query<{ queue: { items: { id: string }[] } }>('{ queue(filter: { sources: [site_contact] }) { items { id } } }');
    const claim = await admin.query<{ openClaim: { reference: string } }>('mutation($id: ID!) { openClaim(itemId: $id) { reference } }', { id: queue.data!.queue.items[0]!.id });
    expect(claim.errors).toBeUndefined();
    const articles = new Database(path.join(hub.dataDir, 'cms.db'), { readonly: true }).prepare('select count(*) from articles').pluck().get() as number;
    expect(articles).toBeGreaterThan(0);
    const form = subscriptionFormFields(await (await fetch(`${hub.siteUrl}/actualites`)).text());
    expect((await postForm(hub, '/abonnements/inscription', { ...form, sujet: 'newsletter', email: EMAIL })).status).toBeLessThan(400);
    const uploads = path.join(work, 'uploads');
    mkdirSync(uploads);
    writeFileSync(path.join(uploads, 'chantier-tilleuls.jpg'), 'image');

    const target = path.join(work, 'sauvegarde');
    const saved = run(['backup', target], { HUB_DATA_DIR: hub.dataDir, HUB_UPLOADS_DIR: uploads });
    expect(saved.stderr).toBe('');
    expect(saved.stdout).toContain(`Sauvegarde faite dans ${target} : bases cms et moderation, médias, hub.env.`);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    for (const file of ['cms.db', 'moderation.db', 'hub.env', 'manifest.json']) expect(statSync(path.join(target, file)).mode & 0o777).toBe(0o600);
    await contact('Après la sauvegarde : ce message-là ne doit pas revenir.', 'backup-0000002');
    const hubEnv = readFileSync(path.join(hub.dataDir, 'hub.env'), 'utf8');
    await hub.stop();

    const restored = path.join(work, 'donnees');
    const restoredUploads = path.join(work, 'medias');
    const back = run(['restore', target], { HUB_DATA_DIR: restored, HUB_UPLOADS_DIR: restoredUploads });
    expect(back.stderr).toBe('');
    expect(back.stdout).toContain(`restaurée dans ${restored}`);
    expect(texts(path.join(restored, 'moderation.db'))).toEqual([expect.stringContaining('Avant la sauvegarde')]);
    const restoredModeration = new Database(path.join(restored, 'moderation.db'), { readonly: true });
    expect(restoredModeration.prepare('select reference from claims').pluck().all()).toEqual([claim.data!.openClaim.reference]);
    restoredModeration.close();
    const cms = new Database(path.join(restored, 'cms.db'), { readonly: true });
    expect(cms.prepare('select email from hub_subscribers').pluck().all()).toEqual([EMAIL]);
    expect(cms.prepare('select count(*) from articles').pluck().get()).toBe(articles);
    cms.close();
    expect(readFileSync(path.join(restored, 'hub.env'), 'utf8')).toBe(hubEnv);
    expect(readFileSync(path.join(restoredUploads, 'chantier-tilleuls.jpg'), 'utf8')).toBe('image');

    // A second restore does not overwrite what is there, unless asked to.
    const again = run(['restore', target], { HUB_DATA_DIR: restored, HUB_UPLOADS_DIR: restoredUploads });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('existe déjà : arrêtez le hub et relancez avec --remplacer');
    expect(run(['restore', target, '--remplacer'], { HUB_DATA_DIR: restored, HUB_UPLOADS_DIR: restoredUploads }).status).toBe(0);
    // Neither a folder that is not a backup, nor a backup over an existing folder.
    expect(run(['restore', work], { HUB_DATA_DIR: restored }).stderr).toContain('n’est pas une sauvegarde du hub');
    expect(run(['backup', target], { HUB_DATA_DIR: restored }).stderr).toContain('Le dossier de sauvegarde existe déjà');
  }, 120_000);
});

describe('backup and restore on PostgreSQL', () => {
  it('dumps both running databases with pg_dump and restores them into empty ones', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-backup-pg-'));
    const [cmsDb, moderationDb, cmsCopy, moderationCopy] = [await createTempDatabase(), await createTempDatabase(), await createTempDatabase(), await createTempDatabase()];
    const count = async (url: string, table: string) => {
      const knex = knexFactory({ client: 'pg', connection: url });
      try {
        return Number((await knex(table).count({ n: '*' }))[0]!.n);
      } finally {
        await knex.destroy();
      }
    };
    const cmsPort = await freePort();
    const config = readHubConfig({ HUB_DATA_DIR: dir, CMS_PORT: String(cmsPort), DATABASE_CLIENT: 'postgres', CMS_DATABASE_URL: cmsDb.url });
    const cms = await startCms({ port: cmsPort, env: { ...processEnvironments(config, loadOrCreateSecrets(dir)).cms, SITE_REVALIDATE_URL: '', MODERATION_PUBLISH_URL: '' } });
    const moderation = await startModeration({ databaseUrl: moderationDb.url });
    try {
      const posted = await fetch(`${moderation.url}/public/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-site-token': moderation.siteToken },
        body: JSON.stringify({ name: 'Louise', contact: EMAIL, subject: 'Sauvegarde', message: 'Une fuite d’eau sous l’évier de la cuisine.', consent: true, clientKey: 'backup-pg-000001' }),
      });
      expect(posted.status).toBe(201);
      const admin = consoleClient(moderation.url);
      await admin.login(moderation.adminEmail, moderation.adminPassword);
      const queue = await admin.query<{ queue: { items: { id: string }[] } }>('{ queue(filter: { sources: [site_contact] }) { items { id } } }');
      expect((await admin.query('mutation($id: ID!) { openClaim(itemId: $id) { reference } }', { id: queue.data!.queue.items[0]!.id })).errors).toBeUndefined();
      const before = { items: await count(moderationDb.url, 'items'), claims: await count(moderationDb.url, 'claims'), articles: await count(cmsDb.url, 'articles') };
      expect(before.claims).toBe(1);
      expect(before.articles).toBeGreaterThan(0);

      const target = path.join(dir, 'sauvegarde');
      const env = { HUB_DATA_DIR: dir, DATABASE_CLIENT: 'postgres', HUB_UPLOADS_DIR: path.join(dir, 'pas-de-medias') };
      const saved = run(['backup', target], { ...env, DATABASE_URL: moderationDb.url, CMS_DATABASE_URL: cmsDb.url });
      expect(saved.stderr).toBe('');
      expect(saved.stdout).toContain('bases cms et moderation, hub.env.');

      const restoredDir = path.join(dir, 'restauree');
      const back = run(['restore', target], { ...env, HUB_DATA_DIR: restoredDir, DATABASE_URL: moderationCopy.url, CMS_DATABASE_URL: cmsCopy.url });
      expect(back.stderr).toBe('');
      expect({ items: await count(moderationCopy.url, 'items'), claims: await count(moderationCopy.url, 'claims'), articles: await count(cmsCopy.url, 'articles') }).toEqual(before);
    } finally {
      await moderation.stop();
      await cms.stop();
      for (const database of [cmsDb, moderationDb, cmsCopy, moderationCopy]) await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

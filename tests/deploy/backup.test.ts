import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';
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
    await contact('Avant la sauvegarde : la porte du local vélos ferme mal.', 'backup-0000001');
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
    const cms = new Database(path.join(restored, 'cms.db'), { readonly: true });
    expect(cms.prepare('select email from hub_subscribers').pluck().all()).toEqual([EMAIL]);
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

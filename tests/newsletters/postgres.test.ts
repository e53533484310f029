import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHubConfig } from '../../scripts/stack/hub-config.ts';
import { processEnvironments } from '../../scripts/stack/hub-env.ts';
import { startCms, type RunningProcess } from '../../scripts/stack/processes.ts';
import { loadOrCreateSecrets } from '../../scripts/stack/secrets.ts';
import type { TestHub } from '../support/hub.ts';
import { freePort } from '../support/ports.ts';
import { createTempDatabase } from '../support/postgres.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';
import { addSubscribers, adminSession, panel, publishedNewsletter, sendFinished } from './helpers.ts';

/**
 * Scale-out: two CMS instances on one PostgreSQL database both drain the same send job (rows
 * claimed with FOR UPDATE SKIP LOCKED); no subscriber gets a message twice.
 */
const SUBSCRIBERS = 1500;
let database: Awaited<ReturnType<typeof createTempDatabase>>;
let smtp: SmtpSink;
let db: Knex;
const processes: RunningProcess[] = [];
const folders: string[] = [];
let hub: TestHub;

beforeAll(async () => {
  database = await createTempDatabase();
  smtp = await startSmtpSink({ countOnly: true });
  const [portA, portB] = [await freePort(), await freePort()];
  folders.push(mkdtempSync(path.join(os.tmpdir(), 'hub-pg-a-')), mkdtempSync(path.join(os.tmpdir(), 'hub-pg-b-')));
  const config = readHubConfig({ HUB_DATA_DIR: folders[0], CMS_PORT: String(portA), DATABASE_CLIENT: 'postgres', CMS_DATABASE_URL: database.url });
  const secrets = loadOrCreateSecrets(folders[0]!);
  const env = {
    ...processEnvironments(config, secrets).cms,
    SITE_REVALIDATE_URL: '',
    MODERATION_PUBLISH_URL: '',
    SMTP_URL: smtp.url,
    NEWSLETTER_RATE_PER_SECOND: '1000',
    NEWSLETTER_SMTP_CONNECTIONS: '3',
  };
  processes.push(await startCms({ port: portA, env }));
  // The second instance: same database and secrets, its own data folder, nothing to seed.
  processes.push(await startCms({ port: portB, env: { ...env, HUB_DATA_DIR: folders[1], HUB_SEED_DEMO: 'false' } }));
  hub = { cmsUrl: `http://127.0.0.1:${portA}`, adminEmail: config.HUB_ADMIN_EMAIL, secrets } as TestHub;
  db = knexFactory({ client: 'pg', connection: database.url });
});
afterAll(async () => {
  await db?.destroy();
  await Promise.all(processes.map((p) => p.stop()));
  await smtp?.close();
  await database?.drop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('two CMS instances on PostgreSQL', () => {
  it('share one send without sending any row twice', async () => {
    const emails = await addSubscribers(db, { count: SUBSCRIBERS, prefix: 'locataire' });
    const newsletter = await publishedNewsletter(hub, 'Lettre partagée');
    const jwt = await adminSession(hub);
    expect((await panel(hub, jwt, 'POST', `${newsletter.documentId}/send`)).status).toBe(202);
    const done = await sendFinished(hub, jwt, newsletter.documentId, 120_000);
    await eventually(async () => (smtp.count >= SUBSCRIBERS ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(done.job).toMatchObject({ total: SUBSCRIBERS, sent: SUBSCRIBERS, failed: 0 });
    expect(smtp.count).toBe(SUBSCRIBERS);
    expect(emails.filter((e) => smtp.perRecipient.get(e) !== 1)).toEqual([]);
    // Both instances took part (each sent row keeps the lease owner that sent it).
    const senders = await db('hub_send_log').where({ state: 'sent' }).distinct('lease_owner').pluck('lease_owner');
    expect(senders).toHaveLength(2);
  }, 180_000);
});

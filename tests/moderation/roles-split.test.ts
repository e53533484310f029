import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCrmReceiver } from '../claims/crm-receiver.ts';
import { consoleClient, startModeration, type TestModeration } from '../support/moderation.ts';
import { createTempDatabase } from '../support/postgres.ts';
import { eventually } from '../support/wait.ts';

/**
 * MODERATION_ROLES on one PostgreSQL database: an API-only process takes the console's actions
 * and enqueues their deliveries; a workers-only process delivers them and answers only its probes.
 */
const SECRET = 'crm-secret-roles-split';
let database: Awaited<ReturnType<typeof createTempDatabase>>;
let crm: Awaited<ReturnType<typeof startCrmReceiver>>;
let api: TestModeration;
let workers: TestModeration | undefined;

const env = (roles: string) => ({ MODERATION_ROLES: roles, CLAIMS_WEBHOOK_URL: crm.url, CLAIMS_WEBHOOK_SECRET: SECRET, OUTBOX_POLL_MS: '50', PUBLIC_SITE_URL: 'https://www.bailleur.example' });

beforeAll(async () => {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  database = await createTempDatabase();
  crm = await startCrmReceiver(SECRET);
  api = await startModeration({ databaseUrl: database.url, env: env('api') });
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await api?.stop();
  await crm?.close();
  await database?.drop();
});

describe('the API and the workers in separate processes', () => {
  it('the API enqueues a claim push that only the workers’ process delivers, once', async () => {
    const posted = await fetch(`${api.url}/public/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-site-token': api.siteToken },
      body: JSON.stringify({ name: 'Karim', contact: 'karim@exemple.fr', subject: 'Fuite', message: 'Une fuite d’eau sous l’évier de la cuisine depuis hier soir.', consent: true, clientKey: 'roles-split-0001' }),
    });
    expect(posted.status).toBe(201);
    const admin = consoleClient(api.url);
    await admin.login(api.adminEmail, api.adminPassword);
    const queue = await admin.query<{ queue: { items: { id: string }[] } }>('{ queue(filter: { sources: [site_contact] }) { items { id } } }');
    const itemId = queue.data!.queue.items[0]!.id;
    const opened = await admin.query<{ openClaim: { reference: string } }>('mutation($id: ID!) { openClaim(itemId: $id) { reference } }', { id: itemId });
    expect(opened.errors).toBeUndefined();
    const reference = opened.data!.openClaim.reference;
    const pending = await api.services.db.selectFrom('outbox').select(['state']).where('kind', '=', 'claim_push').execute();
    expect(pending).toEqual([{ state: 'pending' }]);
    expect(crm.requests).toHaveLength(0);

    workers = await startModeration({ databaseUrl: database.url, env: env('workers') });
    await eventually(async () => (crm.requests.length > 0 ? true : undefined), 15_000);
    await eventually(async () => {
      const rows = await api.services.db.selectFrom('outbox').select(['state']).where('kind', '=', 'claim_push').execute();
      return rows[0]?.state === 'done' ? true : undefined;
    }, 15_000);
    expect(crm.requests.map((r) => r.headers['idempotency-key'])).toEqual([`claim_push:${reference}`]);
  }, 60_000);

  it('the workers’ process answers its probes, and neither the API nor the console', async () => {
    const ready = await fetch(`${workers!.url}/ready`);
    expect(await ready.json()).toEqual({ ok: true, roles: { api: false, workers: true } });
    expect((await fetch(`${workers!.url}/health`)).status).toBe(200);
    for (const path of ['/graphql', '/', '/public/contact']) expect((await fetch(`${workers!.url}${path}`)).status).toBe(404);
    expect(await (await fetch(`${api.url}/ready`)).json()).toEqual({ ok: true, roles: { api: true, workers: false } });
  });
});

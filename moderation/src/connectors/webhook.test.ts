import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import type { ItemChange, NewItem } from '../queue/service.ts';
import { createFacebookWebhook, validSignature, WEBHOOK_PATH, type FacebookWebhook, type FacebookWebhookPayload } from './webhook.ts';

const PAGE = '104857600000001';

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
});

async function memoryDb(migrated = true): Promise<Db> {
  const { db } = openDatabase('sqlite::memory:');
  opened.push(db);
  if (migrated) await migrate(db, 'sqlite', new Date('2026-03-14T09:00:00Z'));
  return db;
}

async function setup(known: Set<string> = new Set(), options: { db?: Db; failUpdates?: number; clock?: () => Date; retryMs?: number } = {}) {
  const db = options.db ?? (await memoryDb());
  let failUpdates = options.failUpdates ?? 0;
  const calls: { op: 'ingest' | 'update'; item?: NewItem; externalId?: string; change?: ItemChange }[] = [];
  const webhook = createFacebookWebhook({
    db,
    dialect: 'sqlite',
    inbox: { backoff: { baseMs: options.retryMs ?? 0, maxMs: options.retryMs ?? 0, jitter: 0 }, maxAttempts: 3 },
    appSecret: 'secret-app',
    verifyToken: 'jeton-verif',
    pages: [{ id: PAGE }],
    clock: options.clock ?? (() => new Date('2026-03-14T10:00:00Z')),
    queue: {
      ingest: async (item) => (calls.push({ op: 'ingest', item }), { created: true }),
      update: async (_source, _account, externalId, change) => {
        if (failUpdates > 0) {
          failUpdates -= 1;
          throw new Error('database is locked');
        }
        calls.push({ op: 'update', externalId, change });
        return known.has(externalId) ? { changed: true } : null;
      },
    },
  });
  return { webhook, calls, db };
}

const sign = (body: string, secret = 'secret-app') => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The POST route's handler, on a fake request and response. */
async function post(webhook: FacebookWebhook, body: string, signature = sign(body)) {
  const route = webhook.routes.find((r) => r.method === 'POST')!;
  const req = Object.assign(Readable.from([Buffer.from(body)]), { headers: { 'x-hub-signature-256': signature }, method: 'POST', url: WEBHOOK_PATH }) as unknown as IncomingMessage;
  const answer = { status: 0, body: '' };
  const res = {
    writeHead(status: number) {
      answer.status = status;
      return res;
    },
    end(text?: string) {
      answer.body = text ?? '';
    },
  } as unknown as ServerResponse;
  await route.handler(req, res, { url: new URL(`http://localhost${WEBHOOK_PATH}`), params: {} });
  return answer;
}

const inboxRows = (db: Db) => db.selectFrom('webhook_inbox').selectAll().orderBy('id').execute();

const payload = (value: Record<string, unknown>, pageId = PAGE): FacebookWebhookPayload => ({
  object: 'page',
  entry: [{ id: pageId, time: 1773500000, changes: [{ field: 'feed', value: { item: 'comment', post_id: `${pageId}_10`, comment_id: '10_20', created_time: 1773499000, from: { id: '900001', name: 'Nadia K.' }, ...value } }] }],
});

describe('Facebook webhook', () => {
  it('checks X-Hub-Signature-256 on the raw bytes, in constant time', () => {
    const body = Buffer.from('{"object":"page","entry":[]}');
    const good = `sha256=${createHmac('sha256', 'secret-app').update(body).digest('hex')}`;
    expect(validSignature('secret-app', body, good)).toBe(true);
    expect(validSignature('secret-app', Buffer.from(`${body} `), good)).toBe(false);
    expect(validSignature('autre-secret', body, good)).toBe(false);
    expect(validSignature('secret-app', body, undefined)).toBe(false);
    expect(validSignature('secret-app', body, 'sha1=abc')).toBe(false);
    expect(validSignature('', body, `sha256=${createHmac('sha256', '').update(body).digest('hex')}`)).toBe(false);
  });

  it('answers the subscription handshake only with the right token', async () => {
    const { webhook } = await setup();
    const query = (token: string, mode = 'subscribe') => new URLSearchParams({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': '1158201444' });
    expect(webhook.verify(query('jeton-verif'))).toEqual({ status: 200, body: '1158201444' });
    expect(webhook.verify(query('mauvais')).status).toBe(403);
    expect(webhook.verify(query('jeton-verif', 'unsubscribe')).status).toBe(403);
    expect(webhook.verify(query('mauvais')).body).toMatch(/refusée/);
  });

  it('turns add, edited and remove into ingest and update; hide records nothing', async () => {
    const { webhook, calls } = await setup(new Set(['10_20']));
    await webhook.apply(payload({ verb: 'add', message: 'Bonjour', parent_id: `${PAGE}_10` }));
    await webhook.apply(payload({ verb: 'edited', message: 'Bonjour, corrigé', parent_id: `${PAGE}_10` }));
    await webhook.apply(payload({ verb: 'hide', message: 'Bonjour, corrigé' }));
    await webhook.apply(payload({ verb: 'remove' }));
    expect(calls.map((c) => c.op)).toEqual(['ingest', 'update', 'update']);
    expect(calls[0]!.item).toMatchObject({ source: 'facebook_comment', accountId: PAGE, externalId: '10_20', text: 'Bonjour', authorExternalId: '900001', parentExternalId: null, createdAt: new Date(1773499000_000) });
    expect(calls[1]!.change).toEqual({ text: 'Bonjour, corrigé', editedAt: new Date(1773500000_000) });
    expect(calls[2]!.change).toEqual({ removed: true, at: new Date(1773500000_000) });
  });

  it('links a reply to its parent comment, ingests an edit of an unknown comment, ignores unknown Pages and the Page itself', async () => {
    const { webhook, calls } = await setup();
    await webhook.apply(payload({ verb: 'add', message: 'Réponse', comment_id: '10_21', parent_id: '10_20' }));
    await webhook.apply(payload({ verb: 'edited', message: 'Jamais vu avant' }));
    await webhook.apply(payload({ verb: 'add', message: 'Ailleurs' }, '999'));
    await webhook.apply(payload({ verb: 'add', message: 'La Page répond', from: { id: PAGE, name: 'Habitat' } }));
    await webhook.apply({ object: 'page', entry: [{ id: PAGE, changes: [{ field: 'feed', value: { nonsense: true } }] }] });
    expect(calls.map((c) => c.op)).toEqual(['ingest', 'update', 'ingest']);
    expect(calls[0]!.item?.parentExternalId).toBe('10_20');
    expect(calls[2]!.item?.text).toBe('Jamais vu avant');
  });

  it('stores a signed delivery before answering 200; Meta\'s retry of it is stored and applied once', async () => {
    const { webhook, calls, db } = await setup(new Set(['10_20']));
    const body = JSON.stringify(payload({ verb: 'remove' }));
    expect(await post(webhook, body)).toEqual({ status: 200, body: 'EVENT_RECEIVED' });
    // Answered, nothing applied yet: the delivery waits in the inbox (the drain is not started).
    expect(calls).toEqual([]);
    expect(await inboxRows(db)).toMatchObject([{ source: 'facebook', state: 'pending', payload: body, attempts: 0 }]);
    expect((await post(webhook, body)).status).toBe(200);
    expect(await inboxRows(db)).toHaveLength(1);
    await webhook.idle();
    expect(calls.map((c) => `${c.op}:${c.externalId}`)).toEqual(['update:10_20']);
    expect(await inboxRows(db)).toMatchObject([{ state: 'done', attempts: 1, lease_owner: null, last_error: null }]);
    // A retry after it was applied is still the same delivery.
    expect((await post(webhook, body)).status).toBe(200);
    await webhook.idle();
    expect(calls).toHaveLength(1);
  });

  it('stores nothing when refused (signature, JSON, shape)', async () => {
    const { webhook, db } = await setup();
    const body = JSON.stringify(payload({ verb: 'remove' }));
    expect((await post(webhook, body, sign(body, 'autre'))).status).toBe(401);
    expect((await post(webhook, '{pas du json', sign('{pas du json'))).status).toBe(400);
    expect((await post(webhook, '{"object":"page"}', sign('{"object":"page"}'))).status).toBe(400);
    expect(await inboxRows(db)).toEqual([]);
  });

  it('answers 503 when the delivery cannot be stored, so that Meta tries again', async () => {
    const { webhook, calls } = await setup(new Set(), { db: await memoryDb(false) });
    const answer = await post(webhook, JSON.stringify(payload({ verb: 'remove' })));
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({ error: { message: 'Le webhook n’a pas pu être enregistré, réessayez plus tard.' } });
    await webhook.idle();
    expect(calls).toEqual([]);
  });

  it('tries a failed change again, resuming after the changes already applied', async () => {
    let now = new Date('2026-03-14T10:00:00Z');
    const { webhook, calls, db } = await setup(new Set(['10_20', '10_21']), { failUpdates: 1, clock: () => now, retryMs: 2_000 });
    const two = payload({ verb: 'add', message: 'Bonjour' });
    two.entry[0]!.changes.push({ field: 'feed', value: { item: 'comment', post_id: `${PAGE}_10`, comment_id: '10_21', verb: 'remove' } });
    expect((await post(webhook, JSON.stringify(two))).status).toBe(200);
    await webhook.idle();
    // The add went in, the removal met a busy database: kept for later, after the add.
    expect(calls.map((c) => c.op)).toEqual(['ingest']);
    expect(await inboxRows(db)).toMatchObject([{ state: 'pending', attempts: 1, changes_done: 1, last_error: 'database is locked', next_attempt_at: '2026-03-14T10:00:02.000Z' }]);
    await webhook.idle();
    expect(calls).toHaveLength(1);
    now = new Date('2026-03-14T10:00:02Z');
    await webhook.idle();
    expect(calls.map((c) => `${c.op}:${c.item?.externalId ?? c.externalId}`)).toEqual(['ingest:10_20', 'update:10_21']);
    expect(await inboxRows(db)).toMatchObject([{ state: 'done', attempts: 2, changes_done: 1, last_error: null }]);
  });

  it('keeps a delivery that fails every time as failed, with its error, after maxAttempts', async () => {
    const warnings: string[] = [];
    const db = await memoryDb();
    const webhook = createFacebookWebhook({
      db,
      dialect: 'sqlite',
      inbox: { backoff: { baseMs: 0, maxMs: 0, jitter: 0 }, maxAttempts: 3 },
      appSecret: 'secret-app',
      verifyToken: 'jeton-verif',
      pages: [{ id: PAGE }],
      clock: () => new Date('2026-03-14T10:00:00Z'),
      queue: { ingest: async () => ({}), update: async () => Promise.reject(new Error('database is locked')) },
      log: (_level, message) => void warnings.push(message),
    });
    expect((await post(webhook, JSON.stringify(payload({ verb: 'remove' })))).status).toBe(200);
    for (let i = 0; i < 5; i++) await webhook.idle();
    expect(await inboxRows(db)).toMatchObject([{ state: 'failed', attempts: 3, last_error: 'Abandon après 3 tentatives : database is locked' }]);
    expect(warnings).toContain('Livraison de webhook gardée en échec, à examiner');
  });
});

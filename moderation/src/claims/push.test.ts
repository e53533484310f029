import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { IntegrationError } from '@hub/integrations/errors';
import { claimPushRow, createClaimPush, retryAfterMs } from './push.ts';
import { checkSignature } from './signature.ts';
import type { ClaimRow } from './store.ts';

const SECRET = 'grc-secret';
const NOW = new Date('2026-11-29T08:00:00Z');

function claim(n: number): ClaimRow {
  return {
    id: `claim-${n}`, reference: `REC-2026-00000${n}`, category: 'fuite_degat_des_eaux', residence: 'Les Tilleuls', address: null,
    description: 'Fuite au plafond [donnée masquée]', item_id: `item-${n}`, author_handle: 'Nadia Benali', permalink: 'https://facebook.example/c1',
    status: 'nouvelle', emergency: 1, created_at: '2026-11-28T22:00:00.000Z', updated_at: '2026-11-28T22:00:00.000Z', crm_reference: null,
  };
}

describe('the CRM push', () => {
  let db: Db;
  const sent: { url: string; init: RequestInit }[] = [];
  let answer: () => Response | Promise<Response> = () => new Response('{}', { status: 200 });
  const fakeFetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return answer();
  }) as typeof fetch;

  beforeAll(async () => {
    ({ db } = openDatabase('sqlite::memory:'));
    await migrate(db, 'sqlite', new Date());
    for (const n of [1, 2, 3, 4]) await db.insertInto('claims').values(claim(n)).execute();
  });
  afterAll(() => db.destroy());

  const push = () => createClaimPush({ db, dialect: 'sqlite', url: 'https://grc.example/claims', secret: SECRET, clock: () => NOW, fetch: fakeFetch });
  const row = (n: number) => ({ ...claimPushRow(claim(n), NOW.toISOString()), attempts: 1 });

  it('POSTs the claim signed, with its idempotency key, and marks it transmise', async () => {
    answer = () => new Response(JSON.stringify({ crmReference: 'GRC-42' }), { status: 201 });
    const result = await push()(row(1));
    expect(result.resultExternalId).toBe('GRC-42');
    const { url, init } = sent.at(-1)!;
    const headers = init.headers as Record<string, string>;
    expect(url).toBe('https://grc.example/claims');
    expect(headers['idempotency-key']).toBe('claim_push:REC-2026-000001');
    expect(checkSignature(SECRET, { timestamp: headers['x-hub-timestamp'], signature: headers['x-hub-signature-256'], body: String(init.body) }, NOW.getTime())).toEqual({ ok: true });
    expect(JSON.parse(String(init.body))).toEqual({
      reference: 'REC-2026-000001', category: 'fuite_degat_des_eaux', residence: 'Les Tilleuls', address: null, description: 'Fuite au plafond [donnée masquée]',
      link: 'https://facebook.example/c1', authorHandle: 'Nadia Benali', status: 'nouvelle', emergency: true, createdAt: '2026-11-28T22:00:00.000Z',
    });
    const stored = await db.selectFrom('claims').selectAll().where('id', '=', 'claim-1').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'transmise', crm_reference: 'GRC-42' });
    const events = await db.selectFrom('claim_events').selectAll().where('claim_id', '=', 'claim-1').execute();
    expect(events).toMatchObject([{ kind: 'status', actor: 'crm', from_status: 'nouvelle', to_status: 'transmise' }]);
  });

  it.each([
    [503, true],
    [429, true],
    [408, true],
    [500, true],
    [422, false],
    [401, false],
    [301, false],
  ])('answer %i: retryable %s, with a French reason', async (status, retryable) => {
    answer = () => new Response('détail de la GRC', { status, headers: { 'retry-after': '30' } });
    const error = (await push()(row(2)).catch((e: unknown) => e)) as IntegrationError;
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error.retryable).toBe(retryable);
    expect(error.message).toMatch(/^La GRC /);
    if (retryable) expect(error.retryAfterMs).toBe(30_000);
    expect((await db.selectFrom('claims').select('status').where('id', '=', 'claim-2').executeTakeFirstOrThrow()).status).toBe('nouvelle');
  });

  it('a receiver that cannot be reached is retried', async () => {
    answer = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    const error = (await push()(row(3)).catch((e: unknown) => e)) as IntegrationError;
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('La GRC ne répond pas (ECONNREFUSED).');
  });

  it('does not move a claim the CRM already moved further', async () => {
    await db.updateTable('claims').set({ status: 'en_cours' }).where('id', '=', 'claim-4').execute();
    answer = () => new Response('', { status: 202 });
    await push()(row(4));
    expect((await db.selectFrom('claims').select('status').where('id', '=', 'claim-4').executeTakeFirstOrThrow()).status).toBe('en_cours');
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs(new Date(NOW.getTime() + 5000).toUTCString(), NOW.getTime())).toBe(5000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
    expect(retryAfterMs('bientôt', 0)).toBeUndefined();
  });
});

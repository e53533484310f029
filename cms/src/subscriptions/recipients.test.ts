import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryDb } from './db.test.helper';
import { preferencesUrl, recipientsOf, suspendSubscriber, unsubscribeUrl } from './recipients';
import { ensureSubscriptionTables, TABLES } from './schema';
import { verifyToken } from './tokens';

let knex: Knex;
const at = new Date('2025-06-01T10:00:00Z');

async function subscriber(email: string, status: string, subscriptions: Array<[topic: string, status: string, frequency?: string]>) {
  const [row] = await knex(TABLES.subscribers).insert({ email, status, created_at: at }).returning('id');
  const id = Number((row as { id: number }).id);
  for (const [topic, subStatus, frequency = 'immediate'] of subscriptions) {
    await knex(TABLES.subscriptions).insert({ subscriber_id: id, topic, status: subStatus, frequency, consent_version: 'v1', created_at: at });
  }
  return id;
}

beforeEach(async () => {
  knex = await memoryDb();
});
afterEach(async () => {
  await knex.destroy();
});

describe('recipientsOf', () => {
  it('lists only active subscribers with an active subscription to one of the topics', async () => {
    const a = await subscriber('a@ex.fr', 'active', [['newsletter', 'active']]);
    await subscriber('pending@ex.fr', 'pending', [['newsletter', 'pending']]);
    await subscriber('unsub@ex.fr', 'active', [['newsletter', 'unsubscribed']]);
    await subscriber('suspended@ex.fr', 'suspended', [['newsletter', 'active']]);
    await subscriber('other@ex.fr', 'active', [['rubrique:actualites', 'active']]);
    expect(await recipientsOf(knex, ['newsletter'], 0, 100)).toEqual([{ subscriberId: a, email: 'a@ex.fr', frequency: 'immediate' }]);
    expect(await recipientsOf(knex, [], 0, 100)).toEqual([]);
  });

  it('pages by subscriber id, once per subscriber, immediate winning over daily', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await subscriber(`s${i}@ex.fr`, 'active', [['worksite:abcdefghij0123456789abcd', 'active', 'daily'], ['rubrique:rehabilitation', 'active', i % 2 ? 'immediate' : 'daily']]));
    }
    const topics = ['worksite:abcdefghij0123456789abcd', 'rubrique:rehabilitation'];
    const first = await recipientsOf(knex, topics, 0, 2);
    expect(first.map((r) => r.subscriberId)).toEqual(ids.slice(0, 2));
    const rest = await recipientsOf(knex, topics, first[1]!.subscriberId, 10);
    expect(rest.map((r) => r.subscriberId)).toEqual(ids.slice(2));
    expect([...first, ...rest].map((r) => r.frequency)).toEqual(['daily', 'immediate', 'daily', 'immediate', 'daily']);
  });
});

describe('suspendSubscriber', () => {
  it('takes the address out of every list and says why', async () => {
    const id = await subscriber('bounce@ex.fr', 'active', [['newsletter', 'active']]);
    await suspendSubscriber(knex, id, '550 Mailbox unavailable', at);
    expect(await recipientsOf(knex, ['newsletter'], 0, 10)).toEqual([]);
    const row = await knex(TABLES.subscribers).where({ id }).first();
    expect(row).toMatchObject({ status: 'suspended', suspended_reason: '550 Mailbox unavailable' });
  });
});

describe('links', () => {
  const links = { publicSiteUrl: 'https://www.bailleur.example/', secret: 's3cret' };
  it('points at the public site with a token for this subscriber and topic', () => {
    const url = new URL(unsubscribeUrl(links, 12, 'worksite:abcdefghij0123456789abcd'));
    expect(url.origin + url.pathname).toBe('https://www.bailleur.example/abonnements/desinscription');
    const now = new Date('2031-02-03T10:00:00Z');
    const check = verifyToken('s3cret', url.searchParams.get('jeton'), 'unsubscribe', now);
    expect(check).toEqual({ ok: true, payload: { p: 'unsubscribe', s: 12, t: 'worksite:abcdefghij0123456789abcd' } });
    const prefs = new URL(preferencesUrl(links, 12, now));
    expect(prefs.pathname).toBe('/abonnements');
    expect(verifyToken('s3cret', prefs.searchParams.get('jeton'), 'preferences', now)).toMatchObject({ ok: true, payload: { s: 12 } });
  });
});

describe('ensureSubscriptionTables', () => {
  it('can run again on existing tables', async () => {
    await ensureSubscriptionTables(knex);
    expect(await knex.schema.hasTable(TABLES.consents)).toBe(true);
  });
});

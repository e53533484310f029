import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '../../cms/src/subscriptions/consent.ts';
import { recipientsOf, suspendSubscriber } from '../../cms/src/subscriptions/recipients.ts';
import { ensureSubscriptionTables } from '../../cms/src/subscriptions/schema.ts';
import { createSubscriptionService } from '../../cms/src/subscriptions/service.ts';
import { createTempDatabase } from '../support/postgres.ts';

/** The subscription storage on PostgreSQL (the CMS's scale-out database), without Strapi around it. */
let database: Awaited<ReturnType<typeof createTempDatabase>>;
let knex: Knex;
const mails: Array<{ to: string; text: string }> = [];

beforeAll(async () => {
  database = await createTempDatabase();
  knex = knexFactory({ client: 'pg', connection: database.url });
  await ensureSubscriptionTables(knex);
  await ensureSubscriptionTables(knex);
});
afterAll(async () => {
  await knex?.destroy();
  await database?.drop();
});

const service = () =>
  createSubscriptionService({
    knex,
    links: { publicSiteUrl: 'https://www.bailleur.example', secret: 's' },
    siteName: 'Habitat Val de Loire',
    now: () => new Date(),
    catalog: { labelOf: async (t) => (t === 'newsletter' || t.startsWith('rubrique:') ? t : null) },
    mailer: { send: async (m) => (mails.push(m), { messageId: String(mails.length) }) },
  });
const token = (text: string, path: string) => new URL(new RegExp(`https://www\\.bailleur\\.example${path}\\?jeton=\\S+`).exec(text)![0]).searchParams.get('jeton')!;

describe('subscriptions on PostgreSQL', () => {
  it('subscribe, confirm, page the recipients, suspend, export, erase', async () => {
    const s = service();
    for (let i = 0; i < 3; i++) {
      const email = `pg${i}@exemple.fr`;
      await s.subscribe({ email, topic: 'rubrique:construction', frequency: i === 1 ? 'daily' : 'immediate', consentVersion: CURRENT_CONSENT_VERSION, ip: `10.0.0.${i}` });
      await s.confirm({ token: token(mails.at(-1)!.text, '/abonnements/confirmation'), apply: true });
    }
    expect(await s.subscribe({ email: 'pg0@exemple.fr', topic: 'rubrique:construction', consentVersion: CURRENT_CONSENT_VERSION, ip: '10.0.0.9' })).toMatchObject({ state: 'already' });
    const first = await recipientsOf(knex, ['rubrique:construction', 'newsletter'], 0, 2);
    const rest = await recipientsOf(knex, ['rubrique:construction'], first.at(-1)!.subscriberId, 10);
    expect([...first, ...rest].map((r) => [r.email, r.frequency])).toEqual([
      ['pg0@exemple.fr', 'immediate'],
      ['pg1@exemple.fr', 'daily'],
      ['pg2@exemple.fr', 'immediate'],
    ]);

    await suspendSubscriber(knex, first[0]!.subscriberId, '550 5.1.1 unknown user', new Date());
    expect((await recipientsOf(knex, ['rubrique:construction'], 0, 10)).map((r) => r.email)).toEqual(['pg1@exemple.fr', 'pg2@exemple.fr']);

    const preferences = token(mails.at(-1)!.text, '/abonnements');
    const data = await s.exportData({ token: preferences });
    expect(data.subscriber).toMatchObject({ email: 'pg2@exemple.fr', status: 'active', created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(data.consents.map((c) => c.action)).toEqual(['subscribe', 'confirm']);
    await s.erase({ token: preferences, confirm: true });
    expect((await recipientsOf(knex, ['rubrique:construction'], 0, 10)).map((r) => r.email)).toEqual(['pg1@exemple.fr']);
  });

  it('counts flood limits atomically under concurrent requests', async () => {
    const s = service();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        s.subscribe({ email: `foule${i}@exemple.fr`, topic: 'newsletter', consentVersion: CURRENT_CONSENT_VERSION, ip: '203.0.113.50' }).then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        ),
      ),
    );
    expect(answers.filter((a) => a === 'ok')).toHaveLength(10);
    expect(answers.filter((a) => a === 'too_many_requests')).toHaveLength(5);
  });
});

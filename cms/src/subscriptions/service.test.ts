import type { Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from './consent';
import { memoryDb } from './db.test.helper';
import { SubscriptionError } from './errors';
import { recipientsOf } from './recipients';
import { TABLES } from './schema';
import { createSubscriptionService, type SubscriptionService } from './service';
import { IntegrationError } from '@hub/integrations/errors';

const WORKSITE = 'worksite:abcdefghij0123456789abcd';
const links = { publicSiteUrl: 'https://www.bailleur.example', secret: 'test-secret' };

let knex: Knex;
let clock: Date;
let sent: Array<{ to: string; subject: string; text: string; html?: string; unsubscribeUrl?: string }>;
let refuse: null | { permanent: boolean };
let service: SubscriptionService;

beforeEach(async () => {
  knex = await memoryDb();
  clock = new Date('2025-06-01T10:00:00Z');
  sent = [];
  refuse = null;
  service = createSubscriptionService({
    knex,
    links,
    siteName: 'Habitat Val de Loire',
    now: () => clock,
    catalog: { labelOf: async (t) => (t === 'newsletter' ? 'Lettre d’information' : t === WORKSITE ? 'Alertes du chantier « Les Tilleuls »' : t.startsWith('rubrique:') ? 'Alertes' : null) },
    mailer: {
      async send(message) {
        if (refuse) throw new IntegrationError('refused', { kind: refuse.permanent ? 'refused' : 'transient' });
        sent.push(message);
        return { messageId: String(sent.length) };
      },
    },
  });
});
afterEach(async () => {
  await knex.destroy();
});

const later = (hours: number) => (clock = new Date(clock.getTime() + hours * 3600_000));
const subscribe = (email: string, topic = 'newsletter', ip = '192.0.2.1', frequency?: string) =>
  service.subscribe({ email, topic, frequency, consentVersion: CURRENT_CONSENT_VERSION, ip });
const tokenIn = (text: string, path: string) => new URL(new RegExp(`https://www\\.bailleur\\.example${path}\\?jeton=[^\\s"]+`).exec(text)![0]).searchParams.get('jeton')!;
const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (e: unknown) => (e instanceof SubscriptionError ? e.code : String(e)));
const count = async (table: string) => Number(((await knex(table).count({ n: '*' }).first()) as { n: number }).n);

describe('double opt-in', () => {
  it('sends one confirmation, nothing is sent before it, the link confirms once and then says so', async () => {
    expect(await subscribe(' Marie@Ex.fr ')).toEqual({ state: 'sent', label: 'Lettre d’information' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'marie@ex.fr', subject: 'Confirmez votre abonnement : Lettre d’information' });
    expect(sent[0]!.unsubscribeUrl).toMatch(/^https:\/\/www\.bailleur\.example\/abonnements\/desinscription\?jeton=/);
    expect(sent[0]!.text).toContain('https://www.bailleur.example/abonnements?jeton=');
    expect(await recipientsOf(knex, ['newsletter'], 0, 10)).toEqual([]);

    const token = tokenIn(sent[0]!.text, '/abonnements/confirmation');
    expect(await service.confirm({ token, apply: false })).toEqual({ state: 'ready', label: 'Lettre d’information' });
    expect(await recipientsOf(knex, ['newsletter'], 0, 10)).toEqual([]);
    expect(await service.confirm({ token, apply: true })).toMatchObject({ state: 'confirmed' });
    expect(await recipientsOf(knex, ['newsletter'], 0, 10)).toEqual([{ subscriberId: 1, email: 'marie@ex.fr', frequency: 'immediate' }]);
    expect(await service.confirm({ token, apply: true })).toMatchObject({ state: 'already' });

    const consents = await knex(TABLES.consents).orderBy('id');
    expect(consents.map((c: { action: string; consent_version: string }) => [c.action, c.consent_version])).toEqual([
      ['subscribe', CURRENT_CONSENT_VERSION],
      ['confirm', CURRENT_CONSENT_VERSION],
    ]);
  });

  it('says « already subscribed » for an active subscription and sends nothing', async () => {
    await subscribe('marie@ex.fr');
    await service.confirm({ token: tokenIn(sent[0]!.text, '/abonnements/confirmation'), apply: true });
    expect(await subscribe('marie@ex.fr')).toMatchObject({ state: 'already' });
    expect(sent).toHaveLength(1);
  });

  it('sends one confirmation for a double click, another one ten minutes later at the earliest', async () => {
    await subscribe('marie@ex.fr');
    expect(await subscribe('marie@ex.fr')).toMatchObject({ state: 'sent' });
    expect(sent).toHaveLength(1);
    later(0.5);
    await subscribe('marie@ex.fr');
    expect(sent).toHaveLength(2);
  });

  it('refuses an expired, a forged or a bent link and changes nothing', async () => {
    await subscribe('marie@ex.fr', WORKSITE, '192.0.2.1', 'daily');
    const token = tokenIn(sent[0]!.text, '/abonnements/confirmation');
    expect(await code(service.confirm({ token: token.slice(0, -2) + 'xx', apply: true }))).toBe('link_invalid');
    expect(await code(service.confirm({ token: 'n’importe quoi', apply: true }))).toBe('link_invalid');
    later(49);
    expect(await code(service.confirm({ token, apply: true }))).toBe('confirm_link_expired');
    expect(await knex(TABLES.subscriptions).first()).toMatchObject({ status: 'pending', frequency: 'daily' });
  });

  it('keeps nothing of an invalid request and nothing of an address whose server refuses', async () => {
    expect(await code(subscribe('pas-une-adresse'))).toBe('invalid_email');
    expect(await code(subscribe(`${'a'.repeat(250)}@ex.fr`))).toBe('email_too_long');
    expect(await code(subscribe('marie@ex.fr', 'worksite:inconnuinconnu0000'))).toBe('unknown_topic');
    expect(await code(subscribe('marie@ex.fr', 'rubrique:sport'))).toBe('unknown_topic');
    expect(await code(subscribe('marie@ex.fr', 'newsletter', '192.0.2.1', 'hourly'))).toBe('invalid_frequency');
    expect(await code(service.subscribe({ email: 'marie@ex.fr', topic: 'newsletter', consentVersion: '1999', ip: 'x' }))).toBe('unknown_consent');
    refuse = { permanent: true };
    expect(await code(subscribe('bounce@ex.fr'))).toBe('mail_refused');
    refuse = { permanent: false };
    expect(await code(subscribe('later@ex.fr'))).toBe('mail_unavailable');
    expect(await count(TABLES.subscribers)).toBe(0);
    expect(await count(TABLES.consents)).toBe(0);
    refuse = null;
    expect(await subscribe('later@ex.fr')).toMatchObject({ state: 'sent' });
  });

  it('stops a flood from one IP and for one address before anything is stored', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 14; i++) answers.push(await code(subscribe(`voisin${i}@ex.fr`, 'newsletter', '198.51.100.7')));
    expect(answers.filter((a) => a === 'too_many_requests')).toHaveLength(4);
    expect(await count(TABLES.subscribers)).toBe(10);
    const topics = ['newsletter', 'rubrique:actualites', 'rubrique:rehabilitation', 'rubrique:construction', WORKSITE, 'newsletter'];
    const perAddress: string[] = [];
    for (const [i, topic] of topics.entries()) perAddress.push(await code(subscribe('cible@ex.fr', topic, `203.0.113.${i}`)));
    expect(perAddress).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'too_many_requests']);
  });
});

describe('unsubscribe, preferences, export, erase', () => {
  async function activeSubscriber(email: string, topic = 'newsletter') {
    await subscribe(email, topic);
    const mail = sent.at(-1)!;
    await service.confirm({ token: tokenIn(mail.text, '/abonnements/confirmation'), apply: true });
    return { unsubscribe: new URL(mail.unsubscribeUrl!).searchParams.get('jeton')!, preferences: tokenIn(mail.text, '/abonnements') };
  }

  it('unsubscribes by the link, at once and for good; the old confirmation link no longer works', async () => {
    const { unsubscribe } = await activeSubscriber('marie@ex.fr');
    expect(await service.unsubscribe({ token: unsubscribe, apply: false })).toEqual({ state: 'ready', label: 'Lettre d’information' });
    expect(await service.unsubscribe({ token: unsubscribe, apply: true })).toMatchObject({ state: 'unsubscribed' });
    expect(await recipientsOf(knex, ['newsletter'], 0, 10)).toEqual([]);
    expect(await service.unsubscribe({ token: unsubscribe, apply: true })).toMatchObject({ state: 'already' });
    expect(await code(service.confirm({ token: tokenIn(sent[0]!.text, '/abonnements/confirmation'), apply: true }))).toBe('link_outdated');
  });

  it('never answers an unsubscribe with a preferences token (a forwarded letter must not open them)', async () => {
    const { unsubscribe } = await activeSubscriber('marie@ex.fr');
    const answers = [await service.unsubscribe({ token: unsubscribe, apply: true }), await service.unsubscribe({ token: unsubscribe, apply: true })];
    expect(answers).toEqual([
      { state: 'unsubscribed', label: 'Lettre d’information' },
      { state: 'already', label: 'Lettre d’information' },
    ]);
    expect(JSON.stringify(answers)).not.toContain('marie@ex.fr');
    // The unsubscribe token opens nothing of the preferences.
    expect(await code(service.preferences({ token: unsubscribe }))).toBe('link_invalid');
    expect(await code(service.exportData({ token: unsubscribe }))).toBe('link_invalid');
    expect(await code(service.erase({ token: unsubscribe, confirm: true }))).toBe('link_invalid');
  });

  it('mails the management link to the subscriber’s address on request from the unsubscribe link, a few times an hour', async () => {
    const { unsubscribe } = await activeSubscriber('marie@ex.fr');
    await service.unsubscribe({ token: unsubscribe, apply: true });
    const before = sent.length;
    expect(await service.sendManagementLink({ token: unsubscribe })).toEqual({ state: 'sent' });
    expect(sent).toHaveLength(before + 1);
    const mail = sent.at(-1)!;
    expect(mail.to).toBe('marie@ex.fr');
    expect(mail.subject).toBe('Votre lien pour gérer vos abonnements');
    expect((await service.preferences({ token: tokenIn(mail.text, '/abonnements') })).email).toBe('marie@ex.fr');
    await service.sendManagementLink({ token: unsubscribe });
    await service.sendManagementLink({ token: unsubscribe });
    expect(await service.sendManagementLink({ token: unsubscribe })).toEqual({ state: 'sent' });
    expect(sent).toHaveLength(before + 3);
    expect(await code(service.sendManagementLink({ token: 'abc.def' }))).toBe('link_invalid');
  });

  it('lists, changes the frequency, exports and erases', async () => {
    const { preferences } = await activeSubscriber('marie@ex.fr', WORKSITE);
    await activeSubscriber('marie@ex.fr', 'newsletter');
    const view = await service.preferences({ token: preferences });
    expect(view.email).toBe('marie@ex.fr');
    expect(view.subscriptions.map((s) => [s.topic, s.frequency, s.digest])).toEqual([
      [WORKSITE, 'immediate', true],
      ['newsletter', 'immediate', false],
    ]);
    await service.update({ token: preferences, topic: WORKSITE, action: 'frequency', frequency: 'daily' });
    expect(await code(service.update({ token: preferences, topic: 'newsletter', action: 'frequency', frequency: 'daily' }))).toBe('invalid_frequency');
    expect((await recipientsOf(knex, [WORKSITE], 0, 10))[0]?.frequency).toBe('daily');

    const data = await service.exportData({ token: preferences });
    expect(data.subscriber).toMatchObject({ email: 'marie@ex.fr', status: 'active' });
    expect(data.subscriptions).toHaveLength(2);
    expect(data.consents).toHaveLength(4);
    expect(Object.keys(data.consentTexts)).toEqual([CURRENT_CONSENT_VERSION]);

    expect(await code(service.erase({ token: preferences, confirm: false }))).toBe('erase_not_confirmed');
    expect(await service.erase({ token: preferences, confirm: true })).toEqual({ state: 'erased' });
    expect(await count(TABLES.subscribers)).toBe(0);
    expect(await count(TABLES.subscriptions)).toBe(0);
    expect(await knex(TABLES.consents).select('action', 'topic', 'consent_version')).toEqual([{ action: 'erase', topic: null, consent_version: null }]);
    expect(await code(service.preferences({ token: preferences }))).toBe('link_outdated');
  });

  it('sends a fresh preferences link to a known address only, with the same answer', async () => {
    await activeSubscriber('marie@ex.fr');
    const before = sent.length;
    expect(await service.sendPreferencesLink({ email: 'inconnu@ex.fr', ip: '192.0.2.9' })).toEqual({ state: 'sent' });
    expect(sent).toHaveLength(before);
    expect(await service.sendPreferencesLink({ email: 'MARIE@ex.fr', ip: '192.0.2.9' })).toEqual({ state: 'sent' });
    expect(sent).toHaveLength(before + 1);
    const mail = sent.at(-1)!;
    expect(mail.subject).toBe('Votre lien pour gérer vos abonnements');
    expect((await service.preferences({ token: tokenIn(mail.text, '/abonnements') })).email).toBe('marie@ex.fr');
    // Its one-click unsubscribe stops everything.
    await service.unsubscribe({ token: new URL(mail.unsubscribeUrl!).searchParams.get('jeton'), apply: true });
    expect(await recipientsOf(knex, ['newsletter'], 0, 10)).toEqual([]);
  });
});

import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsRequest, fullAccessToken } from '../support/cms-admin.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';
import { cmsDatabase } from '../subscriptions/helpers.ts';
import { addSubscribers } from './helpers.ts';

/**
 * Alerts: publishing an article of a worksite or of a rubrique, or adding a nuisance notice to a
 * worksite, e-mails that worksite's (or rubrique's) subscribers once — at once for those who chose
 * « à chaque publication », in one digest a day for the others.
 */
let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;
let token: string;
let worksites: Array<{ documentId: string; name: string; slug: string }>;
const people: Record<string, string[]> = {};

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '200' } });
  db = cmsDatabase(hub);
  token = await fullAccessToken(hub);
  worksites = (await cmsRequest(hub, token, 'GET', 'worksites?fields[0]=name&fields[1]=slug&sort=id')).data;
  const [a, b] = worksites;
  people.followA = await addSubscribers(db, { count: 3, prefix: 'chantier-a', topic: `worksite:${a!.documentId}` });
  people.followB = await addSubscribers(db, { count: 2, prefix: 'chantier-b', topic: `worksite:${b!.documentId}` });
  people.rehab = await addSubscribers(db, { count: 2, prefix: 'rehab', topic: 'rubrique:rehabilitation' });
  people.dailyA = await addSubscribers(db, { count: 2, prefix: 'quotidien-a', topic: `worksite:${a!.documentId}`, frequency: 'daily' });
  people.newsletter = await addSubscribers(db, { count: 1, prefix: 'lettre', topic: 'newsletter' });
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

/** Addresses that received something since the sink was cleared, sorted. */
const reached = () => [...smtp.perRecipient.keys()].sort();
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function addNuisance(worksiteId: string, nuisance: { type: string; from: string; to?: string; text: string }) {
  const current = await cmsRequest(hub, token, 'GET', `worksites/${worksiteId}?populate[nuisances]=true`);
  const kept = (current.data.nuisances ?? []).map(({ id: _id, ...rest }: { id: number }) => rest);
  await cmsRequest(hub, token, 'PUT', `worksites/${worksiteId}?status=published`, { data: { nuisances: [...kept, nuisance] } });
}

describe('alerts', () => {
  it('an article of a worksite reaches that worksite’s immediate subscribers only, once', async () => {
    const [a] = worksites;
    const slug = `echafaudages-${Date.now()}`;
    const created = await cmsRequest(hub, token, 'POST', 'articles?status=published', {
      data: { title: 'Pose des échafaudages', slug, excerpt: 'Les échafaudages montent cette semaine.', rubrique: 'actualites', worksite: a!.documentId, commentsOpen: true },
    });
    await eventually(async () => (smtp.perRecipient.size === 3 ? true : undefined), 15_000);
    await settle();
    expect(reached()).toEqual([...people.followA!].sort());
    const mail = smtp.to(people.followA![0]!)[0]!;
    expect(mail.parsed.subject).toBe(`Chantier ${a!.name} : Pose des échafaudages`);
    expect(mail.parsed.text).toContain(`/articles/${slug}`);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);

    // Published again after an edit: not news, nothing sent.
    await cmsRequest(hub, token, 'PUT', `articles/${created.data.documentId}?status=published`, { data: { excerpt: 'Les échafaudages sont montés.' } });
    await settle();
    expect(smtp.count).toBe(3);
    smtp.clear();
  });

  it('an article of a rubrique reaches that rubrique’s subscribers', async () => {
    await cmsRequest(hub, token, 'POST', 'articles?status=published', {
      data: { title: 'Isolation des combles', slug: `combles-${Date.now()}`, rubrique: 'rehabilitation', commentsOpen: true },
    });
    await eventually(async () => (smtp.perRecipient.size === 2 ? true : undefined), 15_000);
    await settle();
    expect(reached()).toEqual([...people.rehab!].sort());
    expect(smtp.to(people.rehab![0]!)[0]!.parsed.subject).toBe('Réhabilitation : Isolation des combles');
    smtp.clear();
  });

  it('a nuisance notice added to a worksite reaches its subscribers, and only the new notice does', async () => {
    const [, b] = worksites;
    await addNuisance(b!.documentId, { type: 'coupure_eau', from: '2030-03-12T07:00:00.000Z', to: '2030-03-12T11:00:00.000Z', text: 'Coupure d’eau froide et chaude, bâtiment C.' });
    await eventually(async () => (smtp.perRecipient.size === 2 ? true : undefined), 15_000);
    await settle();
    expect(reached()).toEqual([...people.followB!].sort());
    const mail = smtp.to(people.followB![0]!)[0]!;
    expect(mail.parsed.subject).toBe(`Chantier ${b!.name} : coupure d’eau du mardi 12 mars 2030 à 08:00 au mardi 12 mars 2030 à 12:00`);
    expect(mail.parsed.text).toContain('Coupure d’eau froide et chaude, bâtiment C.');

    // Saving the worksite again (its text fixed) alerts nobody.
    const current = await cmsRequest(hub, token, 'GET', `worksites/${b!.documentId}?populate[nuisances]=true`);
    const nuisances = current.data.nuisances.map(({ id: _id, ...n }: { id: number; text: string }) => ({ ...n, text: n.text.replace('bâtiment C', 'bâtiment C (escaliers 1 et 2)') }));
    await cmsRequest(hub, token, 'PUT', `worksites/${b!.documentId}?status=published`, { data: { nuisances } });
    await settle();
    expect(smtp.count).toBe(2);
    smtp.clear();
  });

  it('daily subscribers get nothing at once, then one digest grouping the day’s alerts', async () => {
    const [a] = worksites;
    await addNuisance(a!.documentId, { type: 'bruit', from: '2030-03-16T06:00:00.000Z', text: 'Perçage des façades.' });
    await eventually(async () => (smtp.perRecipient.size === 3 ? true : undefined), 15_000);
    await settle();
    expect(reached()).toEqual([...people.followA!].sort());
    smtp.clear();

    // Two days later (the digest's clock is moved): one e-mail each with both alerts on worksite A.
    await hub.restartCms({ HUB_CLOCK_SHIFT_HOURS: '48' });
    await eventually(async () => (smtp.perRecipient.size === 2 ? true : undefined), 20_000);
    await settle();
    expect(reached()).toEqual([...people.dailyA!].sort());
    expect(smtp.count).toBe(2);
    const digest = smtp.to(people.dailyA![0]!)[0]!;
    expect(digest.parsed.subject).toMatch(/^Votre résumé du .+ : 2 nouveautés$/);
    expect(digest.parsed.text).toContain('1. Pose des échafaudages');
    expect(digest.parsed.text).toContain(`2. Travaux bruyants : chantier ${a!.name}`);
    expect(digest.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
  });
});

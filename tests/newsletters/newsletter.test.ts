import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsRequest } from '../support/cms-admin.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';
import { cmsDatabase } from '../subscriptions/helpers.ts';
import { addSubscribers, adminSession, adminWithRole, copiesPerAddress, panel, publishedNewsletter, sendFinished } from './helpers.ts';

/** The communication team sends a newsletter from the CMS: a test first, then the one real send. */
let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;
let jwt: string;

beforeAll(async () => {
  smtp = await startSmtpSink({ refuse: (address) => (address === 'rebond@exemple.fr' ? 550 : undefined) });
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '200' } });
  db = cmsDatabase(hub);
  jwt = await adminSession(hub);
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

describe('sending a newsletter', () => {
  let newsletter: Awaited<ReturnType<typeof publishedNewsletter>>;
  let active: string[];
  let pending: string[];

  beforeAll(async () => {
    active = await addSubscribers(db, { count: 30, prefix: 'locataire' });
    pending = await addSubscribers(db, { count: 5, prefix: 'non-confirme', status: 'pending' });
    await addSubscribers(db, { count: 1, prefix: 'alerte', topic: 'rubrique:actualites' });
    await db('hub_subscribers').insert({ email: 'rebond@exemple.fr', status: 'active', created_at: new Date() });
    const [rebond] = await db('hub_subscribers').where({ email: 'rebond@exemple.fr' }).pluck('id');
    await db('hub_subscriptions').insert({ subscriber_id: rebond, topic: 'newsletter', frequency: 'immediate', status: 'active', consent_version: '2025-06', created_at: new Date() });
    newsletter = await publishedNewsletter(hub, 'La lettre des locataires — test');
  });

  it('is refused without an admin session', async () => {
    const res = await fetch(`${hub.cmsUrl}/hub/newsletters/${newsletter.documentId}/send`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(smtp.count).toBe(0);
  });

  it('shows the audience before sending', async () => {
    const { status, body } = await panel(hub, jwt, 'GET', `${newsletter.documentId}/sending`);
    expect(status).toBe(200);
    expect(body!.data).toEqual({ published: true, audience: 31, job: null });
  });

  it('sends a test to one address only, as many times as asked', async () => {
    for (let i = 0; i < 2; i++) expect((await panel(hub, jwt, 'POST', `${newsletter.documentId}/test`, { email: 'Redaction@Bailleur.example' })).status).toBe(200);
    const [test] = await smtp.waitFor(2, 'redaction@bailleur.example');
    expect(smtp.count).toBe(2);
    expect(test!.parsed.subject).toBe('[Test] La lettre des locataires — test');
    const bad = await panel(hub, jwt, 'POST', `${newsletter.documentId}/test`, { email: 'pas une adresse' });
    expect(bad.status).toBe(400);
    expect(bad.body!.error!.message).toContain('adresse e-mail valide');
    smtp.clear();
  });

  it('is open to the « Communication » role, not to an author', async () => {
    const communication = await adminWithRole(hub, jwt, 'hub-communication', 'julie.com@bailleur.example');
    expect((await panel(hub, communication, 'GET', `${newsletter.documentId}/sending`)).status).toBe(200);
    expect((await panel(hub, communication, 'POST', `${newsletter.documentId}/test`, { email: 'julie.com@bailleur.example' })).status).toBe(200);
    await smtp.waitFor(1, 'julie.com@bailleur.example');
    const author = await adminWithRole(hub, jwt, 'strapi-author', 'auteur@bailleur.example');
    expect((await panel(hub, author, 'POST', `${newsletter.documentId}/send`)).status).toBe(403);
    expect((await panel(hub, author, 'POST', `${newsletter.documentId}/test`, { email: 'auteur@bailleur.example' })).status).toBe(403);
    smtp.clear();
  });

  it('refuses to send a newsletter that is not published', async () => {
    const draft = await cmsRequest(hub, newsletter.token, 'POST', 'newsletters?status=draft', { data: { title: 'Brouillon', slug: `brouillon-${Date.now()}` } });
    const { status, body } = await panel(hub, jwt, 'POST', `${draft.data.documentId}/send`);
    expect(status).toBe(409);
    expect(body!.error!.message).toMatch(/^Publiez d’abord la lettre/);
  });

  it('reaches every active subscriber once, no pending one; a hard bounce suspends the address', async () => {
    const started = await panel(hub, jwt, 'POST', `${newsletter.documentId}/send`);
    expect(started.status).toBe(202);
    const done = await sendFinished(hub, jwt, newsletter.documentId);
    expect(done.job).toMatchObject({ state: 'done', total: 31, sent: 30, failed: 1, remaining: 0 });
    await eventually(async () => (smtp.messages.length === 30 ? true : undefined), 5000);
    const copies = copiesPerAddress(smtp);
    expect(new Set(copies.keys())).toEqual(new Set(active));
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
    for (const address of pending) expect(copies.has(address)).toBe(false);
    expect(await db('hub_subscribers').where({ email: 'rebond@exemple.fr' }).first()).toMatchObject({ status: 'suspended' });
    expect((await db('hub_send_log').where({ email: 'rebond@exemple.fr' }).first()).error).toMatch(/550/);
  });

  it('is a French HTML and text message with the articles, one-click unsubscribe and preferences', async () => {
    const mail = smtp.to(active[0]!)[0]!;
    expect(mail.parsed.subject).toBe('La lettre des locataires — test');
    expect(mail.parsed.from?.text).toContain('Habitat Val de Loire');
    expect(mail.raw).toMatch(/^List-Unsubscribe:\s*<http:\/\/localhost:\d+\/abonnements\/desinscription\?jeton=[^>]+>/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(mail.parsed.html).toContain('<html lang="fr"');
    expect(mail.parsed.text).toContain('Voici les nouvelles du mois.');
    for (const article of newsletter.articles) {
      expect(mail.parsed.html).toContain(`/articles/${article.slug}"`);
      expect(mail.parsed.text).toContain(`/articles/${article.slug}`);
    }
    expect(mail.parsed.text).toMatch(/Gérer mes abonnements : http:\/\/localhost:\d+\/abonnements\?jeton=/);
    // Each subscriber's links are their own.
    const other = smtp.to(active[1]!)[0]!;
    expect(/List-Unsubscribe:\s*<([^>]+)>/.exec(other.raw)![1]).not.toBe(/List-Unsubscribe:\s*<([^>]+)>/.exec(mail.raw)![1]);
  });

  it('refuses a second send, in French', async () => {
    const again = await panel(hub, jwt, 'POST', `${newsletter.documentId}/send`);
    expect(again.status).toBe(409);
    expect(again.body!.error!.message).toMatch(/^Cette lettre a déjà été envoyée/);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.length).toBe(30);
  });

  it('appears in the site’s archive with its send date', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const { value: html } = await eventually(async () => {
      const page = await (await fetch(`${hub.siteUrl}/newsletters`)).text();
      const item = page.split('<li>').find((li) => li.includes('La lettre des locataires — test'));
      return item?.includes(`datetime="${today}"`) ? item : undefined;
    }, 5000, 200);
    expect(html).toContain(`/newsletters/${newsletter.slug}`);
  });
});

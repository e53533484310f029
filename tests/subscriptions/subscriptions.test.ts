import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { recipientsOf } from '../../cms/src/subscriptions/recipients.ts';
import { signToken } from '../../cms/src/subscriptions/tokens.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { cmsDatabase, linkIn, listUnsubscribe, postForm, subscriptionFormFields } from './helpers.ts';

let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;
const worksite = demoContent.worksites.find((w) => w.status === 'en_cours')!;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // Every request comes from 127.0.0.1 here: the per-IP limit is tested in flood.test.ts.
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, SUBSCRIBE_LIMIT_PER_IP: '1000' } });
  db = cmsDatabase(hub);
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

const page = async (path: string) => (await fetch(hub.siteUrl + path)).text();
const subscriberRow = (email: string) => db('hub_subscribers').where({ email }).first();

/** Fills in the form of `pagePath` with `email` and posts it, as a browser would. */
async function subscribeOn(pagePath: string, email: string, extra: Record<string, string> = {}) {
  const fields: Record<string, string> = { ...subscriptionFormFields(await page(pagePath)), email, ...extra };
  return { fields, res: await postForm(hub, '/abonnements/inscription', fields) };
}

describe('the forms', () => {
  it.each([`/chantiers/${worksite.slug}`, '/actualites', '/rehabilitation', '/construction', '/newsletters'])('%s has a labelled subscription form with its consent sentence', async (path) => {
    const html = await page(path);
    expect(html).toMatch(/<label for="abonnement-email">Votre adresse e-mail<\/label>/);
    expect(html).toMatch(/<input id="abonnement-email" name="email" type="email"[^>]*aria-describedby="abonnement-email-aide"/);
    expect(html).toMatch(/<button type="submit" aria-describedby="abonnement-consentement">S’abonner<\/button>/);
    expect(html).toContain('En vous abonnant, vous acceptez de recevoir par e-mail');
    const fields = subscriptionFormFields(html);
    expect(fields.consentement_version).toMatch(/^\d{4}-\d{2}$/);
    if (path !== '/newsletters') {
      expect(html).toMatch(/<legend>Recevoir les alertes<\/legend>/);
      expect(html).toMatch(/<label for="abonnement-frequence-daily">Un résumé par jour<\/label>/);
    }
  });
});

describe('double opt-in for a worksite', () => {
  const email = 'marie.dupont@exemple.fr';
  let topic: string;

  it('sends one confirmation e-mail and nothing else; the address is not a recipient yet', async () => {
    const { fields, res } = await subscribeOn(`/chantiers/${worksite.slug}`, 'Marie.Dupont@Exemple.fr', { frequence: 'daily' });
    topic = fields.sujet!;
    expect(topic).toMatch(/^worksite:[a-z0-9]+$/);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/abonnements\/inscription\?etat=envoye/);
    const result = await fetch(hub.siteUrl + location);
    expect(result.headers.get('cache-control')).toContain('no-store');
    expect(await result.text()).toContain('Un e-mail de confirmation vient d’être envoyé');

    const [mail] = await smtp.waitFor(1, email);
    expect(mail!.parsed.subject).toBe(`Confirmez votre abonnement : Alertes du chantier « ${worksite.name} »`);
    expect(mail!.parsed.html).toContain('Confirmer mon abonnement');
    expect(mail!.parsed.text).toContain('valable 48 heures');
    expect(mail!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(linkIn(mail!, '/abonnements', hub)).toContain('jeton=');
    expect(await recipientsOf(db, [topic], 0, 100)).toEqual([]);
    expect(await subscriberRow(email)).toMatchObject({ status: 'pending' });
  });

  it('confirms by the link: a page with a button, then the address receives alerts', async () => {
    const mail = smtp.to(email)[0]!;
    const link = linkIn(mail, '/abonnements/confirmation', hub);
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('Confirmer mon abonnement');
    // Opening the link (as a mail scanner would) changes nothing.
    expect(await recipientsOf(db, [topic], 0, 100)).toEqual([]);

    const confirmed = await postForm(hub, new URL(link).pathname + new URL(link).search, { jeton: new URL(link).searchParams.get('jeton')! });
    expect(confirmed.status).toBe(200);
    const text = await confirmed.text();
    expect(text).toContain('Abonnement confirmé');
    expect(text).toContain('/abonnements?jeton=');
    const recipients = await recipientsOf(db, [topic], 0, 100);
    expect(recipients).toEqual([{ subscriberId: expect.any(Number), email, frequency: 'daily' }]);

    const again = await postForm(hub, new URL(link).pathname + new URL(link).search, {});
    expect(await again.text()).toContain('Votre abonnement était déjà confirmé');
    const consents = await db('hub_consents').where({ subscriber_id: recipients[0]!.subscriberId }).orderBy('id');
    expect(consents.map((c: { action: string }) => c.action)).toEqual(['subscribe', 'confirm']);
    expect(consents[0].consent_version).toMatch(/^\d{4}-\d{2}$/);
  });

  it('says « déjà abonnée » to an active address and sends nothing more', async () => {
    const { res } = await subscribeOn(`/chantiers/${worksite.slug}`, email);
    expect(res.headers.get('location')).toMatch(/etat=deja/);
    expect(await page(res.headers.get('location')!)).toContain('Cette adresse est déjà abonnée à ces messages');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('unsubscribes in one click, exactly as a mail client does (RFC 8058), and the address leaves the recipients', async () => {
    const url = listUnsubscribe(smtp.to(email)[0]!, hub);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('vous ne recevrez plus ces e-mails');
    expect(await recipientsOf(db, [topic], 0, 100)).toEqual([]);
    const subscriber = await subscriberRow(email);
    expect(await db('hub_subscriptions').where({ subscriber_id: subscriber.id, topic }).first()).toMatchObject({ status: 'unsubscribed' });
    // Twice is harmless; the old confirmation link no longer subscribes.
    const twice = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(await twice.text()).toContain('Déjà désabonné');
    const confirm = linkIn(smtp.to(email)[0]!, '/abonnements/confirmation', hub);
    expect((await postForm(hub, new URL(confirm).pathname + new URL(confirm).search, {})).status).toBe(410);
    expect(await recipientsOf(db, [topic], 0, 100)).toEqual([]);
  });
});

describe('links that must not work', () => {
  const email = 'jean.martin@exemple.fr';

  it('refuses a forged and an expired confirmation link in French, and changes nothing', async () => {
    await subscribeOn('/newsletters', email);
    const [mail] = await smtp.waitFor(1, email);
    const link = new URL(linkIn(mail!, '/abonnements/confirmation', hub));
    const token = link.searchParams.get('jeton')!;
    const subscriber = await subscriberRow(email);

    const forged = await postForm(hub, `/abonnements/confirmation?jeton=${encodeURIComponent(token.slice(0, -4) + 'AAAA')}`, {});
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Ce lien n’est pas valable');

    const bent = signToken('pas-le-bon-secret', { p: 'confirm', s: subscriber.id, t: 'newsletter', x: Math.floor(Date.now() / 1000) + 3600 });
    expect((await postForm(hub, `/abonnements/confirmation?jeton=${encodeURIComponent(bent)}`, {})).status).toBe(400);

    const expired = signToken(hub.secrets.HUB_SUBSCRIPTION_SECRET, { p: 'confirm', s: subscriber.id, t: 'newsletter', x: Math.floor(Date.now() / 1000) - 60 });
    const late = await postForm(hub, `/abonnements/confirmation?jeton=${encodeURIComponent(expired)}`, {});
    expect(late.status).toBe(410);
    expect(await late.text()).toContain('Ce lien de confirmation a expiré');

    expect(await fetch(`${hub.siteUrl}/abonnements/desinscription?jeton=abc`).then((r) => r.status)).toBe(400);
    expect(await recipientsOf(db, ['newsletter'], 0, 100)).toEqual([]);
    expect(await db('hub_subscriptions').where({ subscriber_id: subscriber.id }).first()).toMatchObject({ status: 'pending' });
  });
});

describe('bad input', () => {
  it('explains an invalid address next to the field, keeps what was typed, stores and sends nothing', async () => {
    const before = smtp.count;
    const { res } = await subscribeOn('/actualites', 'marie.dupont@exemple');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<p class="field__error" role="alert" id="abonnement-email-erreur">Cette adresse e-mail n’est pas valide.');
    expect(html).toMatch(/<input id="abonnement-email"[^>]*aria-describedby="abonnement-email-erreur abonnement-email-aide"[^>]*aria-invalid="true"[^>]*value="marie.dupont@exemple"/);
    expect(await subscriberRow('marie.dupont@exemple')).toBeUndefined();

    const long = await subscribeOn('/actualites', `${'a'.repeat(60)}@${'b'.repeat(200)}.fr`);
    expect(long.res.status).toBe(400);
    expect(await long.res.text()).toContain('Cette adresse e-mail est trop longue');

    const unknown = await subscribeOn('/actualites', 'paul@exemple.fr', { sujet: 'worksite:zzzzzzzzzzzzzzzzzzzzzzzz' });
    expect(unknown.res.status).toBe(400);
    expect(await unknown.res.text()).toContain('Cet abonnement n’existe pas ou plus');
    expect(await subscriberRow('paul@exemple.fr')).toBeUndefined();

    const crossSite = await fetch(hub.siteUrl + '/abonnements/inscription', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://ailleurs.example' },
      body: new URLSearchParams({ email: 'x@exemple.fr', sujet: 'newsletter' }).toString(),
    });
    expect(crossSite.status).toBe(403);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.count).toBe(before);
  });
});

describe('the preferences page', () => {
  const email = 'sylvie.bernard@exemple.fr';
  let preferences: string;

  it('is reached by a fresh link asked for by e-mail, with the same answer for an unknown address', async () => {
    await subscribeOn('/rehabilitation', email);
    const [confirmation] = await smtp.waitFor(1, email);
    const link = new URL(linkIn(confirmation!, '/abonnements/confirmation', hub));
    await postForm(hub, link.pathname + link.search, {});

    const unknown = await postForm(hub, '/abonnements', { action: 'lien', email: 'personne@exemple.fr' });
    const known = await postForm(hub, '/abonnements', { action: 'lien', email });
    expect(unknown.headers.get('location')).toBe('/abonnements?etat=lien');
    expect(known.headers.get('location')).toBe('/abonnements?etat=lien');
    const [, fresh] = await smtp.waitFor(2, email);
    expect(fresh!.parsed.subject).toBe('Votre lien pour gérer vos abonnements');
    expect(smtp.to('personne@exemple.fr')).toEqual([]);
    preferences = linkIn(fresh!, '/abonnements', hub);

    const html = await page(preferences.slice(hub.siteUrl.length));
    expect(html).toContain(email);
    expect(html).toContain('Alertes de la rubrique Réhabilitation');
    expect(html).toContain('Abonnement actif');
  });

  it('changes the frequency', async () => {
    const token = new URL(preferences).searchParams.get('jeton')!;
    const res = await postForm(hub, '/abonnements', { jeton: token, action: 'frequence', sujet: 'rubrique:rehabilitation', frequence: 'daily' });
    expect(res.status).toBe(303);
    expect(await page(res.headers.get('location')!)).toContain('C’est enregistré');
    expect((await recipientsOf(db, ['rubrique:rehabilitation'], 0, 100)).find((r) => r.email === email)?.frequency).toBe('daily');
  });

  it('exports everything stored about the address as JSON', async () => {
    const token = new URL(preferences).searchParams.get('jeton')!;
    const res = await postForm(hub, '/abonnements', { jeton: token, action: 'telecharger' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const data = await res.json();
    expect(data.subscriber).toMatchObject({ email, status: 'active' });
    expect(data.subscriptions).toEqual([expect.objectContaining({ topic: 'rubrique:rehabilitation', status: 'active', frequency: 'daily' })]);
    expect(data.consents.map((c: { action: string }) => c.action)).toEqual(['subscribe', 'confirm']);
    expect(Object.values(data.consentTexts)[0]).toContain('En vous abonnant');
  });

  it('erases it all after an explicit confirmation, leaving only an anonymous trace', async () => {
    const token = new URL(preferences).searchParams.get('jeton')!;
    const unconfirmed = await postForm(hub, '/abonnements', { jeton: token, action: 'effacer' });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Cochez la case pour confirmer');
    const subscriber = await subscriberRow(email);

    const res = await postForm(hub, '/abonnements', { jeton: token, action: 'effacer', confirmer: 'oui' });
    expect(res.headers.get('location')).toBe('/abonnements?etat=efface');
    expect(await subscriberRow(email)).toBeUndefined();
    expect(await db('hub_subscriptions').where({ subscriber_id: subscriber.id })).toEqual([]);
    expect(await db('hub_consents').where({ subscriber_id: subscriber.id }).select('action', 'topic', 'consent_version')).toEqual([
      { action: 'erase', topic: null, consent_version: null },
    ]);
    const gone = await fetch(preferences);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('Ce lien n’est plus valable');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { addSubscribers, adminSession, panel, publishedNewsletter, sendFinished } from '../newsletters/helpers.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp.ts';
import { cmsDatabase, linkIn, listUnsubscribe, postForm } from './helpers.ts';

/**
 * A newsletter forwarded to someone else: its unsubscribe link stops the letter, and gives
 * neither the address nor a way into the preferences (export, erasure).
 */
let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;
let letter: ReceivedMail;
let email: string;

/** Every signed token of a page (links and hidden fields), decoded. */
function tokensIn(html: string): Array<Record<string, unknown>> {
  const found = [...html.matchAll(/jeton(?:=|"\s+value=")([A-Za-z0-9_%.-]+)/g)].map((m) => decodeURIComponent(m[1]!));
  return found.map((t) => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>);
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, SUBSCRIBE_LIMIT_PER_IP: '1000', NEWSLETTER_RATE_PER_SECOND: '200' } });
  db = cmsDatabase(hub);
  email = (await addSubscribers(db, { count: 1, prefix: `transfert${Date.now()}-` }))[0]!;
  const jwt = await adminSession(hub);
  const newsletter = await publishedNewsletter(hub, 'Lettre transférée');
  expect((await panel(hub, jwt, 'POST', `${newsletter.documentId}/send`)).status).toBe(202);
  await sendFinished(hub, jwt, newsletter.documentId);
  letter = (await smtp.waitFor(1, email))[0]!;
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

describe('the unsubscribe link of a forwarded newsletter', () => {
  it('opens neither the address nor the preferences, before and after the one-click unsubscribe', async () => {
    const url = listUnsubscribe(letter, hub);
    const unsubscribeToken = new URL(url).searchParams.get('jeton')!;

    const shown = await (await fetch(url)).text();
    expect(shown).not.toContain(email);
    expect(tokensIn(shown).filter((t) => t.p !== 'unsubscribe')).toEqual([]);

    // What a mail app does with List-Unsubscribe-Post (RFC 8058): it still works.
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(res.status).toBe(200);
    const done = await res.text();
    expect(done).toContain('Désabonnement effectué');
    expect(done).not.toContain(email);
    expect(done).not.toMatch(/href="\/abonnements\?jeton=/);
    expect(tokensIn(done).filter((t) => t.p !== 'unsubscribe')).toEqual([]);
    const subscriber = await db('hub_subscribers').where({ email }).first();
    expect(await db('hub_subscriptions').where({ subscriber_id: subscriber.id, topic: 'newsletter' }).first()).toMatchObject({ status: 'unsubscribed' });

    // The CMS's own answer carries no preferences token either.
    const answer = await fetch(`${hub.cmsUrl}/api/hub/subscriptions/unsubscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-subscriptions-token': hub.secrets.HUB_SUBSCRIPTIONS_TOKEN },
      body: JSON.stringify({ token: unsubscribeToken, apply: true }),
    });
    expect(JSON.stringify(await answer.json())).not.toMatch(/preferences|@/i);

    // The unsubscribe token is no preferences token, and none can be made from it.
    expect(Object.keys(tokensIn(`jeton=${unsubscribeToken}`)[0]!).sort()).toEqual(['p', 's', 't']);
    const preferences = await fetch(`${hub.siteUrl}/abonnements?jeton=${encodeURIComponent(unsubscribeToken)}`);
    expect(await preferences.text()).not.toContain(email);
  });

  it('offers a management link sent to the address itself, in French, without showing it', async () => {
    const url = listUnsubscribe(letter, hub);
    const done = await (await postForm(hub, new URL(url).pathname + new URL(url).search, {})).text();
    expect(done).toContain('Recevoir un lien de gestion par e-mail');
    const before = smtp.to(email).length;
    const res = await postForm(hub, new URL(url).pathname + new URL(url).search, { action: 'lien' });
    expect(res.status).toBe(200);
    const sent = await res.text();
    expect(sent).toContain('Un lien pour gérer vos abonnements vient d’être envoyé à l’adresse abonnée.');
    expect(sent).not.toContain(email);
    expect(tokensIn(sent).filter((t) => t.p !== 'unsubscribe')).toEqual([]);
    const mails = await smtp.waitFor(before + 1, email);
    const management = await fetch(linkIn(mails[before]!, '/abonnements', hub));
    expect(await management.text()).toContain(email);
  });
});

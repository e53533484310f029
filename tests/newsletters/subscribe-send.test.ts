import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { linkIn, listUnsubscribe, postForm, subscriptionFormFields } from '../subscriptions/helpers.ts';
import { adminSession, panel, publishedNewsletter, sendFinished } from './helpers.ts';

/** The whole path through the site and the CMS: subscribe, confirm, receive, unsubscribe in one click. */
let hub: TestHub;
let smtp: SmtpSink;
let jwt: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, SUBSCRIBE_LIMIT_PER_IP: '1000', NEWSLETTER_RATE_PER_SECOND: '200' } });
  jwt = await adminSession(hub);
});
afterAll(async () => {
  await hub?.stop();
  await smtp?.close();
});

async function subscribe(email: string) {
  const fields = { ...subscriptionFormFields(await (await fetch(`${hub.siteUrl}/newsletters`)).text()), email };
  expect((await postForm(hub, '/abonnements/inscription', fields)).status).toBe(303);
  const [confirmation] = await smtp.waitFor(1, email);
  return confirmation!;
}

async function send(title: string) {
  const newsletter = await publishedNewsletter(hub, title);
  expect((await panel(hub, jwt, 'POST', `${newsletter.documentId}/send`)).status).toBe(202);
  return sendFinished(hub, jwt, newsletter.documentId);
}

describe('from the site’s form to the inbox', () => {
  it('subscribe → confirm → the newsletter arrives; unconfirmed addresses get nothing; one click stops the next one', async () => {
    const confirmation = await subscribe('claire.petit@exemple.fr');
    const link = new URL(linkIn(confirmation, '/abonnements/confirmation', hub));
    expect((await postForm(hub, link.pathname + link.search, {})).status).toBe(200);
    await subscribe('paul.durand@exemple.fr'); // never confirmed

    const first = await send('Lettre de décembre');
    expect(first.job).toMatchObject({ total: 1, sent: 1 });
    // The confirmation request, then the letter.
    await smtp.waitFor(2, 'claire.petit@exemple.fr');
    const letter = smtp.to('claire.petit@exemple.fr').find((m) => m.parsed.subject === 'Lettre de décembre')!;
    expect(letter).toBeDefined();
    expect(smtp.to('paul.durand@exemple.fr').map((m) => m.parsed.subject)).not.toContain('Lettre de décembre');

    // The preferences link of the letter opens the subscriber's page.
    const preferences = await fetch(linkIn(letter, '/abonnements', hub));
    expect(preferences.status).toBe(200);
    expect(await preferences.text()).toContain('claire.petit@exemple.fr');

    // What a mail app does with List-Unsubscribe-Post (RFC 8058).
    const unsubscribed = await fetch(listUnsubscribe(letter, hub), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);

    const second = await send('Lettre de janvier');
    expect(second.job).toMatchObject({ total: 0, sent: 0, state: 'done' });
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.map((m) => m.parsed.subject)).not.toContain('Lettre de janvier');
  });
});

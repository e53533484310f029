import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { cmsDatabase, postForm, subscriptionFormFields } from './helpers.ts';

let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;

beforeAll(async () => {
  smtp = await startSmtpSink();
  // The default limits: 10 requests per IP and per hour, 5 sign-ups per address and per hour.
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url } });
  db = cmsDatabase(hub);
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

const TOPICS = ['newsletter', 'rubrique:actualites', 'rubrique:rehabilitation', 'rubrique:construction'];

describe('a flood of sign-ups', () => {
  it('from one address: refused in French past the limit, one e-mail per accepted request, no row for the refused', async () => {
    const form = subscriptionFormFields(await (await fetch(hub.siteUrl + '/actualites')).text());
    const send = (sujet: string, email = 'cible@exemple.fr') => postForm(hub, '/abonnements/inscription', { ...form, sujet, email });
    const statuses: number[] = [];
    // Five topics, then the same one again: the sixth request for this address is one too many.
    for (const sujet of [...TOPICS, 'rubrique:actualites', 'newsletter']) statuses.push((await send(sujet)).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    const refused = await send('newsletter');
    expect(await refused.text()).toContain('Trop de demandes en peu de temps');
    await smtp.waitFor(4, 'cible@exemple.fr');
    await new Promise((r) => setTimeout(r, 300));
    // Four topics, four confirmations: the repeated topic within ten minutes sent nothing twice.
    expect(smtp.to('cible@exemple.fr')).toHaveLength(4);
    expect(await db('hub_subscriptions').count({ n: '*' }).first()).toEqual({ n: 4 });
  });

  it('from one IP: refused past the limit, and the refused addresses are not stored', async () => {
    const form = subscriptionFormFields(await (await fetch(hub.siteUrl + '/newsletters')).text());
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await postForm(hub, '/abonnements/inscription', { ...form, email: `voisin${i}@exemple.fr` })).status);
    // Seven requests from 127.0.0.1 already: three more pass, the eleventh does not.
    expect(statuses).toEqual([303, 303, 303, 429, 429]);
    expect(await db('hub_subscribers').whereIn('email', ['voisin3@exemple.fr', 'voisin4@exemple.fr'])).toEqual([]);
    const link = await postForm(hub, '/abonnements', { action: 'lien', email: 'cible@exemple.fr' });
    expect(link.status).toBe(429);
    expect(await link.text()).toContain('Trop de demandes');
  });
});

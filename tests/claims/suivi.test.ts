import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';
import { signedStatusUpdate, startCrmReceiver, type CrmReceiver } from './crm-receiver.ts';

const SECRET = 'secret-grc-du-hub-de-test';
const article = demoContent.articles.find((a) => a.commentsOpen)!;

/** The whole way: a comment on the real site, a claim in the console, the CRM's update, /suivi. */
describe('a tenant follows their claim on /suivi', () => {
  let hub: TestHub;
  let crm: CrmReceiver;

  beforeAll(async () => {
    crm = await startCrmReceiver(SECRET);
    hub = await startTestHub({ moderationEnv: { CLAIMS_WEBHOOK_URL: crm.url, CLAIMS_WEBHOOK_SECRET: SECRET, OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    await hub?.stop();
    await crm?.close();
  });

  const suivi = (query: string) => fetch(`${hub.siteUrl}/suivi${query}`);
  const postStatus = (payload: Record<string, unknown>) => {
    const update = signedStatusUpdate(SECRET, payload);
    return fetch(`${hub.moderationUrl}/claims/status`, { method: 'POST', headers: update.headers, body: update.body });
  };

  it('shows the status and the dates only, never cached, updated when the CRM reports', async () => {
    const text = `Le chauffage ne fonctionne plus depuis hier soir, il fait froid dans l’appartement ${Date.now()}`;
    const posted = await fetch(`${hub.siteUrl}/articles/${article.slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl },
      body: new URLSearchParams({ nom: 'Odette', commentaire: text, site_web: '' }).toString(),
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);

    const admin = consoleClient(hub.moderationUrl);
    await admin.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
    const queue = await admin.query<{ queue: { items: { id: string; text: string }[] } }>('query($t: String) { queue(filter: { text: $t }) { items { id text } } }', { t: text });
    const item = queue.data!.queue.items.find((i) => i.text === text)!;
    const opened = await admin.query<{ openClaim: { reference: string } }>('mutation($id: ID!) { openClaim(itemId: $id) { reference } }', { id: item.id });
    const reference = opened.data!.openClaim.reference;
    await eventually(async () => (crm.requests.some((r) => r.status === 201 && r.headers['idempotency-key'] === `claim_push:${reference}`) ? true : undefined), 10_000);

    const first = await suivi(`?reference=${reference}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const page = await first.text();
    expect(page).toContain(`Demande ${reference}`);
    expect(page).toMatch(/Statut<\/dt>\s*<dd><strong>transmise<\/strong>/);
    expect(page).toContain('Enregistrée le');
    expect(page).toContain('Dernière évolution');
    expect(page).not.toContain('Odette');
    expect(page).not.toContain('chauffage ne fonctionne plus');

    expect((await postStatus({ reference, status: 'en_cours', note: 'Chauffagiste missionné' })).status).toBe(200);
    const second = await suivi(`?reference=${reference.toLowerCase()}`);
    expect(second.headers.get('x-cache')).toBe('MISS');
    const updated = await second.text();
    expect(updated).toMatch(/<strong>en cours<\/strong>/);
    expect(updated).not.toContain('Chauffagiste');

    expect((await postStatus({ reference, status: 'resolue' })).status).toBe(200);
    expect(await (await suivi(`?reference=${reference}`)).text()).toMatch(/<strong>résolue<\/strong>/);

    // The team's reply with the reference shows under the comment on the article.
    const articlePage = await (await fetch(`${hub.siteUrl}/articles/${article.slug}`)).text();
    expect(articlePage).toContain(reference);
  });

  it('explains a malformed or unknown reference in French', async () => {
    const malformed = await suivi('?reference=REC-12');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('Référence invalide');
    const unknown = await suivi('?reference=REC-2020-999999');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Aucune réclamation ne porte cette référence');
    const empty = await suivi('?reference=');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Saisissez la référence');
  });

  it('offers a labelled form that works without JavaScript', async () => {
    const res = await suivi('');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<form class="search-form" action="/suivi" method="get"');
    expect(page).toContain('<label for="reference">Référence de votre demande</label>');
    expect(page).toContain('href="/suivi"');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoContent } from '../../cms/src/seed/content.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { consoleClient } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';

let hub: TestHub;
const article = demoContent.articles.find((a) => a.commentsOpen)!;
const closed = demoContent.articles.find((a) => !a.commentsOpen)!;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

/** A browser posting a form: same origin, url-encoded, no redirect followed. */
function postForm(path: string, fields: Record<string, string>) {
  return fetch(hub.siteUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

async function adminClient() {
  const client = consoleClient(hub.moderationUrl);
  await client.login(hub.adminEmail, hub.secrets.HUB_ADMIN_PASSWORD);
  return client;
}

describe('comments under an article', () => {
  it('thanks the tenant, and shows the comment once approved', async () => {
    const text = `Les nouvelles fenêtres sont très bien posées, merci à l’équipe ${Date.now()}`;
    const res = await postForm(`/articles/${article.slug}`, { nom: 'Monique', commentaire: text, site_web: '' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const thanks = await (await fetch(hub.siteUrl + location)).text();
    expect(thanks).toMatch(/Merci, votre commentaire (est publié|sera publié après relecture)/);
    const shown = await eventually(async () => ((await (await fetch(`${hub.siteUrl}/articles/${article.slug}`)).text()).includes('Monique') ? true : undefined), 2000);
    expect(shown.value).toBe(true);
  });

  it('never shows an insult, and says so to nobody but the moderators', async () => {
    const res = await postForm(`/articles/${article.slug}`, { nom: 'Anonyme', commentaire: 'Bande de c.o.n.n.a.r.d.s', site_web: '' });
    expect(res.status).toBe(303);
    const page = await (await fetch(`${hub.siteUrl}/articles/${article.slug}`)).text();
    expect(page).not.toMatch(/c\.o\.n\.n\.a\.r\.d/);
    const admin = await adminClient();
    const rejected = await admin.query<{ queue: { items: { text: string }[] } }>('{ queue(filter: { states: [rejected] }) { items { text } } }');
    expect(rejected.data!.queue.items.map((i) => i.text)).toContain('Bande de c.o.n.n.a.r.d.s');
  });

  it('keeps what was typed and explains an empty comment in French', async () => {
    const res = await postForm(`/articles/${article.slug}`, { nom: 'Karim', commentaire: '', site_web: '' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Votre commentaire : champ obligatoire.');
    expect(page).toContain('value="Karim"');
  });

  it('refuses a comment on an article whose comments are closed', async () => {
    const res = await postForm(`/articles/${closed.slug}`, { nom: 'Karim', commentaire: 'Bonjour', site_web: '' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Les commentaires sont fermés pour cet article.');
  });
});

describe('the contact form', () => {
  it('acknowledges the message and puts it in the queue with the contact kept private', async () => {
    const res = await postForm('/contact', {
      nom: 'Sylvie Martin',
      coordonnees: 'sylvie.martin@exemple.fr',
      residence: 'Les Tilleuls',
      objet: 'Vie de la résidence',
      message: 'Bonjour, la lumière du hall B reste allumée toute la nuit.',
      consentement: 'oui',
      site_web: '',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Merci, votre message a bien été transmis');
    const admin = await adminClient();
    const queue = await admin.query<{ queue: { items: { source: string; text: string; privateDetails: string; residence: string }[] } }>(
      '{ queue(filter: { sources: [site_contact] }) { items { source text privateDetails residence } } }',
    );
    const item = queue.data!.queue.items[0]!;
    expect(item.text).toContain('la lumière du hall B');
    expect(item.residence).toBe('Les Tilleuls');
    expect(JSON.parse(item.privateDetails).contact).toBe('sylvie.martin@exemple.fr');
  });

  it('asks for consent, keeps the typed text, stores nothing', async () => {
    const admin = await adminClient();
    const count = async () => (await admin.query<{ moderationStats: { total: number } }>('{ moderationStats { total } }')).data!.moderationStats.total;
    const before = await count();
    const res = await postForm('/contact', { nom: 'Paul', coordonnees: '06 11 22 33 44', objet: 'Autre', message: 'Ma boîte aux lettres est cassée.', site_web: '' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Merci de cocher la case de consentement.');
    expect(page).toContain('Ma boîte aux lettres est cassée.');
    expect(await count()).toBe(before);
  });
});

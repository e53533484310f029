import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, postComment, startModeration, type TestModeration } from '../support/moderation.ts';

const SITE = 'https://www.habitat.example';

/** Without a CRM: the console's claims list is the record, community managers move the status. */
describe('claims without a CRM', () => {
  let mod: TestModeration;
  let admin: ReturnType<typeof consoleClient>;
  let reader: ReturnType<typeof consoleClient>;

  beforeAll(async () => {
    mod = await startModeration({ env: { PUBLIC_SITE_URL: SITE, OUTBOX_POLL_MS: '50' } });
    admin = consoleClient(mod.url);
    await admin.login(mod.adminEmail, mod.adminPassword);
    await mod.services.accounts.create('system', { email: 'com@bailleur.example', displayName: 'Camille', role: 'communication_readonly', password: 'Lecture-Seule-2026' });
    reader = consoleClient(mod.url);
    await reader.login('com@bailleur.example', 'Lecture-Seule-2026');
  });
  afterAll(async () => {
    await mod?.stop();
  });

  const itemByText = async (text: string) => (await mod.services.db.selectFrom('items').selectAll().where('text', '=', text).executeTakeFirstOrThrow());
  const open = (client: ReturnType<typeof consoleClient>, itemId: string, extra = '') =>
    client.query<{ openClaim: { reference: string; status: string; authorHandle: string | null; link: string | null; description: string; residence: string | null; events: { kind: string; note: string | null }[] } }>(
      `mutation($id: ID!) { openClaim(itemId: $id${extra}) { reference status authorHandle link description residence events { kind note } } }`,
      { id: itemId },
    );
  const lookup = (reference: string, clientKey = 'visiteur-1') =>
    fetch(`${mod.url}/public/claims/${reference}`, { headers: { 'x-hub-site-token': mod.siteToken, 'x-hub-client-key': clientKey } }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

  it('a tenant’s request under an article: the claim, the team’s reply under the comment, the status moved by a community manager', async () => {
    const text = `L’ascenseur du bâtiment C est en panne depuis lundi, pouvez-vous envoyer quelqu’un ? ${Date.now()}`;
    expect((await postComment(mod, { text, authorName: 'Monique' })).status).toBe(201);
    const item = await itemByText(text);
    expect(item).toMatchObject({ state: 'held', request_category: 'ascenseur' });

    const res = await open(admin, item.id);
    expect(res.errors).toBeUndefined();
    const claim = res.data!.openClaim;
    expect(claim).toMatchObject({ status: 'nouvelle', authorHandle: 'Monique', link: `${SITE}/articles/les-tilleuls` });
    expect(await mod.services.db.selectFrom('outbox').selectAll().where('kind', '=', 'claim_push').execute()).toEqual([]);

    const comments = (await (await fetch(`${mod.url}/public/comments?article=les-tilleuls`, { headers: { 'x-hub-site-token': mod.siteToken } })).json()) as {
      comments: { text: string; replies: { text: string }[] }[];
    };
    const shown = comments.comments.find((c) => c.text === text)!;
    expect(shown.replies).toHaveLength(1);
    expect(shown.replies[0]!.text).toContain(claim.reference);
    expect(shown.replies[0]!.text).toContain(`${SITE}/suivi`);

    const item2 = await admin.query<{ item: { state: string; claim: { reference: string } } }>('query($id: ID!) { item(id: $id) { state claim { reference } } }', { id: item.id });
    expect(item2.data!.item).toEqual({ state: 'answered', claim: { reference: claim.reference } });

    const moved = await admin.query<{ setClaimStatus: { status: string; statusLabel: string } }>(
      'mutation($r: String!) { setClaimStatus(reference: $r, status: prise_en_compte, note: "Ascensoriste prévenu") { status statusLabel } }',
      { r: claim.reference },
    );
    expect(moved.data!.setClaimStatus).toEqual({ status: 'prise_en_compte', statusLabel: 'prise en compte' });
    expect((await lookup(claim.reference)).body).toMatchObject({ status: 'prise_en_compte', statusLabel: 'prise en compte' });

    const back = await admin.query('mutation($r: String!) { setClaimStatus(reference: $r, status: transmise) { status } }', { r: claim.reference });
    expect(back.errors?.[0]).toMatchObject({ message: 'Seule une réclamation « nouvelle » peut être « transmise ».', extensions: { code: 'CLAIM_TRANSITION' } });

    const audit = await mod.services.db.selectFrom('audit_log').selectAll().where('target_type', '=', 'claim').where('target_id', '=', claim.reference).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['claim.open', 'claim.status']);
  });

  it('a private contact message: no public reply, no name, personal data masked, private details never copied', async () => {
    const message = `Fuite d’eau sous l’évier, appelez-moi au 06 12 34 56 78 ${Date.now()}`;
    await mod.services.queue.ingest({
      source: 'site_contact', accountId: 'site', externalId: `contact-${Date.now()}`, authorName: 'Jean Dupont', authorExternalId: 'hash-1',
      text: `Demande technique (panne, fuite…)\n\n${message}`, createdAt: new Date(), residence: 'Les Tilleuls',
      privateDetails: { contact: 'jean.dupont@example.fr', residence: 'Les Tilleuls' },
    });
    const item = await itemByText(`Demande technique (panne, fuite…)\n\n${message}`);
    const claim = (await open(admin, item.id)).data!.openClaim;
    expect(claim).toMatchObject({ authorHandle: null, link: null, residence: 'Les Tilleuls' });
    expect(claim.description).not.toContain('06 12 34 56 78');
    expect(claim.description).toContain('Fuite d’eau sous l’évier');
    expect(claim.events[0]!.note).toContain('pas de réponse publique');
    const row = await mod.services.db.selectFrom('claims').selectAll().where('reference', '=', claim.reference).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/jean\.dupont|Jean Dupont|06 12/);
    expect((await mod.services.items.get(mod.services.db, item.id))!.state).toBe(item.state);
  });

  it('a comment hidden for personal data still becomes a claim, without a public reply', async () => {
    const text = `Le chauffage est en panne, je suis au 12 rue des Lilas, appelez le 06 98 76 54 32 ${Date.now()}`;
    await postComment(mod, { text, authorName: 'Karim' });
    const item = await itemByText(text);
    expect(item.state).toBe('hidden');
    const claim = (await open(admin, item.id)).data!.openClaim;
    expect(claim.description).not.toMatch(/06 98|12 rue des Lilas/);
    expect(claim.events[0]!.note).toBe('Pas de réponse publique : l’élément est masqué, rejeté ou supprimé.');
    expect((await mod.services.items.get(mod.services.db, item.id))!.state).toBe('hidden');
  });

  it('the on-call automation opens an emergency claim, signed by the team', async () => {
    const text = `Inondation dans la cave, l’eau monte ! ${Date.now()}`;
    await postComment(mod, { text, authorName: 'Sylvie' });
    const item = await itemByText(text);
    const claim = await mod.services.claims.openFromItem(item.id, { actor: 'astreinte', emergency: true, category: 'fuite_degat_des_eaux' });
    expect(claim).toMatchObject({ emergency: true, category: 'fuite_degat_des_eaux', status: 'nouvelle' });
    const events = await mod.services.itemEvents(item.id);
    const reply = events.find((e) => e.kind === 'reply')!;
    expect(reply.actor).toBe('astreinte');
    expect(JSON.parse(reply.payload!).text).toMatch(/\n— L’équipe du bailleur$/);
    expect(events.find((e) => e.kind === 'claim')).toMatchObject({ actor: 'astreinte', reason: `Réclamation ${claim.reference} ouverte` });
  });

  it('lists claims by status, page by page', async () => {
    const all = await admin.query<{ claims: { claims: { reference: string }[]; counts: { status: string; count: number }[]; crmConfigured: boolean } }>(
      '{ claims(first: 100) { claims { reference } counts { status count } crmConfigured } }',
    );
    expect(all.data!.claims.crmConfigured).toBe(false);
    const total = all.data!.claims.claims.length;
    expect(total).toBeGreaterThanOrEqual(4);
    const first = await admin.query<{ claims: { claims: { reference: string }[]; endCursor: string; hasMore: boolean } }>('{ claims(first: 2) { claims { reference } endCursor hasMore } }');
    expect(first.data!.claims.hasMore).toBe(true);
    const next = await admin.query<{ claims: { claims: { reference: string }[] } }>('query($a: String) { claims(first: 100, after: $a) { claims { reference } } }', { a: first.data!.claims.endCursor });
    expect([...first.data!.claims.claims, ...next.data!.claims.claims].map((c) => c.reference)).toEqual(all.data!.claims.claims.map((c) => c.reference));
    const taken = await admin.query<{ claims: { claims: { status: string }[] } }>('{ claims(status: prise_en_compte) { claims { status } } }');
    expect(taken.data!.claims.claims).toEqual([{ status: 'prise_en_compte' }]);
  });

  it('the communication team reads claims but cannot open or move one', async () => {
    const list = await reader.query<{ claims: { claims: unknown[] } }>('{ claims { claims { reference } } }');
    expect(list.data!.claims.claims.length).toBeGreaterThan(0);
    const text = `Des nuisibles dans le local poubelles ${Date.now()}`;
    await postComment(mod, { text });
    const item = await itemByText(text);
    expect((await open(reader, item.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the site’s lookups are limited per visitor', async () => {
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await lookup('REC-2020-000001', 'visiteur-curieux')).status);
    expect(answers.slice(0, 20).every((s) => s === 404)).toBe(true);
    const limited = await lookup('REC-2020-000001', 'visiteur-curieux');
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', message: expect.stringContaining('patienter') } } });
    expect((await lookup('REC-2020-000001', 'autre-visiteur')).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEmulator, createXEmulator, type GraphEmulator, type XEmulator } from '@hub/emulators';
import { consoleClient, startModerationOn, type TestModeration } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';
import { signedStatusUpdate, startCrmReceiver, type CrmReceiver } from './crm-receiver.ts';

const SECRET = 'secret-partage-avec-la-grc';
const PAGE = { id: '1048576', name: 'Habitat Val de Loire', accessToken: 'page-token' };
const ACCOUNT = { id: '15000001', username: 'HabitatVDL', bearerToken: 'x-token' };
const SITE = 'https://www.habitat.example';
const LEAK = 'Bonjour, il y a une fuite d’eau au plafond de ma salle de bain depuis ce matin, ça coule partout !';

const until = <T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 8000) =>
  eventually(async () => (await check()) || undefined, timeoutMs).then((r) => r.value as T);

const CLAIM_FIELDS = 'reference status statusLabel category description authorHandle link crmReference events { kind actor fromStatus toStatus note } push { state attempts lastError }';

interface ClaimView {
  reference: string;
  status: string;
  statusLabel: string;
  category: string;
  description: string;
  authorHandle: string | null;
  link: string | null;
  crmReference: string | null;
  events: { kind: string; actor: string; fromStatus: string | null; toStatus: string | null; note: string | null }[];
  push: { state: string; attempts: number; lastError: string | null } | null;
}

describe.each(['sqlite', 'postgres'] as const)('claims pushed to a CRM, on %s', (dialect) => {
  let graph: GraphEmulator;
  let x: XEmulator;
  let crm: CrmReceiver;
  let mod: TestModeration;
  let admin: ReturnType<typeof consoleClient>;
  const stops: (() => Promise<void>)[] = [];
  let postId = '';
  let tenant = 0;

  beforeAll(async () => {
    process.env.NO_PROXY = '127.0.0.1,localhost';
    graph = createGraphEmulator({ pages: [PAGE] });
    x = createXEmulator({ accounts: [ACCOUNT] });
    const [g, xr] = [await graph.start(), await x.start()];
    stops.push(g.close, xr.close);
    postId = graph.addPost(PAGE.id, { message: 'Travaux de la résidence Les Tilleuls' }).id;
    crm = await startCrmReceiver(SECRET);
    stops.push(crm.close);
    mod = await startModerationOn(dialect, {
      CLAIMS_WEBHOOK_URL: crm.url,
      CLAIMS_WEBHOOK_SECRET: SECRET,
      FACEBOOK_GRAPH_URL: g.url,
      TWITTER_API_URL: xr.url,
      FACEBOOK_PAGES: JSON.stringify([PAGE]),
      TWITTER_ACCOUNTS: JSON.stringify([ACCOUNT]),
      OUTBOX_POLL_MS: '50',
      OUTBOX_RETRY_BASE_MS: '50',
      SOCIAL_POLL_SECONDS: '3600',
      PUBLIC_SITE_URL: SITE,
    });
    admin = consoleClient(mod.url);
    await admin.login(mod.adminEmail, mod.adminPassword);
  });
  afterAll(async () => {
    await mod?.stop();
    for (const stop of stops) await stop();
  });

  /** A tenant's comment on the Page, read by the service as the poller would. */
  async function leakOnFacebook(text = LEAK) {
    tenant++;
    const from = { id: `90000${tenant}`, name: `Locataire ${tenant}` };
    const comment = graph.addComment(PAGE.id, postId, { from, message: text });
    const { item } = await mod.services.queue.ingest({
      source: 'facebook_comment', accountId: PAGE.id, externalId: comment.id, authorName: from.name, authorExternalId: from.id,
      text, createdAt: new Date(), permalink: comment.permalink_url,
    });
    return { item, commentId: comment.id, author: from.name };
  }

  async function openClaim(itemId: string) {
    const res = await admin.query<{ openClaim: ClaimView }>(`mutation($id: ID!) { openClaim(itemId: $id) { ${CLAIM_FIELDS} } }`, { id: itemId });
    expect(res.errors).toBeUndefined();
    return res.data!.openClaim;
  }

  const claim = async (reference: string) => (await admin.query<{ claim: ClaimView }>(`query($r: String!) { claim(reference: $r) { ${CLAIM_FIELDS} } }`, { r: reference })).data!.claim;
  const pushesOf = (reference: string) => crm.requests.filter((r) => r.headers['idempotency-key'] === `claim_push:${reference}`);
  const publicStatus = (reference: string, headers: Record<string, string> = { 'x-hub-site-token': mod.siteToken }) =>
    fetch(`${mod.url}/public/claims/${encodeURIComponent(reference)}`, { headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  const postStatus = (update: { body: string; headers: Record<string, string> }) =>
    fetch(`${mod.url}/claims/status`, { method: 'POST', headers: update.headers, body: update.body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));

  it('a leak reported on the Page becomes a claim: a signed push reaches the CRM, the public reply gives the reference', async () => {
    const { item, commentId, author } = await leakOnFacebook();
    expect(item.request_category).toBe('fuite_degat_des_eaux');
    const opened = await openClaim(item.id);
    expect(opened.reference).toMatch(/^REC-\d{4}-\d{6}$/);
    expect(opened).toMatchObject({ status: 'nouvelle', category: 'fuite_degat_des_eaux', authorHandle: author, link: expect.stringContaining('facebook.com') });

    const [push] = await until(() => pushesOf(opened.reference).length > 0 && pushesOf(opened.reference));
    expect(push!.signatureValid).toBe(true);
    expect(push!.headers['idempotency-key']).toBe(`claim_push:${opened.reference}`);
    expect(JSON.parse(push!.body)).toEqual({
      reference: opened.reference, category: 'fuite_degat_des_eaux', residence: null, address: null, description: LEAK,
      link: expect.stringContaining('facebook.com'), authorHandle: author, status: 'nouvelle', emergency: false, createdAt: expect.any(String),
    });

    const replies = await until(() => graph.repliesOf(commentId).length > 0 && graph.repliesOf(commentId));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.message).toContain(opened.reference);
    expect(replies[0]!.message).toContain('message privé');
    expect(replies[0]!.message).toContain('nous ne vous demanderons jamais d’informations personnelles ici');
    expect(replies[0]!.message).toContain('\n— Administrateur, de l’équipe communication');

    const after = await until(async () => {
      const c = await claim(opened.reference);
      return c.status === 'transmise' && c;
    });
    expect(after).toMatchObject({ crmReference: expect.stringMatching(/^GRC-/), push: { state: 'done', attempts: 1, lastError: null } });
    expect(after.events.map((e) => [e.kind, e.actor, e.toStatus])).toEqual([
      ['opened', `user:${(await admin.query<{ me: { id: string } }>('{ me { id } }')).data!.me.id}`, 'nouvelle'],
      ['status', 'crm', 'transmise'],
    ]);
    const rows = await mod.services.outbox.rowsOf(item.id);
    expect(rows.filter((r) => r.kind === 'reply')).toMatchObject([{ state: 'done', network: 'facebook' }]);
  });

  it('opening the same item again returns the same claim and sends nothing more', async () => {
    const { item, commentId } = await leakOnFacebook('Encore une fuite d’eau sous l’évier de la cuisine, ça coule dans le placard');
    const first = await openClaim(item.id);
    const [second, third] = await Promise.all([openClaim(item.id), mod.services.claims.openFromItem(item.id, { actor: 'astreinte', emergency: true })]);
    expect(second.reference).toBe(first.reference);
    expect(third.reference).toBe(first.reference);
    await until(() => pushesOf(first.reference).length > 0 && graph.repliesOf(commentId).length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(pushesOf(first.reference)).toHaveLength(1);
    expect(graph.repliesOf(commentId)).toHaveLength(1);
    const count = await mod.services.db.selectFrom('claims').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', item.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('the CRM answering 503 twice: retried, delivered exactly once', async () => {
    const { item } = await leakOnFacebook('Le chauffage ne marche plus depuis hier soir, il fait 14 degrés chez nous');
    crm.failNext(2, 503);
    const opened = await openClaim(item.id);
    const c = await until(async () => {
      const seen = await claim(opened.reference);
      return seen.push?.state === 'done' && seen;
    });
    expect(c.push!.attempts).toBe(3);
    expect(pushesOf(opened.reference).map((p) => p.status)).toEqual([503, 503, 201]);
    expect(new Set(pushesOf(opened.reference).map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect([...crm.accepted.keys()].filter((k) => k === `claim_push:${opened.reference}`)).toHaveLength(1);
    expect(c.status).toBe('transmise');
  });

  it('the CRM unreachable (connection refused), then back: never lost, delivered once', async () => {
    await crm.down();
    const { item } = await leakOnFacebook('L’ascenseur est en panne depuis trois jours, ma mère ne peut plus sortir');
    const opened = await openClaim(item.id);
    const waiting = await until(async () => {
      const seen = await claim(opened.reference);
      return (seen.push?.attempts ?? 0) >= 2 && seen;
    });
    expect(waiting.push).toMatchObject({ state: expect.stringMatching(/pending|in_flight/), lastError: expect.stringContaining('La GRC ne répond pas') });
    expect(waiting.status).toBe('nouvelle');
    await crm.up();
    const done = await until(async () => {
      const seen = await claim(opened.reference);
      return seen.push?.state === 'done' && seen;
    });
    expect(done.status).toBe('transmise');
    expect(pushesOf(opened.reference)).toHaveLength(1);
  });

  it('honours the CRM’s Retry-After', async () => {
    const { item } = await leakOnFacebook('Il y a des cafards dans la cage d’escalier du bâtiment B');
    crm.failNext(1, 429, 'trop de requêtes', { 'retry-after': '1' });
    const opened = await openClaim(item.id);
    await until(() => pushesOf(opened.reference).some((p) => p.status === 201));
    const [refused, accepted] = pushesOf(opened.reference);
    const gap = Number(accepted!.headers['x-hub-timestamp']) - Number(refused!.headers['x-hub-timestamp']);
    expect(gap).toBeGreaterThanOrEqual(950);
  });

  it('a refusal (422) is shown on the claim in French; sent again, it is delivered', async () => {
    const { item } = await leakOnFacebook('La porte du hall ne ferme plus, la serrure est cassée');
    crm.failNext(1, 422, 'catégorie inconnue');
    const opened = await openClaim(item.id);
    const failed = await until(async () => {
      const seen = await claim(opened.reference);
      return seen.push?.state === 'failed' && seen;
    });
    expect(failed.push!.lastError).toContain('La GRC a refusé la réclamation (422) : catégorie inconnue');
    expect(failed.status).toBe('nouvelle');
    const retried = await admin.query<{ retryClaimPush: { reference: string } }>('mutation($r: String!) { retryClaimPush(reference: $r) { reference } }', { r: opened.reference });
    expect(retried.errors).toBeUndefined();
    const done = await until(async () => {
      const seen = await claim(opened.reference);
      return seen.push?.state === 'done' && seen;
    });
    expect(done.status).toBe('transmise');
    expect(new Set(pushesOf(opened.reference).map((p) => p.headers['idempotency-key']))).toEqual(new Set([`claim_push:${opened.reference}`]));
  });

  it('a status update from the CRM shows in GraphQL and on /public/claims; its replay changes nothing twice', async () => {
    const { item } = await leakOnFacebook('Dégât des eaux chez moi, l’eau coule du voisin du dessus');
    const opened = await openClaim(item.id);
    await until(async () => (await claim(opened.reference)).status === 'transmise');

    const update = signedStatusUpdate(SECRET, { reference: opened.reference, status: 'en_cours', note: 'Plombier missionné pour jeudi', crmReference: 'GRC-PLB-7' });
    const first = await postStatus(update);
    expect(first).toMatchObject({ status: 200, body: { ok: true, reference: opened.reference, status: 'en_cours', statusLabel: 'en cours' } });
    const replay = await postStatus(update);
    expect(replay.status).toBe(200);

    const seen = await claim(opened.reference);
    expect(seen).toMatchObject({ status: 'en_cours', crmReference: 'GRC-PLB-7' });
    expect(seen.events.filter((e) => e.toStatus === 'en_cours')).toEqual([{ kind: 'status', actor: 'crm', fromStatus: 'transmise', toStatus: 'en_cours', note: 'Plombier missionné pour jeudi' }]);

    const shown = await publicStatus(opened.reference.toLowerCase());
    expect(shown.status).toBe(200);
    expect(Object.keys(shown.body).sort()).toEqual(['createdAt', 'lastChangeAt', 'status', 'statusLabel']);
    expect(shown.body).toMatchObject({ status: 'en_cours', statusLabel: 'en cours' });
    expect(Date.parse(String(shown.body.lastChangeAt))).toBeGreaterThan(Date.parse(String(shown.body.createdAt)));

    const resolved = await postStatus(signedStatusUpdate(SECRET, { reference: opened.reference, status: 'resolue' }));
    expect(resolved.body.status).toBe('resolue');
    // The old update replayed after a newer one: still nothing.
    expect((await postStatus(update)).status).toBe(200);
    expect((await claim(opened.reference)).status).toBe('resolue');
  });

  it('refuses bad signatures, unknown references and bad statuses, in French', async () => {
    const { item } = await leakOnFacebook('Plus d’électricité dans la cage d’escalier, les lumières sont en panne');
    const { reference } = await openClaim(item.id);
    const bad = signedStatusUpdate('pas-le-bon-secret', { reference, status: 'resolue' });
    expect(await postStatus(bad)).toMatchObject({ status: 401, body: { error: { code: 'CLAIM_SIGNATURE_INVALID', message: 'Signature de la GRC invalide ou expirée.' } } });
    const old = signedStatusUpdate(SECRET, { reference, status: 'resolue' }, Date.now() - 6 * 60_000);
    expect((await postStatus(old)).status).toBe(401);
    const tampered = signedStatusUpdate(SECRET, { reference, status: 'en_cours' });
    expect((await postStatus({ ...tampered, body: tampered.body.replace('en_cours', 'resolue') })).status).toBe(401);

    const unknown = await postStatus(signedStatusUpdate(SECRET, { reference: 'REC-2020-999999', status: 'resolue' }));
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'CLAIM_NOT_FOUND', message: expect.stringMatching(/^Aucune réclamation/) } } });
    const status = await postStatus(signedStatusUpdate(SECRET, { reference, status: 'fermee' }));
    expect(status).toMatchObject({ status: 400, body: { error: { code: 'CLAIM_STATUS_INVALID', message: expect.stringContaining('Statut de réclamation inconnu') } } });
    const format = await postStatus(signedStatusUpdate(SECRET, { reference: 'REC-12', status: 'resolue' }));
    expect(format).toMatchObject({ status: 400, body: { error: { code: 'CLAIM_REFERENCE_INVALID', message: expect.stringContaining('REC-2026-000123') } } });
    const backwards = await postStatus(signedStatusUpdate(SECRET, { reference, status: 'nouvelle' }));
    expect(backwards).toMatchObject({ status: 409, body: { error: { code: 'CLAIM_TRANSITION', message: 'Une réclamation ne peut pas redevenir « nouvelle ».' } } });

    expect(await publicStatus('REC-2026-12')).toMatchObject({ status: 400, body: { error: { code: 'CLAIM_REFERENCE_INVALID' } } });
    expect(await publicStatus('REC-2020-999999')).toMatchObject({ status: 404, body: { error: { code: 'CLAIM_NOT_FOUND' } } });
    expect((await publicStatus(reference, {})).status).toBe(401);
  });

  it('with a CRM, the console reads the status but cannot change it', async () => {
    const { item } = await leakOnFacebook('Les toilettes sont bouchées depuis ce matin');
    const { reference } = await openClaim(item.id);
    const res = await admin.query('mutation($r: String!) { setClaimStatus(reference: $r, status: resolue) { status } }', { r: reference });
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringContaining('tenu par la GRC'), extensions: { code: 'CLAIM_TRANSITION' } });
  });

  it('an X reply gets a reply that fits a tweet, with the reference', async () => {
    const root = x.addTweet(ACCOUNT.id, { text: 'Coupure d’eau chaude demain matin résidence Les Tilleuls' });
    const tweet = x.addReply(root.id, { from: { username: 'locataire_x' }, text: 'Toujours pas d’eau chaude chez nous depuis lundi, le chauffe-eau est en panne' });
    const { item } = await mod.services.queue.ingest({
      source: 'x_reply', accountId: ACCOUNT.id, externalId: tweet.id, authorName: 'Locataire (@locataire_x)', authorExternalId: tweet.author_id!,
      text: tweet.text, createdAt: new Date(),
    });
    const { reference } = await openClaim(item.id);
    const replies = await until(() => x.repliesTo(tweet.id).length > 0 && x.repliesTo(tweet.id));
    expect(replies[0]!.text).toContain(reference);
    expect(replies[0]!.text).toContain('message privé');
  });
});

describe('claim numbers on PostgreSQL, with concurrent writers', () => {
  let mod: TestModeration;
  beforeAll(async () => {
    mod = await startModerationOn('postgres', { PUBLIC_SITE_URL: SITE });
  });
  afterAll(async () => {
    await mod?.stop();
  });

  it('gives each claim its own number, and one claim per item', async () => {
    const items = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        mod.services.queue
          .ingest({ source: 'facebook_comment', accountId: '1', externalId: `leak-${i}`, authorName: `Locataire ${i}`, authorExternalId: `t${i}`, text: `Fuite d’eau au plafond, appartement ${i}`, createdAt: new Date() })
          .then((r) => r.item),
      ),
    );
    const opened = await Promise.all([
      ...items.map((item) => mod.services.claims.openFromItem(item.id, { actor: 'system' })),
      ...Array.from({ length: 6 }, () => mod.services.claims.openFromItem(items[0]!.id, { actor: 'astreinte' })),
    ]);
    const references = opened.slice(0, 12).map((c) => c.reference);
    expect(new Set(references).size).toBe(12);
    expect(new Set(opened.slice(12).map((c) => c.reference))).toEqual(new Set([references[0]]));
    const year = new Intl.DateTimeFormat('fr-FR', { year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date());
    expect(references.map((r) => r.slice(-6)).sort()).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(6, '0')));
    expect(references.every((r) => r.startsWith(`REC-${year}-`))).toBe(true);
  });
});

/**
 * Facebook Page webhooks end to end: the Graph emulator POSTs signed changes to the real
 * moderation service (SQLite), whose poller is set to an hour so only the webhook can bring
 * items in. A new comment is in the queue at once, an edit updates it, a removal deletes it; a
 * forged signature and a wrong verify token are refused.
 */
import { signWebhookBody, createGraphEmulator, type RunningEmulator } from '@hub/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModeration, type TestModeration } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';

const PAGE = { id: '104857600000011', name: 'Habitat Val-de-Seine', accessToken: 'EAAG-page-webhooks' };
const APP_SECRET = 'app-secret-for-webhook-tests';
const VERIFY_TOKEN = 'verify-token-for-webhook-tests';
const TENANT = { id: '910001', name: 'Sonia Martin' };

const graph = createGraphEmulator({ pages: [PAGE], seed: 11 });
let graphServer: RunningEmulator;
let mod: TestModeration;
let postId: string;
let subscription: { unsubscribe(): void };

const rowsOf = (externalId: string) => mod.services.db.selectFrom('items').selectAll().where('source', '=', 'facebook_comment').where('external_id', '=', externalId).execute();

beforeAll(async () => {
  process.env.NO_PROXY = '127.0.0.1,localhost';
  postId = graph.addPost(PAGE.id, { message: 'Ravalement de façade : début des travaux lundi' }).id;
  graphServer = await graph.start();
  mod = await startModeration({
    env: {
      FACEBOOK_GRAPH_URL: graphServer.url,
      FACEBOOK_PAGES: JSON.stringify([PAGE]),
      FACEBOOK_APP_SECRET: APP_SECRET,
      FACEBOOK_VERIFY_TOKEN: VERIFY_TOKEN,
      SOCIAL_POLL_SECONDS: '3600',
    },
  });
  subscription = graph.webhooks.subscribe(`${mod.url}/webhooks/facebook`, APP_SECRET);
});

afterAll(async () => {
  await graph.webhooks.flush();
  await mod?.stop();
  await graphServer?.close();
});

describe('Facebook Page webhooks', () => {
  it('answers the verification handshake, and refuses a wrong verify token in French', async () => {
    expect(await graph.webhooks.verifyCallback(`${mod.url}/webhooks/facebook`, VERIFY_TOKEN)).toBe(true);
    expect(await graph.webhooks.verifyCallback(`${mod.url}/webhooks/facebook`, 'mauvais-jeton')).toBe(false);
    const res = await fetch(`${mod.url}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=mauvais&hub.challenge=42`);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/jeton de vérification/);
    const ok = await fetch(`${mod.url}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe('42');
  });

  it('brings a new comment into the queue at once, follows its edit and its removal', async () => {
    const comment = graph.addComment(PAGE.id, postId, { from: TENANT, message: 'Merci pour l’information, à quelle heure commencent les travaux ?' });
    const { value: first, elapsedMs } = await eventually(async () => (await rowsOf(comment.id))[0], 2000, 20);
    expect(elapsedMs).toBeLessThan(1000);
    expect(first).toMatchObject({ account_id: PAGE.id, author_external_id: TENANT.id, text: comment.message });

    graph.editComment(comment.id, 'Bande de connards, toujours du bruit à 7 h !');
    const { value: edited } = await eventually(async () => {
      const rows = await rowsOf(comment.id);
      return rows.length === 1 && rows[0]!.text.startsWith('Bande') ? rows[0] : undefined;
    }, 2000, 20);
    expect(edited.id).toBe(first.id);
    expect(edited.state).toBe('rejected');
    const events = await mod.services.itemEvents(first.id);
    expect(events.filter((e) => e.kind === 'edited')).toHaveLength(1);
    expect(JSON.parse(events.find((e) => e.kind === 'edited')!.payload!)).toMatchObject({ previousText: comment.message });

    graph.removeComment(comment.id);
    const { value: removed } = await eventually(async () => {
      const rows = await rowsOf(comment.id);
      return rows[0]?.state === 'deleted' ? rows : undefined;
    }, 2000, 20);
    expect(removed).toHaveLength(1);
    const last = (await mod.services.itemEvents(first.id)).at(-1)!;
    expect(last).toMatchObject({ actor: 'system', to_state: 'deleted', reason: 'Supprimé par son auteur sur le réseau' });
    await graph.webhooks.flush();
    expect(graph.webhooks.deliveries.every((d) => d.status === 200)).toBe(true);
  });

  it('refuses a forged signature with 401 and changes nothing', async () => {
    const before = await mod.services.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: PAGE.id, time: Math.floor(Date.now() / 1000), changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '1_999', post_id: postId, parent_id: postId, message: 'Faux commentaire', created_time: Math.floor(Date.now() / 1000), from: TENANT } }] }],
    });
    for (const signature of [signWebhookBody('pas-le-bon-secret', body), undefined]) {
      const res = await fetch(`${mod.url}/webhooks/facebook`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Signature/);
    }
    // A body changed after signing is refused too (the HMAC covers the raw bytes).
    const tampered = await fetch(`${mod.url}/webhooks/facebook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(APP_SECRET, body) }, body: body.replace('Faux commentaire', 'Vrai commentaire') });
    expect(tampered.status).toBe(401);
    await mod.services.facebookWebhook.idle();
    const after = await mod.services.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await rowsOf('1_999')).toHaveLength(0);
  });

  it('polling notices an edit the webhooks did not carry (re-read item, text compared)', async () => {
    subscription.unsubscribe();
    const pollNow = async () => {
      await mod.services.db.updateTable('connector_accounts').set({ next_poll_at: null }).execute();
      await mod.services.poller!.pollOnce();
    };
    const comment = graph.addComment(PAGE.id, postId, { from: TENANT, message: 'Le chauffage est coupé depuis hier.' });
    // The scheduled tick may take the lease first: either poller does the read.
    const { value: first } = await eventually(async () => (await pollNow(), (await rowsOf(comment.id))[0]), 3000, 20);
    expect(first.text).toBe(comment.message);
    graph.editComment(comment.id, 'Le chauffage est coupé depuis hier, bâtiment B.');
    await eventually(async () => (await pollNow(), (await rowsOf(comment.id))[0]?.text.endsWith('B.') ? true : undefined), 3000, 20);
    await pollNow();
    const rows = await rowsOf(comment.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe('Le chauffage est coupé depuis hier, bâtiment B.');
    expect((await mod.services.itemEvents(first.id)).filter((e) => e.kind === 'edited')).toHaveLength(1);
  });

  it('refuses a body over 1 MB', async () => {
    const body = JSON.stringify({ object: 'page', entry: [], pad: 'x'.repeat(1024 * 1024) });
    const res = await fetch(`${mod.url}/webhooks/facebook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(APP_SECRET, body) }, body });
    expect(res.status).toBe(413);
  });
});

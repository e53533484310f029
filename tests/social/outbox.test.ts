import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEmulator, createXEmulator, type GraphEmulator, type XEmulator } from '@hub/emulators';
import { createOutboxWorker } from '../../moderation/src/outbox/worker.ts';
import { consoleClient, startModeration, type TestModeration } from '../support/moderation.ts';
import { eventually } from '../support/wait.ts';

const waitFor = (check: () => boolean | Promise<boolean>, { timeoutMs }: { timeoutMs: number }) =>
  eventually(async () => ((await check()) ? true : undefined), timeoutMs);

const PAGE = { id: '1048576', name: 'Habitat', accessToken: 'page-token' };
const ACCOUNT = { id: '15000001', username: 'Habitat', bearerToken: 'x-token' };
const TENANT = { id: '900001', name: 'Nadia Benali' };

describe('the outbox: decisions carried out on the networks, exactly once', () => {
  let graph: GraphEmulator;
  let x: XEmulator;
  let mod: TestModeration;
  const stops: (() => Promise<void>)[] = [];
  let postId = '';

  beforeAll(async () => {
    process.env.NO_PROXY = '127.0.0.1,localhost';
    graph = createGraphEmulator({ pages: [PAGE] });
    x = createXEmulator({ accounts: [ACCOUNT] });
    const g = await graph.start();
    const xr = await x.start();
    stops.push(g.close, xr.close);
    postId = graph.addPost(PAGE.id, { message: 'Travaux de la résidence Les Tilleuls' }).id;
    mod = await startModeration({
      env: {
        FACEBOOK_GRAPH_URL: g.url,
        TWITTER_API_URL: xr.url,
        FACEBOOK_PAGES: JSON.stringify([PAGE]),
        TWITTER_ACCOUNTS: JSON.stringify([ACCOUNT]),
        OUTBOX_POLL_MS: '50',
        OUTBOX_RETRY_BASE_MS: '50',
        SOCIAL_POLL_SECONDS: '3600',
      },
    });
  });
  afterAll(async () => {
    await mod?.stop();
    for (const stop of stops) await stop();
  });

  const ingestComment = (message: string) => {
    const comment = graph.addComment(PAGE.id, postId, { from: TENANT, message });
    return mod.services.queue.ingest({
      source: 'facebook_comment', accountId: PAGE.id, externalId: comment.id, authorName: TENANT.name, authorExternalId: TENANT.id,
      text: message, createdAt: new Date(), parentExternalId: null,
    }).then(({ item }) => ({ item, commentId: comment.id }));
  };

  it('hides a charter violation on the Page without a human, and an X reply too', async () => {
    const { item, commentId } = await ingestComment('Bande de connards, toujours rien de fait');
    expect(['hidden', 'rejected']).toContain(item.state);
    await waitFor(() => graph.getComment(commentId)?.is_hidden === true, { timeoutMs: 5000 });
    // The row is marked done just after the network answered: wait for that write too.
    await waitFor(async () => (await mod.services.outbox.rowsOf(item.id))[0]?.state === 'done', { timeoutMs: 5000 });
    expect((await mod.services.outbox.rowsOf(item.id))[0]).toMatchObject({ kind: 'hide', state: 'done' });

    const root = x.addTweet(ACCOUNT.id, { text: 'Coupure d’eau demain matin' });
    const tweet = x.addReply(root.id, { from: { username: 'nadia_b' }, text: 'Bande de connards, toujours rien de fait' });
    await mod.services.queue.ingest({
      source: 'x_reply', accountId: ACCOUNT.id, externalId: tweet.id, authorName: 'nadia_b', authorExternalId: tweet.author_id,
      text: tweet.text, createdAt: new Date(),
    });
    await waitFor(() => x.isHidden(tweet.id), { timeoutMs: 5000 });
  });

  it('publishes a console reply once, signed, and retries through 5xx', async () => {
    const { item, commentId } = await ingestComment('Quand est-ce que l’ascenseur sera réparé ?');
    const client = consoleClient(mod.url);
    await client.login(mod.adminEmail, mod.adminPassword);
    graph.setFaults({ serverError: { nextCalls: 3 } });
    const answer = await client.query('mutation($id:ID!,$t:String!){ reply(id:$id,text:$t){ id state } }', { id: item.id, t: 'Le technicien passe jeudi.' });
    expect(answer.errors).toBeUndefined();
    await waitFor(async () => (await mod.services.outbox.rowsOf(item.id)).some((r) => r.state === 'done'), { timeoutMs: 8000 });
    const replies = graph.repliesOf(commentId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.message).toContain('Le technicien passe jeudi.\n— ');
    expect(replies[0]!.from?.id).toBe(PAGE.id);
    const row = (await mod.services.outbox.rowsOf(item.id))[0]!;
    expect(row.attempts).toBeGreaterThan(1);
    expect(row.result_external_id).toBe(replies[0]!.id);
  });

  it('after a crash between the network and the record, exactly one reply exists', async () => {
    await mod.services.outbox.worker.stop();
    const { item, commentId } = await ingestComment('Le chauffage est coupé depuis hier.');
    const client = consoleClient(mod.url);
    await client.login(mod.adminEmail, mod.adminPassword);
    await client.query('mutation($id:ID!,$t:String!){ reply(id:$id,text:$t){ id } }', { id: item.id, t: 'Nous appelons le chauffagiste.' });
    const deps = { db: mod.services.db, dialect: mod.services.dialect, networks: mod.services.outbox.networks, clock: mod.services.clock, leaseMs: 200 };
    const dying = createOutboxWorker({ ...deps, afterNetwork: () => { throw new Error('kill -9'); } });
    await expect(dying.runOnce()).rejects.toThrow('simulated crash');
    expect(graph.repliesOf(commentId)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 250));
    const restarted = createOutboxWorker(deps);
    expect(await restarted.runOnce()).toBe(1);
    expect(graph.repliesOf(commentId)).toHaveLength(1);
    expect((await mod.services.outbox.rowsOf(item.id))[0]).toMatchObject({ state: 'done', attempts: 2, result_external_id: graph.repliesOf(commentId)[0]!.id });
  });
});

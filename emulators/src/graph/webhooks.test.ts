/**
 * Page webhooks: a local node:http receiver subscribed to the emulator gets signed POSTs.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphEmulator } from './emulator.ts';
import { answerVerificationChallenge, signWebhookBody, verifyWebhookSignature } from './webhooks.ts';

const PAGE = { id: '104857600000001', name: 'Habitat Val-de-Seine', accessToken: 'EAAGpage-token-1' };
const APP_SECRET = 'app-secret-for-tests';
const VERIFY_TOKEN = 'verify-me';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
}

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  // The connector's side: the GET handshake and signed POSTs, verified on the raw bytes.
  receiver = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    if (req.method === 'GET') {
      const answer = answerVerificationChallenge(url.searchParams, VERIFY_TOKEN);
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('EVENT_RECEIVED');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/facebook`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

describe('Graph emulator page webhooks', () => {
  it('passes the verification handshake against the connector helper', async () => {
    const emulator = createGraphEmulator({ pages: [PAGE] });
    expect(await emulator.webhooks.verifyCallback(receiverUrl, VERIFY_TOKEN)).toBe(true);
    expect(await emulator.webhooks.verifyCallback(receiverUrl, 'wrong-token')).toBe(false);
    expect(answerVerificationChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '42' }, VERIFY_TOKEN)).toEqual({ status: 200, body: '42' });
    expect(answerVerificationChallenge({ 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '42' }, VERIFY_TOKEN).status).toBe(403);
  });

  it('POSTs add, edited, hide and remove changes signed with X-Hub-Signature-256', async () => {
    received.length = 0;
    const emulator = createGraphEmulator({ pages: [PAGE], now: () => Date.parse('2026-03-14T22:47:00Z') });
    const post = emulator.addPost(PAGE.id, { message: 'Travaux' });
    const subscription = emulator.webhooks.subscribe(receiverUrl, APP_SECRET);

    const comment = emulator.addComment(PAGE.id, post.id, { from: { id: '700001', name: 'Nadia H.' }, message: "Fuite d'eau énorme au 3e, ça coule dans l'escalier, personne ne répond !!" });
    const reply = emulator.addComment(PAGE.id, post.id, { from: { id: '700002', name: 'Hugo R.' }, message: 'Pareil au 2e', parentId: comment.id });
    emulator.editComment(comment.id, "Fuite d'eau énorme au 3e !! Appelez les pompiers");
    emulator.hideComment(reply.id);
    emulator.removeComment(reply.id);
    await emulator.webhooks.flush();

    expect(received).toHaveLength(5);
    for (const delivery of received) {
      const header = delivery.headers['x-hub-signature-256'] as string;
      expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(APP_SECRET, delivery.raw, header)).toBe(true);
      expect(verifyWebhookSignature('another-secret', delivery.raw, header)).toBe(false);
      expect(verifyWebhookSignature(APP_SECRET, delivery.raw.replace('"object":"page"', '"object":"user"'), header)).toBe(false);
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    const bodies = received.map((d) => JSON.parse(d.raw) as { object: string; entry: { id: string; time: number; changes: { field: string; value: Record<string, unknown> }[] }[] });
    expect(bodies[0]).toEqual({
      object: 'page',
      entry: [
        {
          id: PAGE.id,
          time: Date.parse('2026-03-14T22:47:00Z') / 1000,
          changes: [
            {
              field: 'feed',
              value: expect.objectContaining({
                item: 'comment',
                verb: 'add',
                comment_id: comment.id,
                post_id: post.id,
                parent_id: post.id,
                message: "Fuite d'eau énorme au 3e, ça coule dans l'escalier, personne ne répond !!",
                created_time: Date.parse('2026-03-14T22:47:00Z') / 1000,
                from: { id: '700001', name: 'Nadia H.' },
              }),
            },
          ],
        },
      ],
    });
    const values = bodies.map((b) => b.entry[0]!.changes[0]!.value);
    expect(values.map((v) => [v.verb, v.comment_id, v.parent_id])).toEqual([
      ['add', comment.id, post.id],
      ['add', reply.id, comment.id],
      ['edited', comment.id, post.id],
      ['hide', reply.id, comment.id],
      ['remove', reply.id, comment.id],
    ]);
    expect(values[2]!.message).toBe("Fuite d'eau énorme au 3e !! Appelez les pompiers");
    expect(values[4]).not.toHaveProperty('message');

    subscription.unsubscribe();
    emulator.addComment(PAGE.id, post.id, { from: { id: '700003', name: 'Léa' }, message: 'Merci' });
    await emulator.webhooks.flush();
    expect(received).toHaveLength(5);
  });

  it('retries a delivery the receiver refused', async () => {
    received.length = 0;
    failNext = 1;
    const emulator = createGraphEmulator({ pages: [PAGE], webhookRetryDelayMs: 5 });
    const post = emulator.addPost(PAGE.id, { message: 'Travaux' });
    emulator.webhooks.subscribe(receiverUrl, APP_SECRET);
    emulator.addComment(PAGE.id, post.id, { from: { id: '1', name: 'Karim' }, message: 'Bonjour' });
    await emulator.webhooks.flush();
    expect(received).toHaveLength(1);
    expect(emulator.webhooks.deliveries).toEqual([expect.objectContaining({ status: 200, attempts: 2 })]);
  });

  it('signs like Meta: HMAC-SHA256 of the raw body with the app secret', () => {
    expect(signWebhookBody('secret', '{"object":"page"}')).toBe('sha256=c1456f83e15385a03562cbe2eaaa918ec5e06b4f170f909283a2781c7924e4d1');
    expect(verifyWebhookSignature('secret', '{}', undefined)).toBe(false);
    expect(verifyWebhookSignature('secret', '{}', 'sha1=abc')).toBe(false);
    expect(verifyWebhookSignature('secret', '{}', 'sha256=zz')).toBe(false);
  });
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ItemChange, NewItem } from '../queue/service.ts';
import { createFacebookWebhook, validSignature, type FacebookWebhookPayload } from './webhook.ts';

const PAGE = '104857600000001';

function setup(known: Set<string> = new Set()) {
  const calls: { op: 'ingest' | 'update'; item?: NewItem; externalId?: string; change?: ItemChange }[] = [];
  const webhook = createFacebookWebhook({
    appSecret: 'secret-app',
    verifyToken: 'jeton-verif',
    pages: [{ id: PAGE }],
    clock: () => new Date('2026-03-14T10:00:00Z'),
    queue: {
      ingest: async (item) => (calls.push({ op: 'ingest', item }), { created: true }),
      update: async (_source, _account, externalId, change) => (calls.push({ op: 'update', externalId, change }), known.has(externalId) ? { changed: true } : null),
    },
  });
  return { webhook, calls };
}

const payload = (value: Record<string, unknown>, pageId = PAGE): FacebookWebhookPayload => ({
  object: 'page',
  entry: [{ id: pageId, time: 1773500000, changes: [{ field: 'feed', value: { item: 'comment', post_id: `${pageId}_10`, comment_id: '10_20', created_time: 1773499000, from: { id: '900001', name: 'Nadia K.' }, ...value } }] }],
});

describe('Facebook webhook', () => {
  it('checks X-Hub-Signature-256 on the raw bytes, in constant time', () => {
    const body = Buffer.from('{"object":"page","entry":[]}');
    const good = `sha256=${createHmac('sha256', 'secret-app').update(body).digest('hex')}`;
    expect(validSignature('secret-app', body, good)).toBe(true);
    expect(validSignature('secret-app', Buffer.from(`${body} `), good)).toBe(false);
    expect(validSignature('autre-secret', body, good)).toBe(false);
    expect(validSignature('secret-app', body, undefined)).toBe(false);
    expect(validSignature('secret-app', body, 'sha1=abc')).toBe(false);
    expect(validSignature('', body, `sha256=${createHmac('sha256', '').update(body).digest('hex')}`)).toBe(false);
  });

  it('answers the subscription handshake only with the right token', () => {
    const { webhook } = setup();
    const query = (token: string, mode = 'subscribe') => new URLSearchParams({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': '1158201444' });
    expect(webhook.verify(query('jeton-verif'))).toEqual({ status: 200, body: '1158201444' });
    expect(webhook.verify(query('mauvais')).status).toBe(403);
    expect(webhook.verify(query('jeton-verif', 'unsubscribe')).status).toBe(403);
    expect(webhook.verify(query('mauvais')).body).toMatch(/refusée/);
  });

  it('turns add, edited and remove into ingest and update; hide records nothing', async () => {
    const { webhook, calls } = setup(new Set(['10_20']));
    await webhook.apply(payload({ verb: 'add', message: 'Bonjour', parent_id: `${PAGE}_10` }));
    await webhook.apply(payload({ verb: 'edited', message: 'Bonjour, corrigé', parent_id: `${PAGE}_10` }));
    await webhook.apply(payload({ verb: 'hide', message: 'Bonjour, corrigé' }));
    await webhook.apply(payload({ verb: 'remove' }));
    expect(calls.map((c) => c.op)).toEqual(['ingest', 'update', 'update']);
    expect(calls[0]!.item).toMatchObject({ source: 'facebook_comment', accountId: PAGE, externalId: '10_20', text: 'Bonjour', authorExternalId: '900001', parentExternalId: null, createdAt: new Date(1773499000_000) });
    expect(calls[1]!.change).toEqual({ text: 'Bonjour, corrigé', editedAt: new Date(1773500000_000) });
    expect(calls[2]!.change).toEqual({ removed: true, at: new Date(1773500000_000) });
  });

  it('links a reply to its parent comment, ingests an edit of an unknown comment, ignores unknown Pages and the Page itself', async () => {
    const { webhook, calls } = setup();
    await webhook.apply(payload({ verb: 'add', message: 'Réponse', comment_id: '10_21', parent_id: '10_20' }));
    await webhook.apply(payload({ verb: 'edited', message: 'Jamais vu avant' }));
    await webhook.apply(payload({ verb: 'add', message: 'Ailleurs' }, '999'));
    await webhook.apply(payload({ verb: 'add', message: 'La Page répond', from: { id: PAGE, name: 'Habitat' } }));
    await webhook.apply({ object: 'page', entry: [{ id: PAGE, changes: [{ field: 'feed', value: { nonsense: true } }] }] });
    expect(calls.map((c) => c.op)).toEqual(['ingest', 'update', 'ingest']);
    expect(calls[0]!.item?.parentExternalId).toBe('10_20');
    expect(calls[2]!.item?.text).toBe('Jamais vu avant');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { signBody } from '@hub/integrations/contracts';
import { createCmsPublishedRoutes, type PublishedArticle } from './cms-published.ts';

const SECRET = 'shared-secret-for-tests';
const NOTICE = { documentId: 'doc123', slug: 'les-tilleuls-renoves', title: 'Les Tilleuls rénovés', message: 'Les Tilleuls rénovés — fin des travaux', publishedAt: '2026-03-01T10:00:00.000Z' };

describe('POST /cms/published', () => {
  let server: ReturnType<typeof createServer>;
  let base = '';
  let now = Date.now();
  const received: PublishedArticle[] = [];
  const seen = new Set<string>();

  beforeAll(async () => {
    server = createServer({ routes: createCmsPublishedRoutes({
      secret: SECRET,
      clock: () => new Date(now),
      async publishArticle(p) {
        received.push(p);
        const queued = seen.has(p.documentId) ? 0 : 2;
        seen.add(p.documentId);
        return { queued, accounts: 2 };
      },
    }), log: { error: () => {} } });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  const send = async (body: string, headers: Record<string, string>) => {
    const res = await fetch(`${base}/cms/published`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, body: (await res.json()) as { ok?: boolean; queued?: number; error?: { code: string; message: string } } };
  };
  const signed = (body: string, timestamp = String(now), secret = SECRET) => ({ 'x-hub-timestamp': timestamp, 'x-hub-signature-256': signBody(secret, timestamp, body) });

  it('refuses a notice without signature, with a wrong one, or tampered with', async () => {
    const body = JSON.stringify(NOTICE);
    expect((await send(body, {})).status).toBe(401);
    const wrong = await send(body, signed(body, String(now), 'not-the-secret'));
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toMatch(/Signature/);
    const tampered = JSON.stringify({ ...NOTICE, slug: 'autre-article' });
    expect((await send(tampered, signed(body))).status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it('accepts a signed notice and queues the article', async () => {
    const body = JSON.stringify(NOTICE);
    const answer = await send(body, signed(body));
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ ok: true, queued: 2 });
    expect(received).toEqual([{ documentId: 'doc123', slug: 'les-tilleuls-renoves', message: NOTICE.message }]);
  });

  it('refuses a replay older than 5 minutes; a fresh copy queues nothing new', async () => {
    const body = JSON.stringify(NOTICE);
    const headers = signed(body);
    now += 6 * 60_000;
    expect((await send(body, headers)).status).toBe(401);
    const again = await send(body, signed(body));
    expect(again.status).toBe(202);
    expect(again.body.queued).toBe(0);
  });

  it('refuses an invalid notice in French, and a body over 64 KB', async () => {
    const invalid = JSON.stringify({ documentId: 'doc9', slug: '../admin', message: '' });
    const answer = await send(invalid, signed(invalid));
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/Avis de publication invalide/);
    const big = JSON.stringify({ ...NOTICE, title: 'x'.repeat(70_000) });
    expect((await send(big, signed(big))).status).toBe(413);
  });
});

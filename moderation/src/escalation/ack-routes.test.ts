import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../http/server.ts';
import { ackToken } from './ack.ts';
import { ACK_PATH, createAckRoutes } from './ack-routes.ts';
import type { Escalation } from './service.ts';
import type { CrisisRow } from './store.ts';

const SECRET = 'ack-secret-for-tests';
const NOW = new Date('2026-03-14T21:00:00.000Z');
const LATER = new Date(NOW.getTime() + 72 * 3_600_000);
const CRISIS: CrisisRow = {
  id: 'crisis-1',
  kind: 'alert',
  scope: 'residence:Les Tilleuls',
  scope_label: 'Les Tilleuls',
  state: 'open',
  reasons: '[]',
  paged: 1,
  level: 1,
  opened_at: '2026-03-14T20:00:00.000Z',
  escalate_at: null,
  acknowledged_at: null,
  acknowledged_by: null,
  closed_at: null,
  closed_by: null,
  item_count: 1,
};

describe(`${ACK_PATH} in the route table`, () => {
  let server: ReturnType<typeof createServer>;
  let base = '';
  const acknowledged: string[] = [];
  const token = ackToken(SECRET, { crisisId: CRISIS.id, memberId: 'm1', level: 1 }, LATER);
  let now = NOW;
  const members = new Map<string, { name: string; level: number; active: boolean }>();
  const resetRoster = () => {
    members.clear();
    members.set('m1', { name: 'Camille', level: 1, active: true });
  };
  resetRoster();

  beforeAll(async () => {
    const escalation = {
      crisis: async (id: string) => (id === CRISIS.id ? CRISIS : undefined),
      acknowledge: async (_id: string, who: { actor: string; name: string }) => (acknowledged.push(who.actor), true),
    } as unknown as Escalation;
    server = createServer({ routes: createAckRoutes({ escalation, ackSecret: async () => SECRET, onCallMember: async (id) => members.get(id) ?? null, clock: () => now }), log: { error: () => {} } });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  it('shows the button on GET and takes the crisis only on POST', async () => {
    const page = await fetch(`${base}${ACK_PATH}?jeton=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toMatch(/Je prends en charge/);
    expect(acknowledged).toEqual([]);
    const taken = await fetch(`${base}${ACK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jeton=${token}` });
    expect(taken.status).toBe(200);
    expect(await taken.text()).toMatch(/Merci Camille/);
    expect(acknowledged).toEqual(['oncall:m1']);
  });

  it('answers a forged link with its page whatever the method, another method on a valid link with 404', async () => {
    for (const method of ['GET', 'PUT', 'PATCH']) {
      const forged = await fetch(`${base}${ACK_PATH}?jeton=${token.slice(0, -2)}xx`, { method });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toMatch(/Lien invalide/);
    }
    const put = await fetch(`${base}${ACK_PATH}?jeton=${token}`, { method: 'PUT' });
    expect(put.status).toBe(404);
    expect(((await put.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  const post = (jeton: string) => fetch(`${base}${ACK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jeton=${jeton}` });

  it('refuses an expired link with its French page, on GET and POST, and acknowledges nothing', async () => {
    acknowledged.length = 0;
    now = new Date(LATER.getTime() + 1000);
    try {
      const page = await fetch(`${base}${ACK_PATH}?jeton=${token}`);
      expect(page.status).toBe(410);
      const html = await page.text();
      expect(html).toMatch(/Lien expiré/);
      expect(html).toContain('Ce lien de prise en charge a expiré');
      expect(html).not.toContain('Les Tilleuls');
      expect((await post(token)).status).toBe(410);
      expect(acknowledged).toEqual([]);
    } finally {
      now = NOW;
    }
    // Just before its expiry it still works.
    now = new Date(LATER.getTime() - 1000);
    try {
      expect((await fetch(`${base}${ACK_PATH}?jeton=${token}`)).status).toBe(200);
    } finally {
      now = NOW;
    }
  });

  it('treats a link signed without an expiry (before links expired) as expired', async () => {
    const { createHmac } = await import('node:crypto');
    const body = Buffer.from(JSON.stringify([CRISIS.id, 'm1', 1])).toString('base64url');
    const legacy = `${body}.${createHmac('sha256', SECRET).update(`ack.${body}`).digest('base64url')}`;
    expect((await fetch(`${base}${ACK_PATH}?jeton=${legacy}`)).status).toBe(410);
  });

  it('refuses a link for a member no longer in the roster, no longer active, or moved to another level', async () => {
    acknowledged.length = 0;
    const cases: [string, () => void][] = [
      ['removed', () => members.delete('m1')],
      ['inactive', () => members.set('m1', { name: 'Camille', level: 1, active: false })],
      ['other level', () => members.set('m1', { name: 'Camille', level: 2, active: true })],
    ];
    try {
      for (const [label, change] of cases) {
        resetRoster();
        change();
        const page = await fetch(`${base}${ACK_PATH}?jeton=${token}`);
        expect(page.status, label).toBe(403);
        const html = await page.text();
        expect(html, label).toContain('n’est plus d’astreinte à ce niveau');
        expect(html, label).not.toContain('Les Tilleuls');
        expect((await post(token)).status, label).toBe(403);
      }
      expect(acknowledged).toEqual([]);
    } finally {
      resetRoster();
    }
  });
});

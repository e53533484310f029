import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, postComment, startModerationOn, type TestModeration } from '../support/moderation.ts';

const QUEUE = `query($filter: QueueFilter, $after: String) {
  queue(filter: $filter, first: 50, after: $after) { items { id state text ruleIds charterVersion authorName source } endCursor hasMore counts { state count } }
}`;

describe.each(['sqlite', 'postgres'] as const)('moderation API on %s', (dialect) => {
  let mod: TestModeration;

  beforeAll(async () => {
    mod = await startModerationOn(dialect);
  });
  afterAll(async () => {
    await mod?.stop();
  });

  describe('who may do what', () => {
    it('refuses the queue without a session, in French', async () => {
      const result = await consoleClient(mod.url).query(QUEUE);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toMatch(/session/);
      expect(result.data?.queue).toBeUndefined();
    });

    it('opens an HttpOnly, SameSite session on login and closes it on logout', async () => {
      const client = consoleClient(mod.url);
      const login = await client.login(mod.adminEmail, mod.adminPassword);
      expect(login.data?.login.role).toBe('admin');
      expect(login.cookies[0]).toMatch(/HttpOnly/);
      expect(login.cookies[0]).toMatch(/SameSite=Strict/);
      expect((await client.query(QUEUE)).errors).toBeUndefined();
      await client.query('mutation { logout }');
      expect((await client.query(QUEUE)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('locks an account after five wrong passwords', async () => {
      const admin = consoleClient(mod.url);
      await admin.login(mod.adminEmail, mod.adminPassword);
      await admin.query('mutation($i: NewConsoleUser!){ createUser(input: $i){ id } }', {
        i: { email: 'lucas@bailleur.example', displayName: 'Lucas', role: 'community_manager', password: 'Lucas2026abc' },
      });
      const client = consoleClient(mod.url);
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 5; i++) codes.push((await client.login('lucas@bailleur.example', 'mauvais-mot-de-passe')).errors?.[0]?.extensions?.code);
      expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'LOCKED']);
      const right = await client.login('lucas@bailleur.example', 'Lucas2026abc');
      expect(right.errors?.[0]?.message).toMatch(/bloqué/);
    });

    it('lets the read-only communication team read but not decide', async () => {
      const admin = consoleClient(mod.url);
      await admin.login(mod.adminEmail, mod.adminPassword);
      await admin.query('mutation($i: NewConsoleUser!){ createUser(input: $i){ id } }', {
        i: { email: 'com@bailleur.example', displayName: 'Claire', role: 'communication_readonly', password: 'Claire2026abc' },
      });
      const { body } = await postComment(mod, { text: 'Merci pour les nouvelles fenêtres, c’est beaucoup plus calme.', clientKey: 'client-readonly' });
      expect(body.state).toBeDefined();
      const reader = consoleClient(mod.url);
      await reader.login('com@bailleur.example', 'Claire2026abc');
      const queue = await reader.query<{ queue: { items: { id: string }[] } }>(QUEUE);
      expect(queue.data!.queue.items.length).toBeGreaterThan(0);
      const attempt = await reader.query('mutation($id: ID!){ reject(id: $id){ state } }', { id: queue.data!.queue.items[0]!.id });
      expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const trial = await reader.query('query { tryCharter(text: "bonjour") { action } }');
      expect(trial.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses a cross-site request (CSRF prevention)', async () => {
      const client = consoleClient(mod.url);
      await client.login(mod.adminEmail, mod.adminPassword);
      const res = await fetch(`${mod.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', cookie: client.cookie },
        body: JSON.stringify({ query: 'mutation { logout }' }),
      });
      expect(res.status).toBe(400);
      const get = await fetch(`${mod.url}/graphql?query=${encodeURIComponent('{ moderationStats { total } }')}`, { headers: { cookie: client.cookie } });
      expect(get.status).toBe(400);
    });
  });

  describe('the queue under the charter', () => {
    let admin: ReturnType<typeof consoleClient>;
    beforeAll(async () => {
      admin = consoleClient(mod.url);
      await admin.login(mod.adminEmail, mod.adminPassword);
    });

    it('publishes a kind comment, rejects an insult, hides a phone number', async () => {
      const kind = await postComment(mod, { text: 'Bravo pour la fête des voisins, à l’année prochaine !', clientKey: 'client-kind-01' });
      expect(kind.status).toBe(201);
      expect(kind.body.message).toBe('Merci, votre commentaire est publié.');
      const insult = await postComment(mod, { text: 'Bande de c0nnards, toujours rien de fait', clientKey: 'client-insult-1' });
      expect(insult.body.message).toBe('Merci, votre commentaire sera publié après relecture.');
      const phone = await postComment(mod, { text: 'Rappelez-moi au 06 12 34 56 78 pour la fuite', clientKey: 'client-phone-1' });
      expect(phone.body.state).toBe('private');
      expect(phone.body.message).toMatch(/vie privée.*formulaire de contact/);

      const rejected = await admin.query<{ queue: { items: { text: string; ruleIds: string[]; charterVersion: number }[] } }>(QUEUE, { filter: { states: ['rejected'] } });
      expect(rejected.data!.queue.items.map((i) => i.text)).toContain('Bande de c0nnards, toujours rien de fait');
      expect(rejected.data!.queue.items[0]!.charterVersion).toBe(1);
      const hidden = await admin.query<{ queue: { items: { text: string }[] } }>(QUEUE, { filter: { states: ['hidden'] } });
      expect(hidden.data!.queue.items.map((i) => i.text)).toContain('Rappelez-moi au 06 12 34 56 78 pour la fuite');

      const published = await fetch(`${mod.url}/public/comments?article=les-tilleuls`, { headers: { 'x-hub-site-token': mod.siteToken } });
      const texts = ((await published.json()) as { comments: { text: string }[] }).comments.map((c) => c.text);
      expect(texts).toContain('Bravo pour la fête des voisins, à l’année prochaine !');
      expect(texts.join(' ')).not.toMatch(/c0nnards|06 12/);
    });

    it('records each decision with who, when, why, and audits it with before and after', async () => {
      const { body } = await postComment(mod, { text: 'Quand est-ce que les travaux du hall commencent ?', clientKey: 'client-question' });
      expect(body.state).toBeDefined();
      const queue = await admin.query<{ queue: { items: { id: string; text: string }[] } }>(QUEUE, { filter: { text: 'travaux du hall' } });
      const id = queue.data!.queue.items[0]!.id;
      const held = await admin.query<{ hold: { state: string } }>('mutation($id: ID!){ hold(id: $id, reason: "À vérifier avec le service patrimoine"){ state } }', { id });
      expect(held.data?.hold.state).toBe('held');
      const detail = await admin.query<{ item: { events: { kind: string; actor: string; toState: string; reason: string }[] } }>(
        'query($id: ID!){ item(id: $id){ events { kind actor toState reason } } }',
        { id },
      );
      const events = detail.data!.item.events;
      expect(events.map((e) => e.kind)).toEqual(['ingested', 'decision', 'decision']);
      expect(events[1]!.actor).toMatch(/^rule:/);
      expect(events[2]).toMatchObject({ toState: 'held', reason: 'À vérifier avec le service patrimoine' });
      expect(events[2]!.actor).toMatch(/^user:/);
      const audit = await admin.query<{ auditLog: { entries: { action: string; before: string; after: string }[] } }>('query { auditLog(first: 5) { entries { action before after } } }');
      const entry = audit.data!.auditLog.entries.find((e) => e.action === 'item.hold')!;
      expect(JSON.parse(entry.after)).toEqual({ state: 'held' });
    });

    it('refuses an impossible decision in French and changes nothing', async () => {
      const queue = await admin.query<{ queue: { items: { id: string; state: string }[] } }>(QUEUE, { filter: { states: ['approved'] } });
      const item = queue.data!.queue.items[0]!;
      await admin.query('mutation($id: ID!){ delete(id: $id, reason: "Doublon"){ state } }', { id: item.id });
      const result = await admin.query('mutation($id: ID!){ reply(id: $id, text: "Bonjour"){ state } }', { id: item.id });
      expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
      expect(result.errors?.[0]?.message).toMatch(/pas possible/);
      const after = await admin.query<{ item: { state: string; events: { kind: string }[] } }>('query($id: ID!){ item(id: $id){ state events { kind } } }', { id: item.id });
      expect(after.data?.item.state).toBe('deleted');
      expect(after.data?.item.events.map((e) => e.kind)).not.toContain('reply');
    });

    it('answers the monitoring queries with their agreed shapes', async () => {
      const stats = await admin.query<{ moderationStats: { total: number; byState: { state: string; count: number }[]; bySource: { source: string; count: number }[] } }>(
        'query { moderationStats { total byState { state count } bySource { source count } } }',
      );
      const s = stats.data!.moderationStats;
      expect(s.total).toBe(s.byState.reduce((sum, x) => sum + x.count, 0));
      expect(s.bySource.find((x) => x.source === 'site_comment')?.count).toBe(s.total);
      const trial = await admin.query<{ tryCharter: { action: string; ruleIds: string[] } }>('query { tryCharter(text: "espèce de c.o.n.n.a.r.d") { action ruleIds } }');
      expect(trial.data?.tryCharter.action).toBe('reject');
      expect(trial.data?.tryCharter.ruleIds.length).toBeGreaterThan(0);
    });

    it('fills the dashboard: items per day, time to first decision, rules, busiest places', async () => {
      const result = await admin.query<{ dashboard: { total: number; perDayBySource: { day: string }[]; firstDecision: { officeHours: { count: number }; outsideHours: { count: number } }; rules: { ruleId: string; matched: number; removedShare: number }[] } }>(
        '{ dashboard(days: 30) { total perDayBySource { day counts { key count } } firstDecision { officeHours { count medianMinutes p90Minutes } outsideHours { count medianMinutes } } rules { ruleId matched removedShare } busiestAccounts { key count } } }',
      );
      const d = result.data!.dashboard;
      expect(d.total).toBeGreaterThan(0);
      expect(d.perDayBySource.length).toBeGreaterThan(0);
      expect(d.firstDecision.officeHours.count + d.firstDecision.outsideHours.count).toBeGreaterThan(0);
      const insults = d.rules.find((r) => r.removedShare === 1);
      expect(insults?.matched).toBeGreaterThan(0);
    });

    it('pages through the queue with a cursor, newest first, without repeats', async () => {
      for (let i = 0; i < 7; i++) await mod.services.queue.ingest({ source: 'facebook_comment', accountId: 'page-1', externalId: `c${i}`, authorName: 'Sam', authorExternalId: `fb-${i}`, text: `Question numéro ${i} sur le chantier`, createdAt: new Date(Date.UTC(2026, 10, 1, 10, i)) });
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { data?: { queue: { items: { id: string }[]; endCursor: string | null; hasMore: boolean } } } = await admin.query(
          'query($after: String){ queue(filter: { sources: [facebook_comment] }, first: 3, after: $after){ items { id } endCursor hasMore } }',
          { after },
        );
        seen.push(...page.data!.queue.items.map((i) => i.id));
        after = page.data!.queue.hasMore ? page.data!.queue.endCursor : null;
      } while (after);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
    });

    it('stores an item ingested twice only once', async () => {
      const item = { source: 'facebook_comment' as const, accountId: 'page-1', externalId: 'same-1', authorName: 'Léa', authorExternalId: 'fb-lea', text: 'Merci !', createdAt: new Date() };
      const [first, second] = [await mod.services.queue.ingest(item), await mod.services.queue.ingest(item)];
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.item.id).toBe(first.item.id);
    });
  });

  describe('bad input from the site', () => {
    it.each([
      ['an empty comment', { text: '   ' }, 400, /obligatoire/],
      ['a comment over 2,000 characters', { text: 'a'.repeat(2001) }, 400, /2000 caractères/],
      ['a number as the text', { text: 42 }, 400, /Votre commentaire/],
      ['HTML only', { text: '<script>alert(1)</script><b></b>' }, 400, /obligatoire/],
    ])('refuses %s with a French message', async (_, body, status, message) => {
      const result = await postComment(mod, { clientKey: `client-bad-${Math.random()}`, ...body });
      expect(result.status).toBe(status);
      expect(result.body.error?.message).toMatch(message);
    });

    it('refuses a 1 MB body and invalid UTF-8, and keeps running', async () => {
      const big = await fetch(`${mod.url}/public/comments`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-site-token': mod.siteToken }, body: 'x'.repeat(1024 * 1024) });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { message: string } }).error.message).toMatch(/volumineux/);
      const bad = await fetch(`${mod.url}/public/comments`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-site-token': mod.siteToken }, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
      expect(bad.status).toBe(400);
      expect((await fetch(`${mod.url}/health`)).status).toBe(200);
    });

    it('refuses calls without the site token', async () => {
      const res = await fetch(`${mod.url}/public/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(401);
    });

    it('stores nothing from a robot that fills the honeypot', async () => {
      const before = await mod.services.items.total();
      const result = await postComment(mod, { text: 'Super offre de crédit', website: 'http://spam.example', clientKey: 'client-robot-01' });
      expect(result.status).toBe(201);
      expect(await mod.services.items.total()).toBe(before);
    });

    it('slows down a flood from one visitor', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await postComment(mod, { text: `Message numéro ${i} à propos du chantier`, clientKey: 'client-flood-01' })).status);
      expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });
  });
});

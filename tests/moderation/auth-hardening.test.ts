import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, postComment, startModeration, startModerationOn, type TestModeration } from '../support/moderation.ts';

/** Reads the live feed until the server closes it; rejects after `ms`. */
async function readUntilClosed(res: Response, ms: number): Promise<string> {
  const reader = res.body!.getReader();
  const timer = setTimeout(() => void reader.cancel(new Error('still open')), ms);
  let text = '';
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
  } finally {
    clearTimeout(timer);
  }
  return text;
}

/** The security findings of the moderation service's review, each checked through its HTTP edge. */
describe.each(['sqlite', 'postgres'] as const)('moderation hardening on %s', (dialect) => {
  let mod: TestModeration;

  beforeAll(async () => {
    mod = await startModerationOn(dialect, { MODERATION_TRUSTED_PROXIES: '127.0.0.1, ::1' });
    const admin = consoleClient(mod.url);
    await admin.login(mod.adminEmail, mod.adminPassword);
    for (const email of ['lucas@bailleur.example', 'ines@bailleur.example']) {
      await admin.query('mutation($i: NewConsoleUser!){ createUser(input: $i){ id } }', {
        i: { email, displayName: email.split('@')[0], role: 'community_manager', password: 'Moderation2026abc' },
      });
    }
  });
  afterAll(async () => {
    await mod?.stop();
  });

  const answer = (result: Awaited<ReturnType<ReturnType<typeof consoleClient>['login']>>) =>
    result.errors?.[0] ? `${result.errors[0].extensions?.code}: ${result.errors[0].message}` : 'OK';

  describe('lockout', () => {
    it('locks an account even when the wrong guesses arrive all at once', async () => {
      const guesses = await Promise.all(Array.from({ length: 12 }, () => consoleClient(mod.url).login('lucas@bailleur.example', 'mauvais-mot-de-passe')));
      expect(guesses.map(answer).every((a) => /^(BAD_CREDENTIALS|LOCKED)/.test(a))).toBe(true);
      const right = await consoleClient(mod.url).login('lucas@bailleur.example', 'Moderation2026abc');
      expect(answer(right)).toMatch(/^LOCKED: .*bloqué/);
    });

    it('answers an unknown address exactly as a known one, lock included', async () => {
      const known: string[] = [];
      const unknown: string[] = [];
      for (let i = 0; i < 6; i++) {
        known.push(answer(await consoleClient(mod.url).login('ines@bailleur.example', 'mauvais-mot-de-passe')));
        unknown.push(answer(await consoleClient(mod.url).login('personne@bailleur.example', 'mauvais-mot-de-passe')));
      }
      expect(unknown).toEqual(known);
      expect(known.map((a) => a.split(':')[0])).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'LOCKED', 'LOCKED']);
    });
  });

  describe('the site token', () => {
    it('lets the site in with its token only', async () => {
      const call = (token?: string) => fetch(`${mod.url}/public/comments?article=les-tilleuls`, { headers: token === undefined ? {} : { 'x-hub-site-token': token } });
      expect((await call(mod.siteToken)).status).toBe(200);
      for (const wrong of [undefined, '', 'site-token-for-test', `${mod.siteToken}x`]) {
        const res = await call(wrong);
        expect(res.status).toBe(401);
        expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Jeton du site absent ou invalide.');
      }
    });
  });

  describe('rate limits behind a reverse proxy', () => {
    const lookup = (headers: Record<string, string>) => fetch(`${mod.url}/public/claims/123456`, { headers: { 'x-hub-site-token': mod.siteToken, ...headers } });

    it('counts each forwarded visitor on its own behind a trusted proxy, not everyone together', async () => {
      const flood: number[] = [];
      for (let i = 0; i < 22; i++) flood.push((await lookup({ 'x-forwarded-for': '198.51.100.66' })).status);
      expect(flood.slice(-2)).toEqual([429, 429]);
      expect((await lookup({ 'x-forwarded-for': '203.0.113.10' })).status).not.toBe(429);
      // The left of the header is the client's to write: a bot cannot get a fresh allowance with it.
      expect((await lookup({ 'x-forwarded-for': '1.2.3.4, 198.51.100.66' })).status).toBe(429);
    });

    it('keeps counting the site’s visitors by the key the site sends', async () => {
      for (let i = 0; i < 21; i++) await lookup({ 'x-hub-client-key': 'cle-visiteur-bloque' });
      expect((await lookup({ 'x-hub-client-key': 'cle-visiteur-bloque' })).status).toBe(429);
      expect((await lookup({ 'x-hub-client-key': 'cle-autre-visiteur' })).status).not.toBe(429);
    });
  });

  describe('sessions', () => {
    it('never turns a cookie sent before the login into the session', async () => {
      const res = await fetch(`${mod.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: 'hub_session=choisi-par-un-tiers' },
        body: JSON.stringify({ query: 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ id } }', variables: { e: mod.adminEmail, p: mod.adminPassword } }),
      });
      const cookie = res.headers.getSetCookie()[0]!;
      expect(cookie).toMatch(/^hub_session=/);
      expect(cookie).not.toContain('choisi-par-un-tiers');
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=(Strict|Lax)/);
      const fixed = await fetch(`${mod.url}/events`, { headers: { cookie: 'hub_session=choisi-par-un-tiers' } });
      expect(fixed.status).toBe(401);
    });

    it('ends the live feed when the session is logged out', async () => {
      const client = consoleClient(mod.url);
      await client.login(mod.adminEmail, mod.adminPassword);
      const feed = await fetch(`${mod.url}/events`, { headers: { cookie: client.cookie } });
      expect(feed.status).toBe(200);
      const cookie = client.cookie;
      const closed = readUntilClosed(feed, 5_000);
      await client.query('mutation { logout }');
      expect(await closed).toContain('event: session');
      expect((await fetch(`${mod.url}/events`, { headers: { cookie } })).status).toBe(401);
    });

    it('ends the session a browser held when it signs in again', async () => {
      const client = consoleClient(mod.url);
      await client.login(mod.adminEmail, mod.adminPassword);
      const before = client.cookie;
      const feedStatus = async (cookie: string) => {
        const res = await fetch(`${mod.url}/events`, { headers: { cookie } });
        await res.body?.cancel();
        return res.status;
      };
      expect(await feedStatus(before)).toBe(200);
      await client.login(mod.adminEmail, mod.adminPassword);
      expect(client.cookie).not.toBe(before);
      expect(await feedStatus(before)).toBe(401);
      expect((await client.query<{ me: { id: string } | null }>('{ me { id } }')).data?.me?.id).toBeTruthy();
    });
  });
});

describe('moderation hardening, sessions that expire', () => {
  it('ends the live feed when the session expires, and marks cookies Secure on https', async () => {
    const mod = await startModeration({ env: { SESSION_HOURS: '0.0008', MODERATION_PUBLIC_URL: 'https://moderation.bailleur.example' } });
    try {
      const client = consoleClient(mod.url);
      const login = await client.login(mod.adminEmail, mod.adminPassword);
      expect(login.cookies[0]).toMatch(/Secure/);
      const feed = await fetch(`${mod.url}/events`, { headers: { cookie: client.cookie } });
      expect(feed.status).toBe(200);
      expect(await readUntilClosed(feed, 8_000)).toContain('event: session');
    } finally {
      await mod.stop();
    }
  });
});

describe('moderation hardening, untrusted X-Forwarded-For', () => {
  it('ignores X-Forwarded-For from a caller that is not a trusted proxy', async () => {
    const mod = await startModeration();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        const res = await fetch(`${mod.url}/public/claims/123456`, { headers: { 'x-hub-site-token': mod.siteToken, 'x-forwarded-for': `198.51.100.${i}` } });
        statuses.push(res.status);
      }
      expect(statuses.slice(-2)).toEqual([429, 429]);
    } finally {
      await mod.stop();
    }
  });
});

describe('moderation hardening, several processes', () => {
  it('shares the comment and contact limits between two processes on one database', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-hardening-'));
    const databaseUrl = `sqlite:${path.join(dir, 'shared.db')}`;
    const one = await startModeration({ databaseUrl });
    const two = await startModeration({ databaseUrl });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const target = i % 2 ? two : one;
        statuses.push((await postComment(target, { text: `Message numéro ${i} à propos du chantier`, clientKey: 'client-partage-01' })).status);
      }
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
      const contact = await fetch(`${two.url}/public/contact`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-site-token': two.siteToken },
        body: JSON.stringify({ name: 'Nadia', contact: 'nadia@example.fr', subject: 'Fuite', message: 'Une fuite au 3e.', consent: true, clientKey: 'client-partage-01' }),
      });
      expect(contact.status).toBe(429);
      expect(((await contact.json()) as { error: { message: string } }).error.message).toMatch(/patienter/);
    } finally {
      await two.stop();
      await one.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

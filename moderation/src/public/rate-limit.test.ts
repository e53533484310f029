import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { parseTrustedProxies } from '../http/guards.ts';
import { CLAIM_LOOKUP_LIMIT, createDbRateLimiter, PUBLIC_FORMS_LIMIT, visitorOf } from './rate-limit.ts';

describe('createDbRateLimiter', () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it('counts in the database: two processes share one visitor’s allowance, stored as keyed hashes', async () => {
    const opened = openDatabase('sqlite::memory:');
    db = opened.db;
    await migrate(db, opened.dialect, new Date());
    let now = new Date('2026-12-04T10:00:00Z');
    const clock = () => now;
    const limit = { name: 'public', max: 3, windowSeconds: 600 };
    const [one, two] = [createDbRateLimiter({ db, clock }), createDbRateLimiter({ db, clock })];
    expect([await one.hit(limit, 'site:visiteur-1'), await two.hit(limit, 'site:visiteur-1'), await one.hit(limit, 'site:visiteur-1')]).toEqual([true, true, true]);
    expect(await two.hit(limit, 'site:visiteur-1')).toBe(false);
    expect(await two.hit(limit, 'site:visiteur-2')).toBe(true);
    const rows = await db.selectFrom('rate_limits').selectAll().execute();
    expect(rows.map((r) => r.bucket).join(' ')).not.toContain('visiteur');
    // The next window still counts the previous one: no second allowance across the boundary.
    now = new Date('2026-12-04T10:10:00Z');
    expect(await one.hit(limit, 'site:visiteur-1')).toBe(false);
    now = new Date('2026-12-04T10:30:00Z');
    expect(await one.hit(limit, 'site:visiteur-1')).toBe(true);
  });

  it('shares the /suivi lookups between two processes, apart from the forms’ allowance', async () => {
    const opened = openDatabase('sqlite::memory:');
    db = opened.db;
    await migrate(db, opened.dialect, new Date());
    const clock = () => new Date('2026-12-04T10:00:00Z');
    const [one, two] = [createDbRateLimiter({ db, clock }), createDbRateLimiter({ db, clock })];
    const answers: boolean[] = [];
    for (let i = 0; i < CLAIM_LOOKUP_LIMIT.max; i++) answers.push(await (i % 2 ? two : one).hit(CLAIM_LOOKUP_LIMIT, 'ip:203.0.113.7'));
    expect(answers.every(Boolean)).toBe(true);
    expect(await one.hit(CLAIM_LOOKUP_LIMIT, 'ip:203.0.113.7')).toBe(false);
    expect(await two.hit(CLAIM_LOOKUP_LIMIT, 'ip:203.0.113.7')).toBe(false);
    // Looking up references does not use up the visitor's comments and contact messages.
    expect(await two.hit(PUBLIC_FORMS_LIMIT, 'ip:203.0.113.7')).toBe(true);
  });

  it('counts parallel hits each once', async () => {
    const opened = openDatabase('sqlite::memory:');
    db = opened.db;
    await migrate(db, opened.dialect, new Date());
    const limiter = createDbRateLimiter({ db, clock: () => new Date() });
    const answers = await Promise.all(Array.from({ length: 10 }, () => limiter.hit({ name: 'public', max: 5, windowSeconds: 600 }, 'site:x')));
    expect(answers.filter(Boolean)).toHaveLength(5);
  });
});

describe('visitorOf', () => {
  const req = (remoteAddress: string, forwarded?: string) => ({ socket: { remoteAddress }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;
  const proxies = parseTrustedProxies('10.0.0.0/8')!;
  it('takes the key the site sends for its visitor', () => {
    expect(visitorOf(req('10.0.0.5', '203.0.113.9'), 'cle-du-visiteur', proxies)).toBe('site:cle-du-visiteur');
  });
  it('without one, the caller’s address, behind a trusted proxy the forwarded one', () => {
    expect(visitorOf(req('10.0.0.5', '198.51.100.1, 203.0.113.9'), undefined, proxies)).toBe('ip:203.0.113.9');
    expect(visitorOf(req('198.51.100.7', '203.0.113.9'), undefined, proxies)).toBe('ip:198.51.100.7');
  });
});

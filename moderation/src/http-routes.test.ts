import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './http/server.ts';
import { signBody } from '@hub/integrations/contracts';
import { readConfig } from './config.ts';
import { httpRoutes } from './http-routes.ts';
import { createLogger } from './logger.ts';
import type { Services } from './services.ts';

/**
 * The composition root gives each link its own key: `POST /cms/published` (CMS → moderation)
 * checks CMS_PUBLISH_SECRET only, never HUB_REVALIDATE_SECRET (the cache-notice key the public
 * site holds too) nor MODERATION_SITE_TOKEN (the site's bearer token).
 */
const KEYS = { CMS_PUBLISH_SECRET: 'publish-key-cms-to-moderation', HUB_REVALIDATE_SECRET: 'revalidate-key-site-holds-too', MODERATION_SITE_TOKEN: 'site-token-site-holds' };
const NOTICE = JSON.stringify({ documentId: 'doc-1', slug: 'les-tilleuls', title: 'Les Tilleuls', message: 'Les Tilleuls rénovés' });

describe('POST /cms/published, as wired by httpRoutes', () => {
  let server: ReturnType<typeof createServer>;
  let base = '';
  let stop: () => Promise<void> = async () => {};
  const shared: string[] = [];

  beforeAll(async () => {
    const config = readConfig({ ...KEYS, LOG_LEVEL: 'silent' });
    const services = {
      clock: () => new Date(),
      facebookWebhook: { routes: [] },
      claims: {},
      escalation: {},
      escalationSettings: { ackSecret: async () => 'ack' },
      roster: { list: async () => [] },
      accounts: { resolve: async () => null },
      async publishArticle(p: { slug: string }) {
        shared.push(p.slug);
        return { queued: 3, accounts: 3 };
      },
    } as unknown as Services;
    const built = await httpRoutes(config, services, createLogger('silent'));
    stop = built.stop;
    server = createServer({ routes: built.routes, log: { error: () => {} } });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await server.close();
    await stop();
  });

  const post = async (key: string) => {
    const timestamp = String(Date.now());
    const res = await fetch(`${base}/cms/published`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-timestamp': timestamp, 'x-hub-signature-256': signBody(key, timestamp, NOTICE) },
      body: NOTICE,
    });
    return { status: res.status, body: (await res.json()) as { queued?: number; error?: { message: string } } };
  };

  it('refuses, in French, a notice signed with the site’s keys (HUB_REVALIDATE_SECRET, MODERATION_SITE_TOKEN)', async () => {
    for (const key of [KEYS.HUB_REVALIDATE_SECRET, KEYS.MODERATION_SITE_TOKEN]) {
      const answer = await post(key);
      expect(answer.status).toBe(401);
      expect(answer.body.error?.message).toBe('Signature de l’avis de publication invalide ou expirée.');
    }
    expect(shared).toEqual([]);
  });

  it('accepts the notice signed with CMS_PUBLISH_SECRET', async () => {
    expect(await post(KEYS.CMS_PUBLISH_SECRET)).toMatchObject({ status: 202, body: { queued: 3 } });
    expect(shared).toEqual(['les-tilleuls']);
  });
});

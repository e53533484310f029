import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHubConfig } from './hub-config.ts';
import { processEnvironments } from './hub-env.ts';
import { loadOrCreateSecrets, type HubSecrets } from './secrets.ts';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'hub-env-'));

/** The keys of the three links: each process gets only those of its own links. */
const LINK_KEYS = ['HUB_REVALIDATE_SECRET', 'CMS_PUBLISH_SECRET', 'MODERATION_SITE_TOKEN'] as const;

describe('processEnvironments: one key per link', () => {
  const dataDir = tempDir();
  const secrets = loadOrCreateSecrets(dataDir);
  const env = processEnvironments(readHubConfig({ HUB_DATA_DIR: dataDir }), secrets, {});

  it('generates three different keys', () => {
    const values = LINK_KEYS.map((key) => (secrets as unknown as Record<string, string>)[key]);
    for (const value of values) expect(value).toMatch(/^[\w-]{40,}$/);
    expect(new Set(values).size).toBe(3);
  });

  it('gives the CMS → moderation key to the CMS and moderation, never to the site', () => {
    expect(env.cms).toMatchObject({ CMS_PUBLISH_SECRET: secrets.CMS_PUBLISH_SECRET });
    expect(env.moderation).toMatchObject({ CMS_PUBLISH_SECRET: secrets.CMS_PUBLISH_SECRET });
    expect(env.site).not.toHaveProperty('CMS_PUBLISH_SECRET');
    expect(Object.values(env.site)).not.toContain(secrets.CMS_PUBLISH_SECRET);
  });

  it('gives the cache-notice key to the CMS, moderation and the site, the site token to the site and moderation only', () => {
    for (const process of [env.cms, env.site, env.moderation]) expect(process).toMatchObject({ HUB_REVALIDATE_SECRET: secrets.HUB_REVALIDATE_SECRET });
    expect(env.site).toMatchObject({ MODERATION_SITE_TOKEN: secrets.MODERATION_SITE_TOKEN });
    expect(env.moderation).toMatchObject({ MODERATION_SITE_TOKEN: secrets.MODERATION_SITE_TOKEN });
    expect(Object.values(env.cms)).not.toContain(secrets.MODERATION_SITE_TOKEN);
  });
});

describe('loadOrCreateSecrets', () => {
  it('keeps an older hub.env and adds the keys it lacks (CMS_PUBLISH_SECRET)', () => {
    const dataDir = tempDir();
    const first = loadOrCreateSecrets(dataDir);
    const file = path.join(dataDir, 'hub.env');
    const older = Object.entries(first).filter(([key]) => key !== 'CMS_PUBLISH_SECRET');
    writeFileSync(file, `# Secrets générés par le hub. Ne pas versionner.\n${older.map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });

    const again = loadOrCreateSecrets(dataDir);
    expect(again).toMatchObject(Object.fromEntries(older) as Partial<HubSecrets>);
    expect(again.CMS_PUBLISH_SECRET).toMatch(/^[\w-]{40,}$/);
    expect(again.CMS_PUBLISH_SECRET).not.toBe(again.HUB_REVALIDATE_SECRET);
    expect(readFileSync(file, 'utf8')).toContain(`\nCMS_PUBLISH_SECRET=${again.CMS_PUBLISH_SECRET}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Saved: the next start reads the same key.
    expect(loadOrCreateSecrets(dataDir).CMS_PUBLISH_SECRET).toBe(again.CMS_PUBLISH_SECRET);
  });
});

describe('processEnvironments: retention periods', () => {
  it('hands the operator’s RETENTION_*_DAYS to the processes that purge, and nothing else of the kind', () => {
    const dataDir = tempDir();
    const env = processEnvironments(readHubConfig({ HUB_DATA_DIR: dataDir }), loadOrCreateSecrets(dataDir), { RETENTION_REFUSED_ITEMS_DAYS: '30', RETENTION_UNKNOWN_DAYS: '5' });
    expect(env.moderation).toMatchObject({ RETENTION_REFUSED_ITEMS_DAYS: '30' });
    expect(env.cms).toMatchObject({ RETENTION_REFUSED_ITEMS_DAYS: '30' });
    expect(env.moderation).not.toHaveProperty('RETENTION_UNKNOWN_DAYS');
  });
});

describe('processEnvironments: the operator’s variables', () => {
  const dataDir = tempDir();
  const secrets = loadOrCreateSecrets(dataDir);
  const base = {
    HTTPS_PROXY: 'http://proxy.bailleur.local:3128',
    NO_PROXY: '127.0.0.1,localhost,.bailleur.local',
    NODE_EXTRA_CA_CERTS: '/etc/ssl/bailleur-ca.pem',
    NODE_OPTIONS: '--max-old-space-size=1024',
    LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2',
    AWS_SECRET_ACCESS_KEY: 'not-for-the-hub',
  };
  const env = processEnvironments(readHubConfig({ HUB_DATA_DIR: dataDir }), secrets, base);

  it('reach every process: a landlord behind its corporate proxy reaches the Graph and X APIs', () => {
    for (const unit of [env.cms, env.site, env.moderation]) {
      expect(unit).toMatchObject({ HTTPS_PROXY: base.HTTPS_PROXY, NO_PROXY: base.NO_PROXY, NODE_EXTRA_CA_CERTS: base.NODE_EXTRA_CA_CERTS, NODE_OPTIONS: base.NODE_OPTIONS, LD_PRELOAD: base.LD_PRELOAD });
    }
  });

  it('and nothing else of the operator’s environment does', () => {
    for (const unit of [env.cms, env.site, env.moderation]) expect(unit).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  const pages = [{ id: '1234', name: 'Habitat', accessToken: 'secret-token' }];

  it('reads the Pages from FACEBOOK_PAGES_FILE, a file outside git', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hub-config-')), 'pages.json');
    writeFileSync(file, JSON.stringify(pages));
    expect(readConfig({ FACEBOOK_PAGES_FILE: file }).FACEBOOK_PAGES).toEqual(pages);
  });

  it('names the bad setting without repeating its value (it holds tokens)', () => {
    expect(() => readConfig({ FACEBOOK_PAGES: '[{"id":"x","accessToken":"secret-token"}]' })).toThrow(/FACEBOOK_PAGES/);
    try {
      readConfig({ FACEBOOK_PAGES: '[{"id":"x","accessToken":"secret-token"}]' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-token');
    }
  });

  it('refuses a CRM address without the secret that signs the claims sent to it', () => {
    expect(() => readConfig({ CLAIMS_WEBHOOK_URL: 'https://grc.bailleur.example/reclamations' })).toThrow(
      'Configuration du service de modération invalide : CLAIMS_WEBHOOK_SECRET (obligatoire avec CLAIMS_WEBHOOK_URL)',
    );
    expect(readConfig({ CLAIMS_WEBHOOK_URL: 'https://grc.bailleur.example/reclamations', CLAIMS_WEBHOOK_SECRET: 's' }).CLAIMS_WEBHOOK_SECRET).toBe('s');
  });

  it('says in French when the file cannot be read', () => {
    expect(() => readConfig({ TWITTER_ACCOUNTS_FILE: '/nulle/part.json' })).toThrow(/fichier illisible/);
  });

  it('refuses a CMS_PUBLISH_SECRET equal to a key the site holds, without repeating it', () => {
    expect(() => readConfig({ CMS_PUBLISH_SECRET: 'same-key', HUB_REVALIDATE_SECRET: 'same-key' })).toThrow(
      'Configuration du service de modération invalide : CMS_PUBLISH_SECRET (doit différer de HUB_REVALIDATE_SECRET)',
    );
    expect(() => readConfig({ CMS_PUBLISH_SECRET: 'same-key', MODERATION_SITE_TOKEN: 'same-key' })).toThrow(/CMS_PUBLISH_SECRET \(doit différer de MODERATION_SITE_TOKEN\)/);
    expect(readConfig({ CMS_PUBLISH_SECRET: 'p', HUB_REVALIDATE_SECRET: 'r', MODERATION_SITE_TOKEN: 's' }).CMS_PUBLISH_SECRET).toBe('p');
    expect(readConfig({}).CMS_PUBLISH_SECRET).toBe('');
  });

  it('runs the API and the workers by default, either alone on demand, and refuses anything else in French', () => {
    expect(readConfig({}).MODERATION_ROLES).toEqual({ api: true, workers: true });
    expect(readConfig({ MODERATION_ROLES: 'workers' }).MODERATION_ROLES).toEqual({ api: false, workers: true });
    expect(readConfig({ MODERATION_ROLES: ' api ' }).MODERATION_ROLES).toEqual({ api: true, workers: false });
    expect(() => readConfig({ MODERATION_ROLES: 'api,pollers' })).toThrow(/MODERATION_ROLES \(api, workers ou api,workers\)/);
    expect(() => readConfig({ MODERATION_ROLES: '' })).toThrow(/MODERATION_ROLES/);
  });
});

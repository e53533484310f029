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
});

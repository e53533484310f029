import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { createLogger, secretValues } from './logger.ts';

function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger('trace', { secrets, destination: { write: (line: string) => lines.push(line) } });
  return { logger, text: () => lines.join('') };
}

describe('createLogger', () => {
  it('redacts tokens, webhook URLs, SMTP URLs and config secrets by key, at any depth', () => {
    const { logger, text } = capture();
    logger.info({
      accessToken: 'EAAG-top-level',
      page: { accessToken: 'EAAG-nested' },
      FACEBOOK_PAGES: [{ id: '1', name: 'P', accessToken: 'EAAG-in-a-list' }],
      TWITTER_ACCOUNTS: [{ id: '2', username: 'u', bearerToken: 'bearer-in-a-list' }],
      account: { bearerToken: 'bearer-nested' },
      member: { webhook: 'https://sms.example/hook/tok-webhook', webhookUrl: 'https://sms.example/hook/tok-webhook-url' },
      SMTP_URL: 'smtp://astreinte:pw-smtp@mail.example:587',
      config: { CLAIMS_WEBHOOK_SECRET: 'claims-secret', ONCALL_WEBHOOK_SECRET: 'oncall-secret', HUB_ADMIN_PASSWORD: 'admin-pw' },
    });
    const out = text();
    for (const secret of ['EAAG-top-level', 'EAAG-nested', 'EAAG-in-a-list', 'bearer-in-a-list', 'bearer-nested', 'tok-webhook', 'pw-smtp', 'claims-secret', 'oncall-secret', 'admin-pw']) {
      expect(out).not.toContain(secret);
    }
    // A URL keeps its host, so that a reader can tell which service it was.
    expect(out).toContain('https://sms.example/[secret]');
    expect(out).toContain('smtp://mail.example:587/[secret]');
  });

  it('redacts the site token, signature and cookie headers of a request or a response, nested', () => {
    const { logger, text } = capture();
    const headers = {
      authorization: 'Bearer auth-secret',
      cookie: 'hub_session=session-secret',
      'set-cookie': ['hub_session=set-cookie-secret; HttpOnly'],
      'x-hub-site-token': 'site-token-secret',
      'x-hub-signature-256': 'sha256=signature-secret',
      'content-type': 'application/json',
    };
    logger.info({ req: { headers }, res: { headers }, upstream: { response: { headers } } }, 'request');
    logger.info({ headers }, 'bare headers');
    const out = text();
    for (const secret of ['auth-secret', 'session-secret', 'set-cookie-secret', 'site-token-secret', 'signature-secret']) expect(out).not.toContain(secret);
    expect(out).toContain('application/json');
  });

  it('scrubs a password in any URL and the known secret values out of messages and errors', () => {
    const { logger, text } = capture(['very-secret-value', 'quote"secret']);
    logger.error({ err: new Error('connexion à smtp://astreinte:pw-in-message@mail.example:587 impossible') }, 'mail failed');
    logger.warn('refused with very-secret-value in the message');
    logger.warn({ detail: 'a value with quote"secret inside' }, 'escaped');
    logger.warn('GET https://graph.example/v21.0/me?access_token=EAAG-query&fields=id');
    const out = text();
    for (const secret of ['pw-in-message', 'very-secret-value', 'quote', 'EAAG-query']) expect(out).not.toContain(secret);
    expect(out).toContain('smtp://astreinte:[secret]@mail.example:587');
  });

  it('knows the secret values of the configuration', () => {
    const config = readConfig({
      HUB_ADMIN_PASSWORD: 'admin-pw',
      FACEBOOK_PAGES: JSON.stringify([{ id: '1', name: 'P', accessToken: 'EAAG-config' }]),
      TWITTER_ACCOUNTS: JSON.stringify([{ id: '2', username: 'u', bearerToken: 'bearer-config' }]),
      SMTP_URL: 'smtp://u:p%40ss-config@mail.example:25',
      CLAIMS_WEBHOOK_SECRET: 'claims-config',
      ONCALL_WEBHOOK_SECRET: 'oncall-config',
      ONCALL_ROSTER: JSON.stringify([{ level: 1, name: 'Camille', email: 'camille@bailleur.example', webhook: 'https://sms.example/hook/tok-config' }]),
    });
    const values = secretValues(config);
    for (const v of ['admin-pw', 'EAAG-config', 'bearer-config', 'p@ss-config', 'claims-config', 'oncall-config', 'https://sms.example/hook/tok-config']) expect(values).toContain(v);
  });
});

import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';

/**
 * Behind the landlord's reverse proxy every visitor arrives from the proxy's address: the site
 * reads `X-Forwarded-For` from the trusted proxy only (here 127.0.0.2, a second loopback address),
 * so one visitor's flood does not close the contact form to the others, and a visitor who writes
 * the header himself, without the proxy, cannot pose as someone new at each message.
 */
let hub: TestHub;
const PROXY = '127.0.0.2';

beforeAll(async () => {
  hub = await startTestHub({ siteEnv: { SITE_TRUSTED_PROXIES: PROXY } });
});
afterAll(async () => {
  await hub?.stop();
});

/** The contact form posted from `from`, with `forwardedFor` as the proxy (or a visitor) wrote it. */
function postContact(from: string, forwardedFor: string): Promise<{ status: number; body: string }> {
  const url = new URL(`${hub.siteUrl}/contact`);
  const body = new URLSearchParams({ nom: 'Sylvie', coordonnees: 'sylvie@exemple.fr', objet: 'Autre', message: 'La porte du hall ferme mal.', consentement: 'oui', site_web: '' }).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: hub.siteUrl, 'x-forwarded-for': forwardedFor, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const SENT = 'Merci, votre message a bien été transmis';

describe('visitors behind the trusted proxy', () => {
  it('stops a flooding visitor and still takes the next visitor’s message', async () => {
    const flood = [];
    for (let i = 0; i < 6; i++) flood.push(await postContact(PROXY, '203.0.113.7'));
    expect(flood.slice(0, 5).every((answer) => answer.body.includes(SENT))).toBe(true);
    expect(flood[5]!.body).not.toContain(SENT);
    expect(flood[5]!.status).toBeGreaterThanOrEqual(400);
    const neighbour = await postContact(PROXY, '203.0.113.8');
    expect(neighbour.body).toContain(SENT);
  });

  it('does not believe the header from anyone but the proxy', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await postContact('127.0.0.1', `198.51.100.${i + 1}`));
    expect(answers.slice(0, 5).every((answer) => answer.body.includes(SENT))).toBe(true);
    expect(answers[5]!.body).not.toContain(SENT);
  });
});

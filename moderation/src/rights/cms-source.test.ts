import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubError } from '../errors.ts';
import { cmsSource } from './cms-source.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A CMS stand-in answering every request with `status` and `body`, recording what it got. */
async function cms(status: number, body: unknown) {
  const got: { path: string; token: string | undefined; body: unknown }[] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      got.push({ path: req.url!, token: req.headers['x-hub-privacy-token'] as string | undefined, body: JSON.parse(raw) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got };
}

describe('the CMS as a source of personal data', () => {
  it('asks with its own key and answers the CMS’s records', async () => {
    const peer = await cms(200, { subscriptions: [{ email: 'a@exemple.fr' }], consents: [], sendLogs: [] });
    const found = await cmsSource({ url: peer.url, token: 'clé-confidentialité' }).find(['a@exemple.fr']);
    expect(found.subscriptions).toHaveLength(1);
    expect(peer.got).toEqual([{ path: '/api/hub/privacy/find', token: 'clé-confidentialité', body: { emails: ['a@exemple.fr'] } }]);
  });

  it('says in French that the CMS does not answer, when it refuses or is down', async () => {
    const peer = await cms(500, {});
    await expect(cmsSource({ url: peer.url, token: 't' }).find(['a@exemple.fr'])).rejects.toMatchObject({ code: 'RIGHTS_SOURCE_UNAVAILABLE', publicMessage: expect.stringContaining('Le CMS ne répond pas') });
    const down = cmsSource({ url: 'http://127.0.0.1:1', token: 't' });
    const error = await down.erase(['a@exemple.fr']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).publicMessage).toContain('n’ont pas été effacés');
  });
});

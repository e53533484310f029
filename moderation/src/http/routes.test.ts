import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './server.ts';
import { HubError } from '../errors.ts';
import { sendJson } from './respond.ts';
import { createRouter, type Route } from './routes.ts';

const answer =
  (name: string): Route['handler'] =>
  (_req, res, { params }) =>
    sendJson(res, 200, { name, params });

const siteOnly: Route['auth'] = (req) => {
  if (req.headers['x-token'] !== 'ok') throw new HubError('UNAUTHENTICATED');
};

const routes: Route[] = [
  { method: 'GET', path: '/public/claims/*reference', caller: 'site', auth: siteOnly, handler: answer('claim') },
  { method: 'POST', path: '/public/comments', caller: 'site', auth: siteOnly, handler: answer('post-comment') },
  { method: 'GET', path: '/public/comments', caller: 'site', auth: siteOnly, handler: answer('list-comments') },
  { method: '*', path: '/public/*', caller: 'site', auth: siteOnly, handler: () => { throw new HubError('NOT_FOUND'); } },
  { method: 'POST', path: '/claims/status', caller: 'crm', handler: answer('status') },
  { method: 'GET', path: '/items/:id/events', caller: 'console', handler: answer('events') },
  { method: 'GET', path: '/hook', caller: 'meta', otherMethods: 'method-not-allowed', handler: answer('verify') },
  { method: 'POST', path: '/hook', caller: 'meta', otherMethods: 'method-not-allowed', handler: answer('deliver') },
  { method: '*', path: '/health', caller: 'anyone', handler: answer('health') },
];

describe('router', () => {
  let server: ReturnType<typeof createServer>;
  let base = '';
  beforeAll(async () => {
    server = createServer({ routes: routes, fallback: (_req, res, { url }) => sendJson(res, 200, { name: 'fallback', path: url.pathname }), log: { error: () => {} } });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  const call = async (method: string, path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, { method, headers });
    const text = await res.text();
    return { status: res.status, allow: res.headers.get('allow'), body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };

  it('picks the most specific route taking the method, whatever the order of the table', async () => {
    expect((await call('GET', '/public/claims/REC-2026-000001', { 'x-token': 'ok' })).body).toEqual({ name: 'claim', params: { reference: 'REC-2026-000001' } });
    expect((await call('GET', '/public/claims/a/b%2F', { 'x-token': 'ok' })).body).toEqual({ name: 'claim', params: { reference: 'a/b%2F' } });
    expect((await call('GET', '/public/claims/', { 'x-token': 'ok' })).body).toEqual({ name: 'claim', params: { reference: '' } });
    expect((await call('GET', '/public/comments', { 'x-token': 'ok' })).body?.name).toBe('list-comments');
    expect((await call('POST', '/public/comments', { 'x-token': 'ok' })).body?.name).toBe('post-comment');
    expect((await call('GET', '/items/abc/events')).body).toEqual({ name: 'events', params: { id: 'abc' } });
  });

  it('runs the route’s check first, also on the catch-all of a prefix', async () => {
    expect((await call('GET', '/public/comments')).status).toBe(401);
    expect((await call('HEAD', '/public/claims/x')).status).toBe(401);
    expect((await call('PUT', '/public/comments', { 'x-token': 'ok' })).status).toBe(404);
    expect((await call('GET', '/public/other', { 'x-token': 'ok' })).body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers 404 to another method on a known path, or 405 with Allow when the route asks', async () => {
    expect((await call('GET', '/claims/status')).body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const put = await call('PUT', '/hook');
    expect(put.status).toBe(405);
    expect(put.allow).toBe('GET, POST');
    expect(put.body).toEqual({ error: { message: 'Méthode non autorisée.' } });
    expect((await call('DELETE', '/health')).body?.name).toBe('health');
  });

  it('leaves the other paths to the fallback', async () => {
    expect((await call('GET', '/public')).body).toEqual({ name: 'fallback', path: '/public' });
    expect((await call('GET', '/claims/status/x')).body?.name).toBe('fallback');
    expect((await call('GET', '/items/abc')).body?.name).toBe('fallback');
  });

  it('refuses two routes taking the same method on the same path', () => {
    expect(() => createRouter([routes[4]!, { ...routes[4]!, method: ['GET', 'POST'] }])).toThrow(/double/);
    expect(() => createRouter([routes[8]!, { ...routes[8]!, method: 'GET' }])).toThrow(/double/);
    expect(() => createRouter([{ ...routes[0]!, path: '/a/*rest/b' }])).toThrow(/dernier/);
  });
});

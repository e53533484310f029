import type { IncomingMessage, ServerResponse } from 'node:http';
import { HubError } from '../errors.ts';
import { SESSION_COOKIE } from '../graphql/resolvers/access.ts';
import type { QueueChange } from '../queue/service.ts';
import type { Services } from '../services.ts';
import { readCookie } from './body.ts';

/**
 * Server-sent events for the console: each change to the queue is pushed as it happens, so new
 * items appear without reloading. Needs a session, like the API.
 */
export async function streamChanges(services: Services, req: IncomingMessage, res: ServerResponse) {
  const user = await services.accounts.resolve(readCookie(req, SESSION_COOKIE));
  if (!user) throw new HubError('UNAUTHENTICATED');
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 3000\n\n');
  const send = (change: QueueChange) => res.write(`event: queue\ndata: ${JSON.stringify(change)}\n\n`);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
  services.changes.on('change', send);
  req.on('close', () => {
    clearInterval(heartbeat);
    services.changes.off('change', send);
  });
}

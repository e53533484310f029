import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EventSource<T> {
  /** The SSE event name (`event: <name>`). */
  event: string;
  /** Starts sending each new value; returns how to stop. */
  subscribe(send: (data: T) => void): () => void;
}

/**
 * Server-sent events: each value is pushed as it happens (the console's queue changes), with a
 * heartbeat, until the client goes away. Who may listen is the route's `auth`.
 */
export function streamEvents<T>(req: IncomingMessage, res: ServerResponse, source: EventSource<T>) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 3000\n\n');
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
  const stop = source.subscribe((data) => res.write(`event: ${source.event}\ndata: ${JSON.stringify(data)}\n\n`));
  req.on('close', () => {
    clearInterval(heartbeat);
    stop();
  });
}

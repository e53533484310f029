import type { IncomingMessage, ServerResponse } from 'node:http';

export interface EventSource<T> {
  /** The SSE event name (`event: <name>`). */
  event: string;
  /** Starts sending each new value; returns how to stop. */
  subscribe(send: (data: T) => void): () => void;
}

export interface StreamOptions {
  /**
   * Calls `end` when the listener's right to listen ends (the console session logged out or
   * expired); returns how to stop watching. The stream then says `event: session` and closes:
   * the browser's reconnection is refused by the route's `auth`.
   */
  until?: (end: () => void) => () => void;
}

/**
 * Server-sent events: each value is pushed as it happens (the console's queue changes), with a
 * heartbeat, until the client goes away or `until` ends it. Who may listen is the route's `auth`.
 */
export function streamEvents<T>(req: IncomingMessage, res: ServerResponse, source: EventSource<T>, options: StreamOptions = {}) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 3000\n\n');
  let open = true;
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
  const stop = source.subscribe((data) => {
    if (open) res.write(`event: ${source.event}\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    stop();
    unwatch();
  };
  let unwatch: () => void = () => undefined;
  req.on('close', close);
  unwatch = options.until?.(() => {
    if (!open) return;
    close();
    res.end('event: session\ndata: "Session terminée : reconnectez-vous."\n\n');
  }) ?? unwatch;
}

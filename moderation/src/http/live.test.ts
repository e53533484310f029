import http from 'node:http';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { streamEvents } from './live.ts';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

describe('streamEvents', () => {
  it('pushes each value, then says why and closes when `until` ends it', async () => {
    const changes = new EventEmitter();
    let end: () => void = () => undefined;
    let unwatched = false;
    server = http.createServer((req, res) =>
      streamEvents(req, res, { event: 'queue', subscribe: (send) => (changes.on('change', send), () => changes.off('change', send)) }, {
        until: (e) => ((end = e), () => (unwatched = true)),
      }),
    );
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    const reader = res.body!.getReader();
    await reader.read();
    changes.emit('change', { id: 'a' });
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('data: {"id":"a"}');
    end();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toContain('event: session');
    expect(changes.listenerCount('change')).toBe(0);
    expect(unwatched).toBe(true);
  });
});

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What `start()` gives back: the base URL (no trailing slash) and a way to stop. */
export interface RunningEmulator {
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** 0 (default): any free port. */
  port?: number;
  /** 127.0.0.1 by default: the emulators are for tests and the demo, never exposed. */
  host?: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export async function listen(handler: Handler, options: StartOptions = {}): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`emulator failure: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
      // Keep-alive sockets of SDK agents would hold `close` open: end them.
      for (const socket of sockets) socket.destroy();
    });
  return { server, url, close };
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request body as a flat record: JSON objects and urlencoded forms (what the SDKs and `fetch` send). */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw.trim()) return {};
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/json') || /^\s*[{[]/.test(raw)) {
    try {
      const value: unknown = JSON.parse(raw);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

export interface SendJsonOptions {
  /** Extra response headers; they override `content-type` and `content-length` when they name them. */
  headers?: Record<string, string>;
  /** `application/json; charset=UTF-8` by default. */
  contentType?: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, options: SendJsonOptions = {}): void {
  const { headers = {}, contentType = 'application/json; charset=UTF-8' } = options;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A Date, epoch milliseconds or anything `Date.parse` understands. */
export type DateInput = Date | string | number;

export function toMs(value: DateInput | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new Error(`not a date: ${value}`);
  return parsed;
}

/** Delay for a `delayMs` knob: a fixed number or a `{ min, max }` range drawn from `random`. */
export function drawDelay(delay: number | { min: number; max: number } | undefined, random: () => number): number {
  if (delay === undefined) return 0;
  if (typeof delay === 'number') return Math.max(0, delay);
  return Math.max(0, delay.min + Math.floor(random() * (delay.max - delay.min + 1)));
}

/** Scenario steps with `afterMs` run once the emulator is listening; the others run at creation. */
export function scheduleSteps<S extends { afterMs?: number }>(steps: readonly S[], run: (step: S) => void): () => void {
  const timers = steps
    .filter((step) => step.afterMs !== undefined && step.afterMs > 0)
    .map((step) => setTimeout(() => run(step), step.afterMs));
  return () => timers.forEach(clearTimeout);
}

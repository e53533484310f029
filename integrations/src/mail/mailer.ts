import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import { IntegrationError } from '../errors/index.ts';

/** One e-mail to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Overrides the mailer's sender for this message. */
  from?: string;
  replyTo?: string;
  /**
   * One-click unsubscribe (RFC 8058): `List-Unsubscribe: <url>` and
   * `List-Unsubscribe-Post: List-Unsubscribe=One-Click`. The URL must accept a POST.
   */
  unsubscribeUrl?: string;
  /** Extra headers (e.g. `X-Hub-Send`), never secrets. */
  headers?: Record<string, string>;
  /**
   * Called synchronously just before the end-of-data mark (`\r\n.\r\n`) is written to the server:
   * before it the server drops the message if this process dies, after it the message may be
   * delivered whatever happens here. Lets a sender note « handed over » at the one safe instant.
   * Plain SMTP connections only (on a TLS connection the mark is not visible: not called).
   */
  onHandover?: () => void;
}

/**
 * How long one SMTP exchange may stall, in ms. nodemailer's own defaults (connection 2 min,
 * greeting 30 s, socket inactivity 10 min) outlast the outbox lease (60 s): a slow server then
 * had an on-call e-mail claimed again by another worker and sent twice. These keep the
 * connection and the greeting (35 s at worst) inside the outbox worker's delivery deadline
 * (45 s), itself inside the lease; the socket timeout is inactivity on an open connection (a
 * server that stops answering mid-message), not a total: the worker's deadline bounds the whole.
 */
export interface MailTimeouts {
  /** TCP connection established (DNS lookup included). */
  connectionMs: number;
  /** The server's 220 greeting once connected. */
  greetingMs: number;
  /** Silence on an open connection (an answer to a command, the end of DATA). */
  socketMs: number;
}

export const MAIL_TIMEOUTS: MailTimeouts = { connectionMs: 20_000, greetingMs: 15_000, socketMs: 30_000 };

export interface MailerOptions {
  /**
   * `smtp://user:pass@host:port` or `smtps://…` (sensitive: never logged). Empty: the demo's
   * letterbox, each message written as an `.eml` file in `letterbox` (nothing leaves the machine).
   */
  url: string;
  letterbox?: string;
  /** The sender, e.g. `"Habitat Val de Loire" <communication@bailleur.example>`. */
  from: string;
  /** Keep connections open and reuse them (bulk sending). */
  pool?: boolean;
  maxConnections?: number;
  /** At most this many messages per second (pool only); 0 or absent: no limit. */
  ratePerSecond?: number;
  /** Overrides `MAIL_TIMEOUTS` (tests). */
  timeouts?: Partial<MailTimeouts>;
}

export interface Mailer {
  /** Sends one message; resolves with the SMTP message id, rejects with an IntegrationError (see mailFailure). */
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Nodemailer's error as an IntegrationError, keeping the server's answer (no credentials in it):
 * `refused` (not retryable) for a 5xx answer about the recipient, a hard bounce that suspends the
 * address; `transient` for 4xx, connection and timeout errors (try again later).
 */
export function mailFailure(error: unknown): IntegrationError {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent = code !== undefined && code >= 500 && code < 600 && e.code !== 'EAUTH';
  const detail = e.response ?? e.message ?? String(error);
  return new IntegrationError(permanent ? `Adresse refusée par le serveur de messagerie : ${detail}` : `Envoi impossible pour l’instant : ${detail}`, {
    kind: permanent ? 'refused' : 'transient',
    responseCode: code,
    cause: error,
  });
}

/** nodemailer's options for one message, with the one-click unsubscribe headers (RFC 8058). */
function mailOptions(message: MailMessage, defaultFrom: string): nodemailer.SendMailOptions {
  const headers: Record<string, string> = { ...message.headers };
  if (message.unsubscribeUrl) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  return {
    from: message.from ?? defaultFrom,
    to: message.to,
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers,
    ...(message.unsubscribeUrl ? { list: { unsubscribe: message.unsubscribeUrl } } : {}),
  };
}

/**
 * A TCP connection with Nagle's algorithm off. nodemailer leaves it on, and writes the end of each
 * message (`\r\n.\r\n`) apart from its body: that last small write then waits for the server's
 * delayed ACK (40 ms on Linux), a stall on every message of every connection. nodemailer upgrades
 * the socket to TLS itself when the URL asks for it.
 */
/** The header that tells the socket watcher which message is going through (a random id, no data). */
const HANDOVER_HEADER = 'X-Hub-Send-Id';
const HANDOVER_PATTERN = /X-Hub-Send-Id: ([\w-]+)\r\n/i;
const END_OF_DATA = /\r\n\.\r\n$/;

/**
 * Watches what nodemailer writes on a plain connection: the message's id header, then its
 * end-of-data mark, just before which the message's `onHandover` runs.
 */
function watchHandovers(socket: net.Socket, handovers: Map<string, () => void>): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let tail = '';
  let current: string | undefined;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('latin1') : '';
    const seen = tail + text;
    current ??= HANDOVER_PATTERN.exec(seen)?.[1];
    if (current && END_OF_DATA.test(seen)) {
      const handover = handovers.get(current);
      handovers.delete(current);
      current = undefined;
      tail = '';
      // Nothing queued in the process: this write reaches the kernel before it returns, so the
      // hand-over is noted just before. Data still queued here would die with the process: then
      // it is noted once the mark is flushed to the kernel.
      if (socket.writableLength === 0 || !handover) {
        handover?.();
        return write(chunk, ...rest);
      }
      const callback = typeof rest.at(-1) === 'function' ? (rest.pop() as (error?: Error | null) => void) : undefined;
      return write(chunk, ...rest, (error?: Error | null) => {
        if (!error) handover();
        callback?.(error);
      });
    }
    tail = seen.slice(-256);
    return write(chunk, ...rest);
  }) as typeof socket.write;
}

function connectWithoutDelay(options: { host?: string; port?: number; secure?: boolean; connectionTimeout?: number }, callback: (err: Error | null, socket?: { connection: net.Socket }) => void) {
  const socket = net.connect({ host: options.host ?? 'localhost', port: options.port ?? (options.secure ? 465 : 587), noDelay: true });
  const fail = (error: Error) => {
    socket.destroy();
    callback(error);
  };
  socket.setTimeout(options.connectionTimeout ?? MAIL_TIMEOUTS.connectionMs, () => fail(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })));
  socket.once('error', fail);
  socket.once('connect', () => {
    socket.removeListener('error', fail);
    socket.setTimeout(0);
    callback(null, { connection: socket });
  });
}

export function createMailer(options: MailerOptions): Mailer {
  if (!options.url) return createLetterbox(options);
  const rate = options.ratePerSecond ?? 0;
  const handovers = new Map<string, () => void>();
  const timeouts = { ...MAIL_TIMEOUTS, ...options.timeouts };
  // Given a `url`, nodemailer reads only the URL and drops every other option (pool, rate…): parse it here.
  const transport = nodemailer.createTransport({
    ...parseConnectionUrl(options.url),
    pool: options.pool ?? false,
    maxConnections: options.maxConnections ?? 2,
    ...(options.pool && rate > 0 ? { rateDelta: 1000, rateLimit: rate } : {}),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    getSocket: (socketOptions: Parameters<typeof connectWithoutDelay>[0], callback: Parameters<typeof connectWithoutDelay>[1]) =>
      connectWithoutDelay(socketOptions, (error, socket) => {
        if (socket) watchHandovers(socket.connection, handovers);
        callback(error, socket);
      }),
  } as nodemailer.TransportOptions);
  return {
    async send(message) {
      const id = message.onHandover ? randomUUID() : undefined;
      if (id) handovers.set(id, message.onHandover!);
      try {
        const mail = mailOptions(message, options.from);
        if (id) mail.headers = { ...(mail.headers as Record<string, string>), [HANDOVER_HEADER]: id };
        const info = await transport.sendMail(mail);
        const rejected = (info.rejected ?? []) as unknown[];
        if (rejected.length) throw Object.assign(new Error(`destinataire refusé`), { responseCode: 550, response: String(info.response ?? '') });
        return { messageId: String(info.messageId) };
      } catch (error) {
        throw error instanceof IntegrationError ? error : mailFailure(error);
      } finally {
        if (id) handovers.delete(id);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** The demo's mailer: builds the real message and writes it to `letterbox/<time>-<to>.eml`. */
function createLetterbox(options: MailerOptions): Mailer {
  const folder = options.letterbox ?? path.resolve('data', 'letterbox');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      mkdirSync(folder, { recursive: true });
      const info = await transport.sendMail(mailOptions(message, options.from));
      message.onHandover?.();
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.to.replace(/[^a-z0-9@._-]/gi, '_')}.eml`;
      writeFileSync(path.join(folder, name), info.message as Buffer);
      return { messageId: String(info.messageId) };
    },
    close() {},
  };
}

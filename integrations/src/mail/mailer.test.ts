import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { IntegrationError } from '../errors/index.ts';
import { createMailer, MAIL_TIMEOUTS } from './mailer.ts';

let server: SMTPServer | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A real SMTP peer that counts connections and messages. */
async function peer() {
  const seen = { connections: 0, messages: 0 };
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      seen.connections += 1;
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        seen.messages += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`, seen };
}

describe('createMailer with an SMTP URL', () => {
  it('keeps the pool options (nodemailer drops them when given a url) and reuses its connections', async () => {
    const { url, seen } = await peer();
    const mailer = createMailer({ url, from: 'hub@bailleur.example', pool: true, maxConnections: 1 });
    for (let i = 0; i < 20; i++) await mailer.send({ to: `locataire${i}@exemple.fr`, subject: 'Bonjour', text: 'Texte' });
    mailer.close();
    expect(seen).toEqual({ connections: 1, messages: 20 });
  });
});

describe('onHandover', () => {
  it('runs once per message, before the server answers, and not for an address refused before the data', async () => {
    const { url, seen } = await peer();
    const mailer = createMailer({ url, from: 'hub@bailleur.example', pool: true, maxConnections: 2 });
    const handed: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        mailer.send({
          to: `locataire${i}@exemple.fr`,
          subject: 'Bonjour',
          text: `Texte ${i}\r\n.\r\nune ligne avec un point seul ne termine pas le message`,
          onHandover: () => handed.push(seen.messages),
        }),
      ),
    );
    const refused = await mailer.send({ to: 'pas une adresse', subject: 'x', text: 'y', onHandover: () => handed.push(-1) }).catch((e: Error) => e);
    mailer.close();
    expect(refused).toBeInstanceOf(Error);
    expect(handed).toHaveLength(10);
    expect(seen.messages).toBe(10);
  });
});

describe('timeouts', () => {
  let silent: net.Server | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (silent ? silent.close(() => resolve()) : resolve()));
    silent = null;
  });

  it('are explicit and stay inside the outbox lease (60 s) and delivery deadline (45 s)', () => {
    expect(MAIL_TIMEOUTS).toEqual({ connectionMs: 20_000, greetingMs: 15_000, socketMs: 30_000 });
    expect(MAIL_TIMEOUTS.connectionMs + MAIL_TIMEOUTS.greetingMs).toBeLessThan(45_000);
    expect(MAIL_TIMEOUTS.socketMs).toBeLessThan(45_000);
  });

  it('gives up on a server that accepts the connection and never greets', async () => {
    const sockets: net.Socket[] = [];
    silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const url = `smtp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const mailer = createMailer({ url, from: 'hub@bailleur.example', timeouts: { greetingMs: 200 } });
    const started = Date.now();
    const error = await mailer.send({ to: 'astreinte@bailleur.example', subject: 'Crise', text: 'x' }).catch((e: unknown) => e);
    mailer.close();
    for (const socket of sockets) socket.destroy();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ kind: 'transient', retryable: true });
  });

  it('gives up on a server that goes silent at the end of the message', async () => {
    const seen = { messages: 0 };
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream) {
        stream.resume();
        stream.on('end', () => (seen.messages += 1)); // never answers the end of data
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    const mailer = createMailer({ url, from: 'hub@bailleur.example', timeouts: { socketMs: 300 } });
    const started = Date.now();
    const error = await mailer.send({ to: 'astreinte@bailleur.example', subject: 'Crise', text: 'x' }).catch((e: unknown) => e);
    mailer.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(seen.messages).toBe(1);
    expect(error).toMatchObject({ kind: 'transient', retryable: true });
  });
});

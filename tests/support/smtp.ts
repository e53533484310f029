import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './wait.ts';

export interface ReceivedMail {
  /** Envelope recipients, as the server saw them (RCPT TO). */
  to: string[];
  from: string;
  parsed: ParsedMail;
  /** The raw message, headers included. */
  raw: string;
}

export interface SmtpSinkOptions {
  /**
   * Called at RCPT TO: return a code ≥ 400 to refuse the address (e.g. 550 for a hard bounce,
   * 450 for a temporary refusal), undefined to accept it.
   */
  refuse?: (address: string) => number | undefined;
  /** Keep only the count, not the messages (benchmarks with thousands of messages). */
  countOnly?: boolean;
}

/**
 * A real SMTP peer in-process (`smtp-server`), on a free loopback port, that parses what it
 * receives with `mailparser`. `url` is an `SMTP_URL` for the hub.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}) {
  const messages: ReceivedMail[] = [];
  let count = 0;
  /** Messages accepted per envelope recipient, kept in countOnly mode too. */
  const perRecipient = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address);
      if (code) return callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        count += 1;
        for (const r of session.envelope.rcptTo) perRecipient.set(r.address, (perRecipient.get(r.address) ?? 0) + 1);
        if (options.countOnly) return callback();
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              parsed,
              raw,
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  // A client killed mid-session (crash tests) resets its connection: not an error of the sink.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    /** Messages accepted so far (parsed or not). */
    get count() {
      return count;
    },
    /** Messages accepted per recipient address (also in countOnly mode). */
    perRecipient,
    /** The messages sent to one address. */
    to(address: string) {
      return messages.filter((m) => m.to.includes(address));
    },
    /** Waits until `n` messages arrived in all (or to `address`). */
    async waitFor(n: number, address?: string, timeoutMs = 10_000) {
      await eventually(async () => {
        const got = address ? messages.filter((m) => m.to.includes(address)).length : count;
        return got >= n ? true : undefined;
      }, timeoutMs);
      return address ? messages.filter((m) => m.to.includes(address)) : messages;
    },
    clear() {
      messages.length = 0;
      count = 0;
      perRecipient.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

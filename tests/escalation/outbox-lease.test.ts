/**
 * « Outbox timing »: an on-call e-mail whose SMTP server answers slower than the outbox lease,
 * with two outbox workers (two database connections, as two processes would have) on one
 * database, SQLite file and PostgreSQL. Before the fix the second worker claimed the row again
 * once the lease ran out and the on-call person received the page twice; now the worker that
 * sends renews its lease while the delivery runs, and the SMTP peer sees exactly one message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '@hub/integrations/mail';
import { migrate, openDatabase, type Db } from '../../moderation/src/db/database.ts';
import { newOutboxRow } from '../../moderation/src/outbox/enqueue.ts';
import { createOutboxWorker, type Delivery } from '../../moderation/src/outbox/worker.ts';
import { createTempDatabase } from '../support/postgres.ts';
import { eventually } from '../support/wait.ts';

const LEASE_MS = 400;
/** The SMTP peer holds its answer to the end of the message this long: over twice the lease. */
const ANSWER_DELAY_MS = 1_000;

/** A real SMTP peer that counts the messages it receives and answers each one late. */
async function slowSmtpPeer() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        setTimeout(() => callback(), ANSWER_DELAY_MS);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(['sqlite', 'postgres'] as const)('on-call e-mail slower than the outbox lease (%s)', (dialect) => {
  let url = '';
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-lease-'));
      url = `sqlite:${path.join(dir, 'moderation.db')}`;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const database = await createTempDatabase();
      url = database.url;
      cleanup = () => database.drop();
    }
  });
  afterAll(() => cleanup());

  it('two workers, one database: the page is sent exactly once', async () => {
    const smtp = await slowSmtpPeer();
    const mailer = createMailer({ url: smtp.url, from: 'astreinte@bailleur.example' });
    const a = openDatabase(url);
    const b = openDatabase(url);
    const dbs: Db[] = [a.db, b.db];
    const workers: ReturnType<typeof createOutboxWorker>[] = [];
    try {
      await migrate(a.db, a.dialect, new Date());
      const at = new Date(Date.now() - 1000).toISOString();
      await a.db
        .insertInto('outbox')
        .values(newOutboxRow({ kind: 'oncall_email', itemId: 'crisis:c1', network: 'mail', accountId: 'm1', target: 'julie.martin@bailleur.example', payload: null, idempotencyKey: 'oncall:c1:1:email:m1', at }))
        .execute();
      const page: Delivery = async (row) => {
        const sent = await mailer.send({ to: row.target_external_id, subject: '[Astreinte] Alerte', text: 'Crise en cours.' });
        return { resultExternalId: sent.messageId };
      };
      for (const { db, dialect: d } of [a, b]) {
        workers.push(createOutboxWorker({ db, dialect: d, networks: () => undefined, deliveries: { oncall_email: page }, clock: () => new Date(), leaseMs: LEASE_MS, pollMs: 20 }));
      }
      for (const worker of workers) worker.start();
      await eventually(async () => {
        const row = await a.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
        return row.state === 'done' ? row : undefined;
      }, 10_000).catch(() => undefined); // the assertions below say what went wrong
      // Long enough for the other worker to claim the row again, were the lease let go.
      await new Promise((r) => setTimeout(r, 2 * LEASE_MS));
      const row = await a.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      expect(smtp.received).toEqual(['julie.martin@bailleur.example']);
      expect(row).toMatchObject({ state: 'done', attempts: 1, lease_owner: null, last_error: null });
      expect(Number(row.interruptions)).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      mailer.close();
      await smtp.close();
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  });
});

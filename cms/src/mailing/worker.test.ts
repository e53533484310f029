import knexFactory, { type Knex } from 'knex';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailMessage, Mailer } from '@hub/integrations/mail';
import { IntegrationError } from '@hub/integrations/errors';
import { ensureSubscriptionTables, TABLES } from '../subscriptions/schema';
import { broadcastKind } from './broadcast';
import { createJob, jobById, progressOf } from './jobs';
import { ensureSendTables, SEND_TABLES } from './schema';
import { HOLES } from './template';
import { createSendWorker, type SendWorker } from './worker';

let knex: Knex;
let workers: SendWorker[] = [];
const quiet = { info() {}, warn() {}, error() {} };
const links = { publicSiteUrl: 'https://site.example', secret: 'test-secret' };
const template = { subject: 'Lettre', html: `<a href="${HOLES.unsubscribe}">x</a>`, text: `désinscription : ${HOLES.unsubscribe}` };

beforeEach(async () => {
  knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await ensureSubscriptionTables(knex);
  await ensureSendTables(knex);
});
afterEach(async () => {
  for (const w of workers) await w.stop();
  workers = [];
  await knex.destroy();
});

async function subscribers(count: number, status: 'active' | 'pending' = 'active', prefix = 'abonne') {
  const at = new Date();
  for (let i = 0; i < count; i++) {
    const [row] = (await knex(TABLES.subscribers).insert({ email: `${prefix}${i}@exemple.fr`, status, created_at: at }).returning('id')) as Array<{ id: number }>;
    await knex(TABLES.subscriptions).insert({ subscriber_id: row!.id, topic: 'newsletter', frequency: 'immediate', status, consent_version: '2025-06', created_at: at });
  }
}

/** A mailer that keeps what it is given; `refuse` decides per address. */
function fakeMailer(refuse: (to: string, attempt: number) => IntegrationError | null = () => null) {
  const sent: MailMessage[] = [];
  const tries = new Map<string, number>();
  const mailer: Mailer = {
    async send(message) {
      const attempt = (tries.get(message.to) ?? 0) + 1;
      tries.set(message.to, attempt);
      const error = refuse(message.to, attempt);
      if (error) throw error;
      sent.push(message);
      return { messageId: String(sent.length) };
    },
    close() {},
  };
  return { mailer, sent };
}

function startWorker(mailer: Mailer, owner = 'test') {
  const worker = createSendWorker({
    knex,
    mailer,
    kinds: { newsletter: broadcastKind({ knex, links, from: 'Bailleur <com@bailleur.example>', clock: () => new Date() }, 1) },
    now: Date.now,
    onHardBounce: (row, reason, at) => knex(TABLES.subscribers).where({ id: row.subscriberId }).update({ status: 'suspended', suspended_reason: reason, suspended_at: at }).then(() => {}),
    log: quiet,
    owner,
    settings: { batchSize: 7, concurrency: 3, leaseMs: 60_000, maxAttempts: 3, retryBaseMs: 20, pollMs: 10 },
  });
  workers.push(worker);
  worker.start();
  return worker;
}

async function newsletterJob() {
  return (await createJob(knex, { key: `newsletter:${Math.random()}`, kind: 'newsletter', content: { topics: ['newsletter'], template }, now: Date.now() }))!;
}

async function untilDone(jobId: number) {
  for (let i = 0; i < 500; i++) {
    if ((await jobById(knex, jobId))?.state === 'done') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('job not done');
}

const countBy = (messages: MailMessage[]) => messages.reduce((m, x) => m.set(x.to, (m.get(x.to) ?? 0) + 1), new Map<string, number>());

describe('send worker', () => {
  it('sends once to each active subscriber, never to pending ones, with one-click unsubscribe', async () => {
    await subscribers(40);
    await subscribers(5, 'pending', 'attente');
    const { mailer, sent } = fakeMailer();
    const job = await newsletterJob();
    startWorker(mailer);
    await untilDone(job);
    const counts = countBy(sent);
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...counts.keys()].some((to) => to.startsWith('attente'))).toBe(false);
    expect(sent[0]!.unsubscribeUrl).toMatch(/^https:\/\/site\.example\/abonnements\/desinscription\?jeton=/);
    expect(sent[0]!.html).toContain(sent[0]!.unsubscribeUrl!.replace(/&/g, '&amp;'));
    expect(sent[0]!.headers?.['Message-ID']).toMatch(/^<hub-newsletter-\d+-\d+@bailleur\.example>$/);
    expect(await progressOf(knex, job)).toEqual({ total: 40, sent: 40, failed: 0, remaining: 0, retrying: 0, inDoubt: 0 });
  });

  it('suspends an address refused for good, tries a temporary refusal again', async () => {
    await subscribers(6);
    const { mailer, sent } = fakeMailer((to, attempt) => {
      if (to === 'abonne1@exemple.fr') return new IntegrationError('refusée', { kind: 'refused', responseCode: 550 });
      if (to === 'abonne2@exemple.fr' && attempt < 3) return new IntegrationError('plus tard', { kind: 'transient', responseCode: 450 });
      if (to === 'abonne3@exemple.fr') return new IntegrationError('plus tard', { kind: 'transient', responseCode: 452 });
      return null;
    });
    const job = await newsletterJob();
    startWorker(mailer);
    await untilDone(job);
    expect(countBy(sent)).toEqual(new Map(['abonne0', 'abonne2', 'abonne4', 'abonne5'].map((a) => [`${a}@exemple.fr`, 1])));
    expect(await progressOf(knex, job)).toMatchObject({ total: 6, sent: 4, failed: 2 });
    const statuses = await knex(TABLES.subscribers).orderBy('id').pluck('status');
    expect(statuses).toEqual(['active', 'suspended', 'active', 'active', 'active', 'active']);
  });

  it('sends again a message left `sending` by a killed process, and counts it as in doubt', async () => {
    await subscribers(10);
    const job = await newsletterJob();
    await knex(SEND_TABLES.jobs).where({ id: job }).update({ state: 'sending', started_at: Date.now() });
    const ids = await knex(TABLES.subscribers).orderBy('id').select('id', 'email');
    await knex(SEND_TABLES.log).insert(ids.map((s: { id: number; email: string }) => ({ job_id: job, subscriber_id: s.id, email: s.email, topic: 'newsletter' })));
    // Process « dead »: rows 1-3 sent, row 4 marked sending (its fate unknown), lease run out.
    await knex(SEND_TABLES.log).where('subscriber_id', '<=', 3).update({ state: 'sent', sent_at: Date.now() });
    await knex(SEND_TABLES.log).where('subscriber_id', 4).update({ state: 'sending', attempts: 1, lease_owner: 'dead', lease_until: Date.now() - 1 });
    const { mailer, sent } = fakeMailer();
    startWorker(mailer);
    await untilDone(job);
    expect(sent.map((m) => m.to).sort()).toEqual(ids.slice(3).map((s: { email: string }) => s.email).sort());
    expect(await progressOf(knex, job)).toMatchObject({ sent: 10, inDoubt: 1 });
    expect(await knex(SEND_TABLES.log).where({ in_doubt: 1 }).pluck('subscriber_id')).toEqual([4]);
  });

  it('shares the rows between two workers without sending any twice', async () => {
    await subscribers(60);
    const { mailer, sent } = fakeMailer();
    const job = await newsletterJob();
    startWorker(mailer, 'a');
    startWorker(mailer, 'b');
    await untilDone(job);
    const counts = countBy(sent);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});

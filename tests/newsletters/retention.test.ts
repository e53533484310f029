import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsRequest } from '../support/cms-admin.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';
import { cmsDatabase } from '../subscriptions/helpers.ts';
import { addSubscribers, adminSession, panel, publishedNewsletter, sendFinished } from './helpers.ts';

/**
 * Retention of the send log (RETENTION_NEWSLETTER_SEND_LOG_DAYS, 365 days by default): who received
 * a mailing is forgotten once the mailing finished more than a year ago; the subscribers, the
 * newsletter and the record of the mailing stay. The CMS's clock is moved by restarting it.
 */
let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;
let jwt: string;
let subscribers: string[];

beforeAll(async () => {
  smtp = await startSmtpSink();
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '200' } });
  db = cmsDatabase(hub);
  jwt = await adminSession(hub);
  subscribers = await addSubscribers(db, { count: 3, prefix: 'retention' });
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

/** Sends a newsletter to its subscribers and waits until every copy left; returns its job id. */
async function sendNewsletter(title: string) {
  const newsletter = await publishedNewsletter(hub, title);
  expect((await panel(hub, jwt, 'POST', `${newsletter.documentId}/send`)).status).toBe(202);
  const sending = await sendFinished(hub, jwt, newsletter.documentId);
  await smtp.waitFor(subscribers.length);
  smtp.clear();
  return { ...newsletter, jobId: sending.job.id as number };
}

/** The addresses the send log keeps for one mailing, sorted. */
async function loggedRecipients(jobId: number): Promise<string[]> {
  return ((await db('hub_send_log').where({ job_id: jobId }).pluck('email')) as string[]).sort();
}

describe('send log retention', () => {
  it('forgets who received a mailing finished more than 365 days ago, and keeps the rest', async () => {
    const old = await sendNewsletter('La lettre de l’an dernier');
    expect(await loggedRecipients(old.jobId)).toEqual([...subscribers].sort());

    // 200 days later: within the period, the purge at start deletes nothing; a second issue goes out.
    await hub.restartCms({ HUB_CLOCK_SHIFT_HOURS: String(200 * 24) });
    const recent = await sendNewsletter('La lettre de cette année');
    expect(await loggedRecipients(old.jobId)).toEqual([...subscribers].sort());

    // 366 days after the first issue: its rows go at start, the second issue's stay.
    await hub.restartCms({ HUB_CLOCK_SHIFT_HOURS: String(366 * 24) });
    await eventually(async () => ((await loggedRecipients(old.jobId)).length === 0 ? true : undefined), 15_000, 200);
    expect(await loggedRecipients(recent.jobId)).toEqual([...subscribers].sort());

    // The subscribers, the newsletter and the record that it was sent remain.
    expect(((await db('hub_subscribers').whereIn('email', subscribers).pluck('email')) as string[]).sort()).toEqual([...subscribers].sort());
    const kept = await cmsRequest(hub, old.token, 'GET', `newsletters/${old.documentId}`);
    expect(kept.data.title).toBe('La lettre de l’an dernier');
    const { body } = await panel(hub, jwt, 'GET', `${old.documentId}/sending`);
    expect(body!.data.job.state).toBe('done');
    // Sending it again stays refused: the mailing is still on record.
    expect((await panel(hub, jwt, 'POST', `${old.documentId}/send`)).status).toBe(409);
    expect(smtp.count).toBe(0);
  });
});

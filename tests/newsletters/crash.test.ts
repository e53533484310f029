import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';
import { cmsDatabase } from '../subscriptions/helpers.ts';
import { addSubscribers, adminSession, panel, publishedNewsletter, sendFinished } from './helpers.ts';

/**
 * The CMS process is killed (SIGKILL, no clean stop) in the middle of a send to 2,000
 * subscribers, twice, and started again on the same data: the send resumes by itself, nobody is
 * missed, and every subscriber has exactly one copy, counted at the SMTP server — except, at
 * worst, the rows caught in flight at the kill, which the hub reports as in doubt.
 */
const SUBSCRIBERS = 2000;
let hub: TestHub;
let smtp: SmtpSink;
let db: Knex;

beforeAll(async () => {
  smtp = await startSmtpSink({ countOnly: true });
  hub = await startTestHub({ cmsEnv: { SMTP_URL: smtp.url, NEWSLETTER_RATE_PER_SECOND: '1000', NEWSLETTER_SMTP_CONNECTIONS: '4' } });
  db = cmsDatabase(hub);
});
afterAll(async () => {
  await db?.destroy();
  await hub?.stop();
  await smtp?.close();
});

/**
 * SIGKILL once the server has accepted `atLeast` messages, after a random pause of up to a few
 * messages: a real crash does not wait for the server's answer to a message, and killing right
 * when the counter moves would aim at the one moment no sender can cover (see cms/src/mailing/README.md).
 */
async function killWhenSent(atLeast: number): Promise<number> {
  await eventually(async () => (smtp.count >= atLeast ? true : undefined), 60_000, 3);
  await new Promise((r) => setTimeout(r, Math.random() * 40));
  const child = hub.cms.child;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
  return smtp.count;
}

describe('a send killed mid-way', () => {
  it('resumes at restart: nobody missed, a message handed over is not sent again', async () => {
    const emails = await addSubscribers(db, { count: SUBSCRIBERS, prefix: 'locataire' });
    const newsletter = await publishedNewsletter(hub, 'Lettre interrompue');
    expect((await panel(hub, await adminSession(hub), 'POST', `${newsletter.documentId}/send`)).status).toBe(202);

    const firstKill = await killWhenSent(SUBSCRIBERS * 0.3);
    await hub.restartCms();
    const secondKill = await killWhenSent(SUBSCRIBERS * 0.65);
    expect(secondKill).toBeGreaterThan(firstKill);
    await hub.restartCms();

    const done = await sendFinished(hub, await adminSession(hub), newsletter.documentId, 120_000);
    await eventually(async () => (smtp.count >= SUBSCRIBERS ? true : undefined), 5000);
    await new Promise((r) => setTimeout(r, 500));
    const twice = emails.filter((e) => (smtp.perRecipient.get(e) ?? 0) > 1);
    const missing = emails.filter((e) => !smtp.perRecipient.get(e));
    const inDoubt = await db('hub_send_log').where({ in_doubt: 1 }).pluck('email');
    console.log(`crash test: killed at ${firstKill} and ${secondKill} accepted; ${inDoubt.length} row(s) in doubt; ${twice.length} second copie(s), ${missing.length} missing`);
    // Nobody is missed. A message handed over before the kill is not sent again; one cut before its
    // end-of-data mark was dropped by the server and is sent again (in doubt). A second copy stays
    // possible only in the rare races README.md lists, and only among the rows in doubt.
    expect(missing).toEqual([]);
    expect(twice.filter((e) => !inDoubt.includes(e))).toEqual([]);
    expect(smtp.count).toBe(SUBSCRIBERS + twice.reduce((n, e) => n + smtp.perRecipient.get(e)! - 1, 0));
    expect(done.job).toMatchObject({ state: 'done', total: SUBSCRIBERS, sent: SUBSCRIBERS, failed: 0, remaining: 0 });
  }, 180_000);
});

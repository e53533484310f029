/**
 * An on-call webhook is never sent unsigned: without ONCALL_WEBHOOK_SECRET the service warns at
 * start (when a roster entry has a webhook) and the webhook delivery fails for good, in French,
 * while the e-mail still goes out.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModeration, type TestModeration } from '../support/moderation.ts';
import { spawnModeration } from '../support/moderation-process.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';

const ANGRY = 'Scandaleux, honteux, inadmissible ! Trois semaines sans chauffage, c’est une honte, vous vous moquez de nous !!!';
const WARNING = 'ONCALL_WEBHOOK_SECRET n’est pas défini';

let sink: SmtpSink;
let receiver: { url: string; calls: number; close(): Promise<void> };

beforeAll(async () => {
  sink = await startSmtpSink();
  const state = { calls: 0 };
  const server = http.createServer((req, res) => {
    state.calls += 1;
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiver = {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`,
    get calls() {
      return state.calls;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
});
afterAll(async () => {
  await sink.close();
  await receiver.close();
});

const roster = () => JSON.stringify([{ level: 1, name: 'Julie Martin', email: 'julie.martin@bailleur.example', webhook: receiver.url }]);

describe('on-call webhook without ONCALL_WEBHOOK_SECRET', () => {
  it('the service warns at start when a roster entry has a webhook, and only then', async () => {
    for (const [secret, warned] of [['', true], ['sms-secret', false]] as const) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-oncall-secret-'));
      const mod = await spawnModeration({ HUB_DATA_DIR: dir, LOG_LEVEL: 'warn', ONCALL_ROSTER: roster(), ONCALL_WEBHOOK_SECRET: secret });
      try {
        await new Promise((r) => setTimeout(r, 200));
        expect(mod.output.some((line) => line.includes(WARNING)), `secret ${JSON.stringify(secret)}`).toBe(warned);
      } finally {
        await mod.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('the webhook delivery fails for good in French and nothing is sent; the e-mail still goes', async () => {
    let mod: TestModeration | undefined;
    const SATURDAY = Date.parse('2026-11-28T22:00:00Z');
    const started = Date.now();
    try {
      mod = await startModeration({
        clock: () => new Date(SATURDAY + (Date.now() - started)), // Saturday 23:00 in Paris, then real time
        env: { SMTP_URL: sink.url, ONCALL_ROSTER: roster(), OUTBOX_POLL_MS: '50', ESCALATION_TICK_SECONDS: '3600' },
      });
      await mod.services.queue.ingest({ source: 'facebook_comment', accountId: '1001', externalId: 'c1', authorName: 'Locataire', authorExternalId: 'u1', text: ANGRY, createdAt: new Date(SATURDAY) });
      await sink.waitFor(1, 'julie.martin@bailleur.example');
      const { value: row } = await eventually(async () => {
        const r = await mod!.services.db.selectFrom('outbox').selectAll().where('kind', '=', 'oncall_webhook').executeTakeFirst();
        return r && r.state === 'failed' ? r : undefined;
      }, 5000);
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain('Webhook d’astreinte non envoyé');
      expect(row.last_error).toContain('ONCALL_WEBHOOK_SECRET');
      expect(receiver.calls).toBe(0);
    } finally {
      await mod?.stop();
    }
  });
});

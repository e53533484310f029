import http from 'node:http';
import { IntegrationError } from '@hub/integrations/errors';
import type { Mailer } from '@hub/integrations/mail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxTable } from '../db/schema.ts';
import { ONCALL_WEBHOOK_SECRET_MISSING, onCallWebhookDelivery } from './deliveries.ts';
import type { Escalation } from './service.ts';
import type { CrisisRow } from './store.ts';

const CRISIS: CrisisRow = {
  id: 'crisis-1',
  kind: 'alert',
  scope: 'residence:Les Tilleuls',
  scope_label: 'Les Tilleuls',
  state: 'open',
  reasons: '[]',
  paged: 1,
  level: 1,
  opened_at: '2026-03-14T20:00:00.000Z',
  escalate_at: null,
  acknowledged_at: null,
  acknowledged_by: null,
  closed_at: null,
  closed_by: null,
  item_count: 1,
};

describe('the on-call webhook delivery', () => {
  let server: http.Server;
  let url = '';
  const calls: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      calls.push(req.headers);
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const row = () => ({ id: 'o1', target_external_id: url, idempotency_key: 'oncall:crisis-1:1:m1:webhook', payload: JSON.stringify({ crisisId: CRISIS.id, level: 1, memberId: 'm1', name: 'Camille' }) }) as OutboxTable;
  const delivery = (webhookSecret: string) =>
    onCallWebhookDelivery({
      escalation: { crisis: async () => CRISIS, items: async () => [] } as unknown as Escalation,
      mailer: {} as Mailer,
      consoleUrl: 'http://console.example',
      ackSecret: async () => 'ack-secret',
      webhookSecret,
      clock: () => new Date('2026-03-14T21:00:00.000Z'),
    });

  it('without ONCALL_WEBHOOK_SECRET, sends nothing and fails for good, in French', async () => {
    calls.length = 0;
    const error = await delivery('')(row()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).retryable).toBe(false);
    expect((error as IntegrationError).message).toBe(ONCALL_WEBHOOK_SECRET_MISSING);
    expect((error as IntegrationError).message).toContain('ONCALL_WEBHOOK_SECRET');
    expect(calls).toHaveLength(0);
  });

  it('with the secret, sends the signed webhook', async () => {
    calls.length = 0;
    await delivery('sms-secret')(row());
    expect(calls).toHaveLength(1);
    expect(calls[0]!['x-hub-signature-256']).toMatch(/^sha256=/);
  });
});

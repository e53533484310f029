import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '@hub/integrations/contracts';
import { consoleClient, startModeration, type TestModeration } from '../support/moderation.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';
import { eventually } from '../support/wait.ts';

/**
 * The weekend crisis procedure through the real service: its database, its outbox worker, a real
 * SMTP peer for the on-call e-mails and a real HTTP receiver for the SMS webhook. The service's
 * clock is set to the instant each scenario needs and flows from there at real speed.
 */

const ROSTER = [
  { level: 1, name: 'Julie Martin', email: 'julie.martin@bailleur.example' },
  { level: 2, name: 'Direction de la communication', email: 'direction@bailleur.example' },
];
const ANGRY = 'Scandaleux, honteux, inadmissible ! Trois semaines sans chauffage, c’est une honte, vous vous moquez de nous !!!';

let sink: SmtpSink;
let receiver: { url: string; calls: { headers: http.IncomingHttpHeaders; body: string }[]; close(): Promise<void> };

beforeAll(async () => {
  sink = await startSmtpSink();
  const calls: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiver = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`, calls, close: () => new Promise((r) => server.close(() => r())) };
});

afterAll(async () => {
  await sink.close();
  await receiver.close();
});

let mod: TestModeration | undefined;
afterEach(async () => {
  await mod?.stop();
  mod = undefined;
  sink.clear();
  receiver.calls.length = 0;
});

/** A clock starting at `iso`, running at real speed, that `jump` moves forward. */
function clockAt(iso: string) {
  const started = Date.now();
  let offset = 0;
  return { now: () => new Date(Date.parse(iso) + (Date.now() - started) + offset), jump: (minutes: number) => (offset += minutes * 60_000) };
}

async function start(iso: string, roster: object[] = ROSTER.map((m, i) => (i === 0 ? { ...m, webhook: receiver.url } : m))) {
  const clock = clockAt(iso);
  mod = await startModeration({
    clock: clock.now,
    env: { SMTP_URL: sink.url, ONCALL_ROSTER: JSON.stringify(roster), ONCALL_WEBHOOK_SECRET: 'sms-secret', OUTBOX_POLL_MS: '50', ESCALATION_TICK_SECONDS: '3600', MODERATION_PUBLIC_URL: 'http://console.bailleur.example' },
  });
  let n = 0;
  const comment = (text: string) =>
    mod!.services.queue.ingest({ source: 'facebook_comment', accountId: '1001', externalId: `c${++n}`, authorName: `Locataire ${n}`, authorExternalId: `u${n}`, text, createdAt: clock.now() });
  return { clock, comment, mod };
}

function ackLink(text: string): string {
  const link = text.match(/Je prends en charge : (\S+)/)?.[1];
  if (!link) throw new Error('pas de lien de prise en charge');
  return link.replace('http://console.bailleur.example', mod!.url);
}

describe('weekend crisis procedure', () => {
  it('Saturday 23:00: level 1 gets an e-mail and a signed SMS webhook; without acknowledgement level 2 is called', async () => {
    const { clock, comment } = await start('2026-11-28T22:00:00Z'); // 23:00 in Paris
    const { item } = await comment(ANGRY);
    const [mail] = await sink.waitFor(1, 'julie.martin@bailleur.example');
    expect(mail!.parsed.subject).toMatch(/^\[Astreinte\] Alerte/);
    expect(mail!.parsed.text).toContain('Trois semaines sans chauffage');
    expect(mail!.parsed.text).toMatch(/Je prends en charge : http:\/\/console\.bailleur\.example\/astreinte\/prise-en-charge\?jeton=/);
    expect(mail!.parsed.html).toContain('Je prends en charge');

    await eventually(async () => (receiver.calls.length ? true : undefined), 5000);
    const call = receiver.calls[0]!;
    expect(call.headers['x-hub-signature-256']).toBe(signBody('sms-secret', String(call.headers['x-hub-timestamp']), call.body));
    expect(call.headers['idempotency-key']).toMatch(/^oncall:/);
    expect(JSON.parse(call.body)).toMatchObject({ type: 'astreinte.alerte', level: 1, to: 'Julie Martin' });

    const client = consoleClient(mod!.url);
    await client.login(mod!.adminEmail, mod!.adminPassword);
    const flagged = await client.query<{ item: { flags: string[] } }>('query($id:ID!){ item(id:$id){ flags } }', { id: item.id });
    expect(flagged.data!.item.flags).toContain('ton très négatif');

    expect(await mod!.services.escalation.tick()).toBe(0);
    clock.jump(16);
    expect(await mod!.services.escalation.tick()).toBe(1);
    const [second] = await sink.waitFor(1, 'direction@bailleur.example');
    expect(second!.parsed.subject).toMatch(/^\[Astreinte niveau 2\]/);
    expect(sink.to('julie.martin@bailleur.example')).toHaveLength(1);
  });

  it('the acknowledgement link stops the escalation; opening it alone acknowledges nothing', async () => {
    const { clock, comment } = await start('2026-11-29T02:30:00Z'); // Sunday 3:30
    await comment(ANGRY);
    const [mail] = await sink.waitFor(1, 'julie.martin@bailleur.example');
    const link = ackLink(mail!.parsed.text!);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<button type="submit">Je prends en charge</button>');
    const [crisis] = await mod!.services.escalation.list(true);
    expect(crisis!.acknowledged_at).toBeNull();

    const token = new URL(link).searchParams.get('jeton')!;
    const done = await fetch(`${mod!.url}/astreinte/prise-en-charge`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ jeton: token }).toString(),
    });
    expect(await done.text()).toContain('Merci Julie Martin');
    clock.jump(60);
    expect(await mod!.services.escalation.tick()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.to('direction@bailleur.example')).toHaveLength(0);

    const forged = await fetch(`${mod!.url}/astreinte/prise-en-charge?jeton=${token.slice(0, -2)}xx`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Ce lien de prise en charge n’est pas valide');
  });

  it('Tuesday 10:00: the item is flagged for the team, nobody is paged', async () => {
    const { comment } = await start('2026-12-01T09:00:00Z');
    await comment(ANGRY);
    const [crisis] = await mod!.services.escalation.list(true);
    expect(crisis).toMatchObject({ paged: 0, level: 0 });
    await new Promise((r) => setTimeout(r, 400));
    expect(sink.count).toBe(0);
    expect(receiver.calls).toHaveLength(0);
  });

  it('25 December and 14 July are holidays: on-call hours all day', async () => {
    for (const day of ['2026-12-25T10:00:00Z', '2026-07-14T10:00:00Z']) {
      const { comment } = await start(day);
      await comment(ANGRY);
      await sink.waitFor(1, 'julie.martin@bailleur.example');
      await mod!.stop();
      mod = undefined;
      sink.clear();
    }
  });

  it('five negative comments on one Page in ten minutes: one crisis, one alert', async () => {
    const { clock, comment } = await start('2026-11-28T21:00:00Z');
    for (let i = 0; i < 5; i++) {
      await comment(`Toujours pas d’eau chaude dans le bâtiment B, c’est nul (${i + 1})`);
      clock.jump(2);
    }
    await sink.waitFor(1, 'julie.martin@bailleur.example');
    await comment('Toujours pas d’eau chaude dans le bâtiment B, c’est nul (6)');
    await new Promise((r) => setTimeout(r, 400));
    expect(sink.to('julie.martin@bailleur.example')).toHaveLength(1);
    expect(sink.to('julie.martin@bailleur.example')[0]!.parsed.subject).toMatch(/Crise : 5 commentaires négatifs/);

    const client = consoleClient(mod!.url);
    await client.login(mod!.adminEmail, mod!.adminPassword);
    const { data } = await client.query<{ crises: { kind: string; itemCount: number; timeline: { label: string }[] }[] }>('{ crises { kind itemCount timeline { label } } }');
    expect(data!.crises).toHaveLength(1);
    expect(data!.crises[0]).toMatchObject({ kind: 'spike', itemCount: 6 });
    expect(data!.crises[0]!.timeline.map((e) => e.label)).toContain('Niveau 1 prévenu : Julie Martin (e-mail, SMS / messagerie)');
    const closed = await client.query<{ closeCrisis: { state: string } }>('mutation($id:ID!){ closeCrisis(id:$id, note:"Chaudière réparée, message publié") { state } }', {
      id: (await mod!.services.escalation.list(true))[0]!.id,
    });
    expect(closed.data!.closeCrisis.state).toBe('closed');
  });
});

/**
 * Acknowledgement links through the real service (its database, outbox worker, a real SMTP peer):
 * a link stops working after its expiry (72 h by default, signed in the link), and as soon as
 * the person it was sent to leaves the roster or stops being on call at that level. Each refusal
 * has its French page and acknowledges nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startModeration, type TestModeration } from '../support/moderation.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp.ts';

const ROSTER = [
  { level: 1, name: 'Julie Martin', email: 'julie.martin@bailleur.example' },
  { level: 2, name: 'Direction de la communication', email: 'direction@bailleur.example' },
];
const ANGRY = 'Scandaleux, honteux, inadmissible ! Trois semaines sans chauffage, c’est une honte, vous vous moquez de nous !!!';

let sink: SmtpSink;
let mod: TestModeration | undefined;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});
afterEach(async () => {
  await mod?.stop();
  mod = undefined;
  sink.clear();
});

/** A clock starting at `iso`, running at real speed, that `jump` moves forward. */
function clockAt(iso: string) {
  const started = Date.now();
  let offset = 0;
  return { now: () => new Date(Date.parse(iso) + (Date.now() - started) + offset), jump: (hours: number) => (offset += hours * 3_600_000) };
}

/** Saturday 23:00 in Paris, an angry comment: Julie (level 1) gets the e-mail; its link. */
async function pagedLink(env: Record<string, string> = {}) {
  const clock = clockAt('2026-11-28T22:00:00Z');
  mod = await startModeration({
    clock: clock.now,
    env: { SMTP_URL: sink.url, ONCALL_ROSTER: JSON.stringify(ROSTER), OUTBOX_POLL_MS: '50', ESCALATION_TICK_SECONDS: '3600', MODERATION_PUBLIC_URL: 'http://console.bailleur.example', ...env },
  });
  await mod.services.queue.ingest({ source: 'facebook_comment', accountId: '1001', externalId: 'c1', authorName: 'Locataire', authorExternalId: 'u1', text: ANGRY, createdAt: clock.now() });
  const [mail] = await sink.waitFor(1, 'julie.martin@bailleur.example');
  const link = mail!.parsed.text!.match(/Je prends en charge : (\S+)/)?.[1];
  if (!link) throw new Error('pas de lien de prise en charge');
  const url = link.replace('http://console.bailleur.example', mod.url);
  const token = new URL(url).searchParams.get('jeton')!;
  const post = () => fetch(`${mod!.url}/astreinte/prise-en-charge`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ jeton: token }).toString() });
  const julie = (await mod.services.roster.list()).find((m) => m.email === 'julie.martin@bailleur.example')!;
  return { clock, url, post, julie };
}

async function unacknowledged() {
  const [crisis] = await mod!.services.escalation.list(true);
  return crisis!.acknowledged_at === null;
}

describe('acknowledgement links', () => {
  it('expire 72 hours after the call: the page says so in French and nothing is acknowledged', async () => {
    const { clock, url, post } = await pagedLink();
    clock.jump(71);
    expect((await fetch(url)).status).toBe(200);
    clock.jump(2);
    const page = await fetch(url);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('Lien expiré');
    expect(html).toContain('Ce lien de prise en charge a expiré');
    expect((await post()).status).toBe(410);
    expect(await unacknowledged()).toBe(true);
  });

  it('follow ONCALL_ACK_LINK_HOURS', async () => {
    const { clock, url } = await pagedLink({ ONCALL_ACK_LINK_HOURS: '2' });
    expect((await fetch(url)).status).toBe(200);
    clock.jump(2.1);
    expect((await fetch(url)).status).toBe(410);
  });

  it('are refused once the person is removed from the roster', async () => {
    const { url, post, julie } = await pagedLink();
    await mod!.services.roster.remove(julie.id, 'test');
    const page = await fetch(url);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('Lien refusé');
    expect(html).toContain('n’est plus d’astreinte à ce niveau');
    expect(html).not.toContain('Trois semaines');
    expect((await post()).status).toBe(403);
    expect(await unacknowledged()).toBe(true);
  });

  it('are refused once the person is no longer on call at that level (made inactive, or moved)', async () => {
    const { url, post, julie } = await pagedLink();
    await mod!.services.roster.update(julie.id, { active: false }, 'test');
    expect((await fetch(url)).status).toBe(403);
    expect((await post()).status).toBe(403);
    await mod!.services.roster.update(julie.id, { active: true, level: 2 }, 'test');
    expect((await fetch(url)).status).toBe(403);
    expect((await post()).status).toBe(403);
    expect(await unacknowledged()).toBe(true);
    // Back at level 1 and active, the same link works again.
    await mod!.services.roster.update(julie.id, { level: 1 }, 'test');
    const done = await post();
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Merci Julie Martin');
  });
});

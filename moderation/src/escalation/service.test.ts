import { describe, expect, it } from 'vitest';
import { createCharterBook } from '../charter/versions.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { createQueue, type NewItem } from '../queue/service.ts';
import { createItemStore } from '../queue/store.ts';
import { readAckToken, ackToken } from './ack.ts';
import { createEscalation, type OnCallPerson } from './service.ts';
import { DEFAULT_ESCALATION_SETTINGS } from './settings.ts';

const JULIE: OnCallPerson = { id: 'm1', name: 'Julie Martin', email: 'julie@bailleur.example', webhookUrl: 'http://127.0.0.1:9/sms' };
const DIRECTOR: OnCallPerson = { id: 'm2', name: 'Karim Benali', email: 'direction@bailleur.example', webhookUrl: null };

/** Office hours for these tests: Monday to Friday, 9:00 to 18:00 UTC. */
const officeHours = async (at: Date) => at.getUTCDay() >= 1 && at.getUTCDay() <= 5 && at.getUTCHours() >= 9 && at.getUTCHours() < 18;

async function setup(start: string) {
  const { db, dialect } = openDatabase('sqlite::memory:');
  await migrate(db, dialect, new Date());
  let now = new Date(start);
  const clock = () => now;
  const charter = createCharterBook({ db, clock });
  await charter.ensureDefault();
  const escalation = createEscalation({
    db,
    clock,
    isOfficeHours: officeHours,
    onCallAt: async (_at, level) => (level === 1 ? JULIE : DIRECTOR),
    readSettings: async () => DEFAULT_ESCALATION_SETTINGS,
    kick: () => undefined,
  });
  const queue = createQueue({ db, items: createItemStore(db, dialect), charter, clock, onChange: () => undefined, onIngest: escalation });
  let n = 0;
  const post = (text: string, extra: Partial<NewItem> = {}) =>
    queue.ingest({ source: 'facebook_comment', accountId: '1001', externalId: `c${++n}`, authorName: `Locataire ${n}`, authorExternalId: `u${n}`, text, createdAt: now, ...extra });
  const pages = () => db.selectFrom('outbox').selectAll().where('kind', 'in', ['oncall_email', 'oncall_webhook']).orderBy('created_at').execute();
  return { db, escalation, post, pages, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)) };
}

const ANGRY = 'Scandaleux, honteux, inadmissible ! Trois semaines sans chauffage, c’est une honte, vous vous moquez de nous !!!';

describe('escalation', () => {
  it('pages level 1 on Saturday 23:00, then level 2 when nobody acknowledges in time', async () => {
    const { escalation, post, pages, advance } = await setup('2026-11-28T23:00:00Z');
    await post(ANGRY);
    const [crisis] = await escalation.list(true);
    expect(crisis).toMatchObject({ kind: 'alert', paged: 1, level: 1 });
    expect((await pages()).map((r) => [r.kind, r.target_external_id])).toEqual([
      ['oncall_email', JULIE.email],
      ['oncall_webhook', JULIE.webhookUrl],
    ]);
    advance(14);
    expect(await escalation.tick()).toBe(0);
    advance(2);
    expect(await escalation.tick()).toBe(1);
    expect(await escalation.tick()).toBe(0);
    expect((await pages()).map((r) => r.target_external_id)).toContain(DIRECTOR.email);
    expect((await escalation.crisis(crisis!.id))!.level).toBe(2);
  });

  it('stops at level 1 once acknowledged', async () => {
    const { escalation, post, pages, advance } = await setup('2026-11-29T03:00:00Z');
    await post(ANGRY);
    const [crisis] = await escalation.list(true);
    expect(await escalation.acknowledge(crisis!.id, { actor: 'oncall:m1', name: JULIE.name })).toBe(true);
    expect(await escalation.acknowledge(crisis!.id, { actor: 'oncall:m1', name: JULIE.name })).toBe(false);
    advance(60);
    expect(await escalation.tick()).toBe(0);
    expect((await pages()).filter((r) => r.target_external_id === DIRECTOR.email)).toHaveLength(0);
    expect((await escalation.events(crisis!.id)).map((e) => e.kind)).toEqual(['opened', 'notified', 'acknowledged']);
  });

  it('flags the item on Tuesday 10:00 without paging anyone', async () => {
    const { db, escalation, post, pages } = await setup('2026-12-01T10:00:00Z');
    const { item } = await post(ANGRY);
    expect(await pages()).toHaveLength(0);
    const [crisis] = await escalation.list(true);
    expect(crisis).toMatchObject({ paged: 0, level: 0 });
    const flagged = await db.selectFrom('items').select('flag').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(JSON.parse(flagged.flag!)).toContain('negative');
  });

  it('turns five negative comments on one Page in ten minutes into one crisis and one alert', async () => {
    const { escalation, post, pages, advance } = await setup('2026-11-28T22:00:00Z');
    for (let i = 0; i < 5; i++) {
      await post(`Toujours pas d’eau chaude dans le bâtiment B, c’est nul (${i})`);
      advance(2);
    }
    const crises = await escalation.list(true);
    expect(crises).toHaveLength(1);
    expect(crises[0]).toMatchObject({ kind: 'spike', item_count: 5 });
    expect((await pages()).filter((r) => r.kind === 'oncall_email')).toHaveLength(1);
    await post('Encore une panne d’eau chaude, c’est nul');
    expect(await escalation.list(true)).toHaveLength(1);
    expect((await pages()).filter((r) => r.kind === 'oncall_email')).toHaveLength(1);
  });

  it('does not count a spike from comments spread over hours', async () => {
    const { escalation, post, advance } = await setup('2026-11-28T20:00:00Z');
    for (let i = 0; i < 5; i++) {
      await post(`Toujours pas d’eau chaude dans le bâtiment B, c’est nul (${i})`);
      advance(30);
    }
    expect((await escalation.list(false)).filter((c) => c.kind === 'spike')).toHaveLength(0);
  });

  it('opens a claim at once for an emergency request outside office hours', async () => {
    const { db, post } = await setup('2026-11-29T02:00:00Z');
    await post('Il y a une grosse fuite d’eau, l’appartement est inondé, pouvez-vous envoyer quelqu’un ?');
    const claims = await db.selectFrom('outbox').selectAll().where('kind', '=', 'open_claim').execute();
    expect(claims).toHaveLength(1);
  });

  it('signs acknowledgement links and refuses a forged one', () => {
    const token = ackToken('secret', { crisisId: 'c1', memberId: 'm1', level: 1 }, new Date('2026-03-17T21:00:00.000Z'));
    expect(readAckToken('secret', token)).toEqual({ crisisId: 'c1', memberId: 'm1', level: 1, expiresAt: new Date('2026-03-17T21:00:00.000Z') });
    expect(readAckToken('other', token)).toBeNull();
    expect(readAckToken('secret', token.replace(/^./, 'x'))).toBeNull();
    expect(readAckToken('secret', 'garbage')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createCharterBook } from '../charter/versions.ts';
import { migrate, openDatabase } from '../db/database.ts';
import type { OutboundDecision } from '../outbox/enqueue.ts';
import { createApplyEvent } from './apply.ts';
import { eventsOf } from './events.ts';
import { createQueue } from './service.ts';
import { createItemStore, type ItemRow } from './store.ts';

const AT = '2026-12-01T10:00:00.000Z';

async function setup() {
  const { db, dialect } = openDatabase('sqlite::memory:');
  await migrate(db, dialect, new Date(AT));
  const clock = () => new Date(AT);
  const charter = createCharterBook({ db, clock });
  await charter.ensureDefault();
  const items = createItemStore(db, dialect);
  const queue = createQueue({ db, items, charter, clock, onChange: () => undefined });
  const sent: { item: ItemRow; decision: OutboundDecision }[] = [];
  const applyEvent = createApplyEvent({ items, enqueueOutbound: async (_trx, item, decision) => void sent.push({ item, decision }) });
  const { item: ingested } = await queue.ingest({ source: 'facebook_comment', accountId: '1001', externalId: 'c1', authorName: 'Nadia', authorExternalId: 'u1', text: 'Merci pour les travaux', createdAt: new Date(AT) });
  // As stored (with the columns the database defaults), as a transaction reads it.
  const item = (await items.get(db, ingested.id))!;
  const counts = async () => Object.fromEntries((await db.selectFrom('item_counts').select(['state', 'count']).execute()).map((r) => [r.state, Number(r.count)]));
  const audits = () => db.selectFrom('audit_log').selectAll().orderBy('id', 'asc').execute();
  return { db, items, applyEvent, item, sent, counts, audits };
}

describe('applyEvent', () => {
  it('derives the state from the last event that has one: row, counts, events, audit and outbox', async () => {
    const { db, items, applyEvent, item, sent, counts, audits } = await setup();
    expect(item.state).toBe('approved');
    const at = '2026-12-01T11:00:00.000Z';
    const applied = await db.transaction().execute((trx) =>
      applyEvent(trx, item, {
        at,
        events: [
          { kind: 'note', actor: 'user:m1', payload: { text: 'à voir' } },
          { kind: 'decision', actor: 'user:m1', fromState: 'approved', toState: 'hidden', reason: 'Insulte' },
        ],
        audit: { actor: 'user:m1', action: 'item.hide', before: { state: 'approved' }, after: { state: 'hidden' } },
        outbound: [{ action: 'hide' }],
      }),
    );
    expect(applied).toEqual({ item: { ...item, state: 'hidden', updated_at: at }, previous: 'approved' });
    expect(await items.get(db, item.id)).toEqual(applied.item);
    expect(await counts()).toMatchObject({ approved: 0, hidden: 1 });
    expect((await eventsOf(db, item.id)).map((e) => [e.kind, e.to_state, e.created_at])).toEqual([
      ['ingested', 'new', AT],
      ['decision', 'approved', AT],
      ['note', null, at],
      ['decision', 'hidden', at],
    ]);
    expect((await audits()).map((a) => [a.action, a.target_type, a.target_id, a.at])).toEqual([['item.hide', 'item', item.id, at]]);
    expect(sent).toEqual([{ item: applied.item, decision: { action: 'hide', fromState: 'approved', toState: 'hidden', at } }]);
  });

  it('writes nothing on the row for an event without state or columns (a note, a claim)', async () => {
    const { db, items, applyEvent, item, sent, counts, audits } = await setup();
    const before = await counts();
    const applied = await db.transaction().execute((trx) =>
      applyEvent(trx, item, {
        at: '2026-12-01T11:00:00.000Z',
        events: [{ kind: 'claim', actor: 'astreinte', reason: 'Réclamation REC-2026-000001 ouverte', payload: { reference: 'REC-2026-000001' } }],
        audit: { actor: 'astreinte', action: 'claim.open', targetType: 'claim', targetId: 'REC-2026-000001' },
      }),
    );
    expect(applied).toEqual({ item, previous: 'approved' });
    expect(await items.get(db, item.id)).toEqual(item);
    expect(await counts()).toEqual(before);
    expect((await audits()).map((a) => [a.action, a.target_type, a.target_id])).toEqual([['claim.open', 'claim', 'REC-2026-000001']]);
    expect(sent).toEqual([]);
  });

  it('writes the columns and updated_at, keeping the state, when no event changes it (an assignment)', async () => {
    const { db, items, applyEvent, item, counts } = await setup();
    const before = await counts();
    const at = '2026-12-01T11:00:00.000Z';
    const applied = await db.transaction().execute((trx) => applyEvent(trx, item, { at, columns: { assigned_to: 'm1' }, events: [{ kind: 'assign', actor: 'user:m2', payload: { to: 'm1' } }] }));
    expect(applied.item).toEqual({ ...item, assigned_to: 'm1', updated_at: at });
    expect(await items.get(db, item.id)).toEqual(applied.item);
    expect(await counts()).toEqual(before);
  });

  it('counts an inserted row from no state and does not update it', async () => {
    const { db, items, applyEvent, item, sent, counts } = await setup();
    const row: ItemRow = { ...item, id: 'i2', external_id: 'c2', thread_id: 'i2', state: 'hidden' };
    const applied = await db.transaction().execute(async (trx) => {
      await items.insertIfNew(trx, row);
      return applyEvent(trx, row, {
        at: AT,
        inserted: true,
        events: [
          { kind: 'ingested', actor: 'system', toState: 'new' },
          { kind: 'decision', actor: 'rule:insultes', fromState: 'new', toState: 'hidden' },
        ],
        outbound: [{ action: 'charter' }],
      });
    });
    expect(applied).toEqual({ item: row, previous: null });
    expect(await counts()).toMatchObject({ approved: 1, hidden: 1 });
    expect(sent.map((s) => s.decision)).toEqual([{ action: 'charter', fromState: 'new', toState: 'hidden', at: AT }]);
  });

  it('passes a reply’s text to the outbox', async () => {
    const { db, applyEvent, item, sent } = await setup();
    await db.transaction().execute((trx) =>
      applyEvent(trx, item, { at: AT, events: [{ kind: 'reply', actor: 'user:m1', fromState: 'approved', toState: 'answered', payload: { text: 'Bonjour' } }], outbound: [{ action: 'reply', text: 'Bonjour' }] }),
    );
    expect(sent.map((s) => s.decision)).toEqual([{ action: 'reply', fromState: 'approved', toState: 'answered', text: 'Bonjour', at: AT }]);
  });
});

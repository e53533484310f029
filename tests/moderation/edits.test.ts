/**
 * Edits and removals on the network follow into the queue (`queue.update`), on SQLite and
 * PostgreSQL: the text is replaced and re-judged (stricter verdicts always applied, lenient ones
 * only while no person has decided), removals mark the item deleted, counts stay right, and the
 * same change twice is recorded once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewItem } from '../../moderation/src/queue/service.ts';
import { startModerationOn, type TestModeration } from '../support/moderation.ts';

const CLEAN = 'Merci pour les travaux, c’est très bien.';
const INSULT = 'Bande de connards, rien ne marche';
const PHONE = 'Rappelez-moi au 06 12 34 56 78';
const MODERATOR = { id: 'moderatrice-1', displayName: 'Inès', signature: 'Inès, équipe Habitat' };

describe.each(['sqlite', 'postgres'] as const)('edits and removals from the network on %s', (dialect) => {
  let mod: TestModeration;
  let n = 0;

  beforeAll(async () => {
    mod = await startModerationOn(dialect);
  });
  afterAll(async () => {
    await mod?.stop();
  });

  /** A fresh Page (account) per test, so counts are the test's own. */
  function comment(text: string): NewItem {
    n++;
    return {
      source: 'facebook_comment',
      accountId: `page-${dialect}-${n}`,
      externalId: `post_${n}_c1`,
      authorName: 'Karim B.',
      authorExternalId: `author-${n}`,
      text,
      createdAt: new Date(Date.now() - 60_000),
    };
  }
  const q = () => mod.services.queue;
  const events = async (itemId: string) => mod.services.itemEvents(itemId);
  const counts = async (accountId: string) =>
    Object.fromEntries((await mod.services.items.countsByState({ sources: ['facebook_comment'], accountIds: [accountId] })).map((c) => [c.state, c.count]));
  const outbox = async (itemId: string) => (await mod.services.outbox.rowsOf(itemId)).map((r) => r.kind);
  const edit = (item: NewItem, text: string, editedAt = new Date()) => q().update(item.source, item.accountId, item.externalId, { text, editedAt });

  it('keeps ingest idempotent: a second ingest with another text returns the stored item unchanged', async () => {
    const item = comment(CLEAN);
    const first = await q().ingest(item);
    const again = await q().ingest({ ...item, text: INSULT });
    expect(again.created).toBe(false);
    expect(again.item.text).toBe(CLEAN);
    expect(again.item.id).toBe(first.item.id);
  });

  it('replaces an edited text, re-judges it, keeps the old text in the event, once for the same edit', async () => {
    const item = comment(CLEAN);
    const { item: row } = await q().ingest(item);
    expect(row.state).toBe('approved');

    const result = await edit(item, INSULT);
    expect(result?.changed).toBe(true);
    expect(result?.item.text).toBe(INSULT);
    expect(result?.item.state).toBe('rejected');
    const again = await edit(item, INSULT);
    expect(again?.changed).toBe(false);

    const stored = await mod.services.items.get(mod.services.db, row.id);
    expect(stored).toMatchObject({ text: INSULT, state: 'rejected' });
    expect(JSON.parse(stored!.rule_ids)).toContain('insultes');
    const history = await events(row.id);
    const edited = history.filter((e) => e.kind === 'edited');
    expect(edited).toHaveLength(1);
    expect(edited[0]!.actor).toBe('system');
    expect(JSON.parse(edited[0]!.payload!)).toMatchObject({ previousText: CLEAN, text: INSULT });
    expect(history.at(-1)).toMatchObject({ kind: 'decision', from_state: 'approved', to_state: 'rejected' });
    expect(await counts(item.accountId)).toEqual({ rejected: 1 });
    // The charter's hide goes out to the network.
    expect(await outbox(row.id)).toEqual(['hide']);
  });

  it('applies a lenient verdict while no person has decided (the charter had hidden it)', async () => {
    const item = comment(PHONE);
    const { item: row } = await q().ingest(item);
    expect(row.state).toBe('hidden');
    const result = await edit(item, CLEAN);
    expect(result?.item.state).toBe('approved');
    expect(await counts(item.accountId)).toEqual({ approved: 1 });
    expect(await outbox(row.id)).toEqual(['hide', 'unhide']);
  });

  it('never re-publishes what a moderator hid, but applies a stricter verdict after a person approved', async () => {
    const hidden = comment(CLEAN);
    const { item: a } = await q().ingest(hidden);
    await q().decide(MODERATOR, a.id, 'hide', 'Hors sujet');
    const kept = await edit(hidden, 'Merci beaucoup, tout est réparé.');
    expect(kept?.changed).toBe(true);
    expect(kept?.item).toMatchObject({ state: 'hidden', text: 'Merci beaucoup, tout est réparé.' });
    expect((await events(a.id)).at(-1)).toMatchObject({ kind: 'edited' });
    expect(await counts(hidden.accountId)).toEqual({ hidden: 1 });

    const approved = comment(PHONE);
    const { item: b } = await q().ingest(approved);
    await q().decide(MODERATOR, b.id, 'approve');
    expect((await edit(approved, 'Merci, tout va bien.'))?.item.state).toBe('approved');
    expect((await edit(approved, INSULT))?.item.state).toBe('rejected');
    expect(await counts(approved.accountId)).toEqual({ rejected: 1 });
  });

  it('ignores an edit older than the last one recorded', async () => {
    const item = comment(CLEAN);
    await q().ingest(item);
    await edit(item, 'Deuxième version', new Date(Date.now()));
    const stale = await edit(item, 'Première version', new Date(Date.now() - 60_000));
    expect(stale?.changed).toBe(false);
    expect(stale?.item.text).toBe('Deuxième version');
  });

  it('marks an item removed on the network deleted, once, with the counts kept right', async () => {
    const item = comment(CLEAN);
    const { item: row } = await q().ingest(item);
    const removed = await q().update(item.source, item.accountId, item.externalId, { removed: true, at: new Date() });
    expect(removed?.changed).toBe(true);
    expect(removed?.item.state).toBe('deleted');
    const twice = await q().update(item.source, item.accountId, item.externalId, { removed: true, at: new Date() });
    expect(twice?.changed).toBe(false);
    const decisions = (await events(row.id)).filter((e) => e.to_state === 'deleted');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ kind: 'decision', actor: 'system', from_state: 'approved', reason: 'Supprimé par son auteur sur le réseau' });
    expect(await counts(item.accountId)).toEqual({ deleted: 1 });
    // Nothing to do on the network: it is already gone there.
    expect(await outbox(row.id)).toEqual([]);
    // A deleted item stays deleted when an edit arrives late.
    expect((await edit(item, INSULT))?.item.state).toBe('deleted');
    expect(await counts(item.accountId)).toEqual({ deleted: 1 });
  });

  it('answers null for an item the queue does not hold', async () => {
    expect(await q().update('facebook_comment', 'page-inconnue', 'x_1', { removed: true, at: new Date() })).toBeNull();
    expect(await q().update('facebook_comment', 'page-inconnue', 'x_1', { text: 'bonjour', editedAt: new Date() })).toBeNull();
  });
});

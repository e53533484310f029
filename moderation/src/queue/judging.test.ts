/**
 * The queue and a charter that cannot judge an item, on a real (SQLite) database and the real
 * poller: the item is kept « à relire », the others are judged, the cursor moves on. And the
 * listed terms a word rule found are stored with the item, at ingestion and after an edit.
 */
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../charter/index.ts';
import { createCharterBook, type CharterBook } from '../charter/versions.ts';
import { createPoller } from '../connectors/poller.ts';
import type { IncomingItem } from '../connectors/source.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { eventsOf } from './events.ts';
import { MAX_MATCHED_TERMS, UNJUDGED_EDIT_REASON, UNJUDGED_REASON, UNJUDGED_RULE_ID, describeError, type MatchedTerm } from './judging.ts';
import { createQueue } from './service.ts';
import { createItemStore } from './store.ts';

const CLEAN = 'Merci pour les travaux, c’est très bien.';
const INSULT = 'Bande de connards, rien ne marche';
/** The text our stub charter chokes on. */
const POISON = 'Un message que la charte ne sait pas lire';

type Judge = CharterBook['judge'];

/** The real charter book, with `judge` wrapped: what the queue's `charter` dependency allows. */
async function setup(wrap: (real: Judge) => Judge = (real) => real) {
  const { db, dialect } = openDatabase('sqlite::memory:');
  const start = new Date('2026-03-14T10:00:00Z');
  await migrate(db, dialect, start);
  let now = start;
  const clock = () => now;
  const book = createCharterBook({ db, clock });
  await book.ensureDefault();
  const charter: CharterBook = { ...book, judge: wrap(book.judge) };
  const logged: { details: object; message: string }[] = [];
  const items = createItemStore(db, dialect);
  const queue = createQueue({ db, items, charter, clock, onChange: () => undefined, log: { error: (details, message) => logged.push({ details, message }) } });
  return { db, items, queue, logged, clock, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

/** Throws, quoting its input as a careless charter might, for the poisoned text only. */
const chokesOnPoison = (real: Judge): Judge => (compiled, item, context) => {
  if (item.text.includes(POISON)) throw new TypeError(`entrée illisible : « ${item.text} »`);
  return real(compiled, item, context);
};

const incoming = (externalId: string, text: string, at: Date): IncomingItem => ({
  source: 'facebook_comment',
  externalId,
  authorName: `Locataire ${externalId}`,
  authorExternalId: `u-${externalId}`,
  text,
  createdAt: at,
  permalink: null,
  parentExternalId: null,
});

describe('an item the charter cannot judge', () => {
  it('is stored and held « à relire » while the rest of the batch is judged and the cursor saved', async () => {
    const { db, items, queue, logged, clock } = await setup(chokesOnPoison);
    const batch = [incoming('c1', CLEAN, clock()), incoming('c2', POISON, clock()), incoming('c3', INSULT, clock())];
    const poller = createPoller({
      db,
      accounts: [{ key: 'page-1001', network: 'facebook', name: 'Habitat Sud', source: { accountId: '1001', fetchNew: async () => ({ items: batch, cursor: 'after-c3' }) } }],
      ingest: (item) => queue.ingest(item),
      update: (source, accountId, externalId, change) => queue.update(source, accountId, externalId, change),
      intervalMs: 60_000,
      now: clock,
      random: () => 0.5,
    });
    await poller.register();
    await poller.pollOnce();

    const stored = async (externalId: string) => (await items.findByExternal(db, 'facebook_comment', '1001', externalId))!;
    const [clean, poisoned, insult] = [await stored('c1'), await stored('c2'), await stored('c3')];
    expect(clean.state).toBe('approved');
    expect(insult.state).toBe('rejected');
    expect(JSON.parse(insult.rule_ids)).toContain('insultes');
    expect(poisoned).toMatchObject({ state: 'held', text: POISON, charter_version: 1, severity: 'medium', matched_terms: '[]' });
    expect(JSON.parse(poisoned.rule_ids)).toEqual([UNJUDGED_RULE_ID]);

    const decision = (await eventsOf(db, poisoned.id)).find((e) => e.kind === 'decision')!;
    expect(decision).toMatchObject({ actor: 'system', from_state: 'new', to_state: 'held', reason: UNJUDGED_REASON, charter_version: 1 });
    expect(JSON.parse(decision.rule_ids)).toEqual([UNJUDGED_RULE_ID]);
    expect(UNJUDGED_REASON).toMatch(/^À relire : .*décision humaine\.$/);

    const account = await db.selectFrom('connector_accounts').selectAll().where('account_key', '=', 'page-1001').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ cursor: 'after-c3', last_error: null, items_today: 3 });
    expect(await items.countsByState({ accountIds: ['1001'] })).toEqual(expect.arrayContaining([{ state: 'held', count: 1 }, { state: 'approved', count: 1 }, { state: 'rejected', count: 1 }]));

    // One structured entry, with the item's ids and none of its words.
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toMatchObject({ itemId: poisoned.id, source: 'facebook_comment', accountId: '1001', externalId: 'c2', charterVersion: 1, edit: false, error: { type: 'TypeError' } });
    expect(JSON.stringify(logged[0])).not.toMatch(/charte ne sait|message que/);
  });

  it('holds an approved item edited into a text the charter cannot judge, with its own reason', async () => {
    const { db, queue, logged, clock, advance } = await setup(chokesOnPoison);
    const { item } = await queue.ingest({ ...incoming('c9', CLEAN, clock()), accountId: '1001' });
    expect(item.state).toBe('approved');
    advance(60_000);
    const edited = await queue.update('facebook_comment', '1001', 'c9', { text: POISON, editedAt: clock() });
    expect(edited?.item).toMatchObject({ state: 'held', text: POISON, rule_ids: JSON.stringify([UNJUDGED_RULE_ID]) });
    expect((await eventsOf(db, item.id)).at(-1)).toMatchObject({ kind: 'decision', actor: 'system', from_state: 'approved', to_state: 'held', reason: UNJUDGED_EDIT_REASON });
    expect(logged[0]!.details).toMatchObject({ itemId: item.id, edit: true });
  });

  it('keeps an error message out of the log when it quotes the text, and keeps it otherwise', () => {
    expect(describeError(new Error('entrée illisible : « Bande de voyous »'), 'Bande de voyous').message).not.toMatch(/voyous/);
    expect(describeError(new RangeError('Maximum call stack size exceeded'), CLEAN)).toMatchObject({ type: 'RangeError', message: 'Maximum call stack size exceeded' });
  });
});

/** The real verdict, with `terms` on its first match: what the charter's word rules give. */
const withTerms = (terms: { term: string; written: string; source: string }[]) => (real: Judge): Judge => (compiled, item, context) => {
  const verdict: Verdict = real(compiled, item, context);
  return { ...verdict, matches: verdict.matches.map((m, i) => (i === 0 ? { ...m, terms } : m)) };
};

describe('the terms behind a verdict', () => {
  const C0NNARD = { term: 'connard', written: 'c0nnard', source: 'termes du bailleur' };

  it('are stored with the item at ingestion, with the rule and its label, once each and 20 at most', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ term: `terme${i}`, written: `t3rme${i}`, source: 'mots surveillés (administrateur)' }));
    const { queue, clock } = await setup(withTerms([C0NNARD, C0NNARD, ...many]));
    const { item } = await queue.ingest({ ...incoming('c1', 'Bande de c0nnards', clock()), accountId: '1001' });
    const terms = JSON.parse(item.matched_terms!) as MatchedTerm[];
    expect(terms).toHaveLength(MAX_MATCHED_TERMS);
    expect(terms[0]).toEqual({ ruleId: 'insultes', ruleLabel: 'Insultes et injures', ...C0NNARD });
    expect(terms.filter((t) => t.term === 'connard')).toHaveLength(1);
  });

  it('are replaced when an edit is judged again', async () => {
    const { db, items, queue, clock, advance } = await setup(withTerms([C0NNARD]));
    const { item } = await queue.ingest({ ...incoming('c2', CLEAN, clock()), accountId: '1001' });
    expect(item.matched_terms).toBe('[]');
    advance(60_000);
    await queue.update('facebook_comment', '1001', 'c2', { text: 'Bande de c0nnards', editedAt: clock() });
    const stored = await items.get(db, item.id);
    expect(stored?.state).toBe('rejected');
    expect(JSON.parse(stored!.matched_terms!)).toEqual([{ ruleId: 'insultes', ruleLabel: 'Insultes et injures', ...C0NNARD }]);
  });
});

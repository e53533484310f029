import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.ts';
import { createQueue } from '../queue/service.ts';
import { createItemStore } from '../queue/store.ts';
import { checkWatchedTerms, previewCharter } from './preview.ts';
import type { CharterRule } from './types.ts';
import { createCharterBook, type CharterBook } from './versions.ts';

const START = new Date('2026-03-14T10:00:00Z');

const watched = (id: string, action: CharterRule['action'], terms: string[]): CharterRule => ({
  id,
  label: `Mots surveillés : ${id.replace('mots-surveilles-', '')}`,
  severity: 'medium',
  action,
  enabled: true,
  params: { kind: 'words', terms },
});

describe('the charter preview', () => {
  let db: Db;
  let charter: CharterBook;

  beforeAll(async () => {
    ({ db } = openDatabase('sqlite::memory:'));
    await migrate(db, 'sqlite', START);
    let now = START;
    const clock = () => now;
    charter = createCharterBook({ db, clock });
    await charter.ensureDefault();
    const queue = createQueue({ db, items: createItemStore(db, 'sqlite'), charter, clock, onChange: () => undefined });
    const texts = [
      'Le gardien est un arnaqueur, il encaisse les cautions',
      'Merci pour la réparation de l’ascenseur, bravo !',
      'Encore un ARNAQUEUR à la régie <b>Dupont</b>',
      'La réunion du CCL est jeudi à 18 h',
      'Trois arnaqueurs ont sonné chez moi',
    ];
    for (const [n, text] of texts.entries()) {
      now = new Date(START.getTime() + n * 60_000);
      // One author for all: the preview must not read the others as a flood or duplicates.
      await queue.ingest({ source: 'facebook_comment', accountId: '1001', externalId: `c${n}`, authorName: 'Nadia B.', authorExternalId: 'u1', text, createdAt: now });
    }
  });
  afterAll(() => db.destroy());

  const propose = async (extra: CharterRule[]) => {
    const { compiled, charter: current } = await charter.current();
    return previewCharter({ db, current: compiled, rules: [...current.rules, ...extra] });
  };

  it('counts the decisions a watched word would change, with examples newest first', async () => {
    const preview = await propose([watched('mots-surveilles-rejeter', 'reject', ['arnaqueur'])]);
    expect(preview.judged).toBe(5);
    // « arnaqueurs » too: the matcher folds plurals; the capitals are read the same.
    expect(preview.changed).toBe(3);
    expect(preview.examples.map((e) => e.excerpt)).toEqual([
      'Trois arnaqueurs ont sonné chez moi',
      'Encore un ARNAQUEUR à la régie <b>Dupont</b>',
      'Le gardien est un arnaqueur, il encaisse les cautions',
    ]);
    expect(preview.examples[0]).toMatchObject({
      source: 'facebook_comment',
      author: 'Nadia B.',
      before: { decision: 'approve', flagged: false },
      after: { decision: 'reject', flagged: false },
    });
    expect(preview.examples[1]!.reason).toContain('Mots surveillés : rejeter : mot interdit');
  });

  it('tells a flagged item apart though it is still published', async () => {
    const preview = await propose([watched('mots-surveilles-signaler', 'flag', ['CCL'])]);
    expect(preview.changed).toBe(1);
    expect(preview.examples[0]).toMatchObject({ before: { decision: 'approve', flagged: false }, after: { decision: 'approve', flagged: true } });
  });

  it('changes nothing for a term no item contains', async () => {
    expect(await propose([watched('mots-surveilles-masquer', 'hide', ['escroquerie'])])).toMatchObject({ judged: 5, changed: 0, examples: [] });
  });

  it('refuses a term already listed, in French, naming the term just added', async () => {
    const { charter: current } = await charter.current();
    const saved = [...current.rules, watched('mots-surveilles-signaler', 'flag', ['arnaqueur'])];
    const rules = [...current.rules, watched('mots-surveilles-rejeter', 'reject', ['Arnaqueur']), watched('mots-surveilles-signaler', 'flag', ['arnaqueur'])];
    expect(() => checkWatchedTerms(rules, saved)).toThrow(expect.objectContaining({ publicMessage: '« Arnaqueur » est déjà dans les mots surveillés (signaler), écrit « arnaqueur » : rien n’a changé.' }));
    const allowed: CharterRule = { id: 'mots-autorises', label: 'Mots autorisés', severity: 'low', action: 'approve', enabled: true, params: { kind: 'allow', terms: ['Bitche'] } };
    await expect(propose([allowed, watched('mots-surveilles-retenir', 'hold', ['BITCHE'])])).rejects.toMatchObject({ publicMessage: '« BITCHE » est déjà dans les termes autorisés, écrit « Bitche » : rien n’a changé.' });
  });

  it.each([
    ['   ', 'Le terme est vide : saisissez un mot ou une expression.'],
    ['a'.repeat(100), 'Le terme est trop long (100 caractères) : il doit faire moins de 100 caractères.'],
    ['!!!', 'Le terme « !!! » ne contient ni lettre ni chiffre.'],
  ])('refuses the term %j in French', async (term, message) => {
    await expect(propose([watched('mots-surveilles-rejeter', 'reject', [term])])).rejects.toMatchObject({ code: 'INVALID_CHARTER', publicMessage: message });
  });

  it('passes on the charter validator’s French message', async () => {
    const broken: CharterRule = { id: 'spam', label: 'Spam', severity: 'low', action: 'hold', enabled: true, params: { kind: 'pattern', patterns: ['(abc'] } };
    await expect(propose([broken])).rejects.toMatchObject({ publicMessage: expect.stringMatching(/^La charte n’est pas valide : Règle « spam » : expression régulière invalide « \(abc »/) });
  });
});

describe('the preview on a long queue', () => {
  it('judges the newest 1,000 items and shows 10 examples, newest first', async () => {
    const { db } = openDatabase('sqlite::memory:');
    await migrate(db, 'sqlite', START);
    const charter = createCharterBook({ db, clock: () => START });
    await charter.ensureDefault();
    const queue = createQueue({ db, items: createItemStore(db, 'sqlite'), charter, clock: () => START, onChange: () => undefined });
    for (let n = 0; n < 1005; n++) {
      const createdAt = new Date(START.getTime() + n * 1000);
      await queue.ingest({ source: 'site_comment', accountId: 'site', externalId: `s${n}`, authorName: `Locataire ${n}`, authorExternalId: `v${n}`, text: `Message ${n} : quel arnaqueur`, createdAt });
    }
    const { compiled, charter: current } = await charter.current();
    const preview = await previewCharter({ db, current: compiled, rules: [...current.rules, watched('mots-surveilles-retenir', 'hold', ['arnaqueur'])] });
    expect(preview).toMatchObject({ judged: 1000, changed: 1000 });
    expect(preview.examples.map((e) => e.author)).toEqual(Array.from({ length: 10 }, (_, i) => `Locataire ${1004 - i}`));
    await db.destroy();
  });
});

/**
 * Verdicts a moderator can understand, through the real GraphQL API on SQLite and PostgreSQL:
 * an item the charter could not judge reads « À relire » with its reason, and the listed terms
 * behind a word rule's verdict come with the item (`matchedTerms`).
 *
 * The charter's `judge` is replaced on the service's own charter book (the queue's dependency),
 * so these tests do not wait for a charter that throws or for word rules that fill `terms`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewItem } from '../../moderation/src/queue/service.ts';
import { consoleClient, startModerationOn, type TestModeration } from '../support/moderation.ts';

const POISON = 'Un texte que la charte ne sait pas lire';
const ITEM = `query($id: ID!) { item(id: $id) {
  state ruleIds
  matchedTerms { ruleId ruleLabel term written source }
  events { kind actor toState reason ruleIds }
} }`;

describe.each(['sqlite', 'postgres'] as const)('explainable verdicts on %s', (dialect) => {
  let mod: TestModeration;
  let client: ReturnType<typeof consoleClient>;
  let n = 0;

  beforeAll(async () => {
    mod = await startModerationOn(dialect);
    client = consoleClient(mod.url);
    await client.login(mod.adminEmail, mod.adminPassword);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await mod?.stop();
  });

  const comment = (text: string): NewItem => {
    n++;
    return { source: 'facebook_comment', accountId: `page-${dialect}`, externalId: `post_1_c${n}`, authorName: `Locataire ${n}`, authorExternalId: `u${n}`, text, createdAt: new Date() };
  };
  const item = async (id: string) => {
    const result = await client.query<{ item: { state: string; ruleIds: string[]; matchedTerms: unknown[]; events: { kind: string; actor: string; toState: string | null; reason: string | null; ruleIds: string[] }[] } }>(ITEM, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.item;
  };

  it('shows an item the charter could not judge as held « à relire », and the others judged', async () => {
    const charter = mod.services.charter;
    const real = charter.judge;
    vi.spyOn(charter, 'judge').mockImplementation((compiled, input, context) => {
      if (input.text === POISON) throw new Error('charte en panne');
      return real(compiled, input, context);
    });
    const ingested = [];
    for (const text of ['Merci pour la nouvelle chaudière !', POISON, 'Bande de connards']) ingested.push((await mod.services.queue.ingest(comment(text))).item);

    const [clean, poisoned, insult] = await Promise.all(ingested.map((row) => item(row.id)));
    expect(clean!.state).toBe('approved');
    expect(insult!.state).toBe('rejected');
    expect(poisoned).toMatchObject({ state: 'held', ruleIds: ['a-relire'], matchedTerms: [] });
    expect(poisoned!.events.find((e) => e.kind === 'decision')).toEqual({
      kind: 'decision',
      actor: 'system',
      toState: 'held',
      reason: 'À relire : la charte n’a pas pu juger ce message (erreur interne), il attend une décision humaine.',
      ruleIds: ['a-relire'],
    });
  });

  it('gives the terms a word rule found, as written, with the rule and the list', async () => {
    const charter = mod.services.charter;
    const real = charter.judge;
    vi.spyOn(charter, 'judge').mockImplementation((compiled, input, context) => {
      const verdict = real(compiled, input, context);
      const terms = [{ term: 'connard', written: 'c0nnard', source: 'termes du bailleur' }];
      return { ...verdict, matches: verdict.matches.map((m) => (m.ruleId === 'insultes' ? { ...m, terms } : m)) };
    });
    const { item: row } = await mod.services.queue.ingest(comment('Bande de c0nnards'));
    expect((await item(row.id)).matchedTerms).toEqual([{ ruleId: 'insultes', ruleLabel: 'Insultes et injures', term: 'connard', written: 'c0nnard', source: 'termes du bailleur' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { compileCharter } from '../compile.ts';
import { rule, run } from './test-support.ts';
import { wordsPhase } from './words.ts';

const insults = rule('insultes', { kind: 'words', terms: ['connard', 'con', 'fils de pute', 'enculé'] }, 'reject', 'high');
const threats = rule('menaces', { kind: 'words', terms: ['te tuer', 'enculé'] }, 'hold', 'high');
const spam = rule('spam', { kind: 'pattern', patterns: [String.raw`\bbitcoins?\b`, String.raw`gagne[rz]?\s+\d+\s?€`] }, 'reject');
const echo = rule('echo', { kind: 'pattern', patterns: [String.raw`\b(\p{L}+) \1 \1\b`] }, 'hold', 'low');

describe('words phase', () => {
  it.each([
    ['c.o.n.n.a.r.d', '"c.o.n.n.a.r.d" (connard)'],
    ['c0nnard', '"c0nnard" (connard)'],
    ['connnnard', '"connnnard" (connard)'],
    ['C O N N A R D', '"C O N N A R D" (connard)'],
    ['CoNnArD', '"connard"'],
    ['connard', '"connard"'],
  ])('« %s » matches, and the moderator sees how it was written', (spelling, shown) => {
    expect(run(wordsPhase, [insults], `Espèce de ${spelling} !`).matches).toEqual([
      { ruleId: 'insultes', action: 'reject', severity: 'high', reason: `mot interdit : ${shown}`, terms: [{ term: 'connard', written: spelling, source: 'charte du bailleur' }] },
    ]);
  });

  it.each(['Je suis content du contrat', 'Un quartier réputé, le député est venu', 'Le concierge est consciencieux'])('whole words only: « %s »', (text) => {
    expect(run(wordsPhase, [insults], text).matches).toEqual([]);
  });

  it('gives one match per rule, listing its terms', () => {
    const patch = run(wordsPhase, [insults], 'Sale con, fils de pute');
    expect(patch.matches?.map(({ terms, ...match }) => [match, terms?.map((t) => t.written)])).toEqual([
      [{ ruleId: 'insultes', action: 'reject', severity: 'high', reason: 'mots interdits : "con", "fils de pute"' }, ['con', 'fils de pute']],
    ]);
  });

  it('lets two rules share a term, in charter order, and says « repéré » for a rule that holds', () => {
    const patch = run(wordsPhase, [insults, threats], 'Je vais te tuer, enculé');
    expect(patch.matches?.map((m) => [m.ruleId, m.reason])).toEqual([
      ['insultes', 'mot interdit : "enculé"'],
      ['menaces', 'mots repérés : "te tuer", "enculé"'],
    ]);
  });

  describe('patterns', () => {
    it('match case-insensitively and show what matched', () => {
      expect(run(wordsPhase, [spam], 'Gagnez 500 € par jour avec le BITCOIN').matches).toEqual([{ ruleId: 'spam', action: 'reject', severity: 'medium', reason: 'motif : "Gagnez 500 €"' }]);
    });

    it('never run a backreference: the charter refuses it at save', () => {
      expect(run(wordsPhase, [spam, echo], 'non non non et bitcoin').matches?.map((m) => m.ruleId)).toEqual(['spam']);
      expect(() => compileCharter({ version: 1, rules: [echo] })).toThrow(/Règle « echo » : expression non prise en charge/);
    });

    it('match nothing in an ordinary message', () => {
      expect(run(wordsPhase, [insults, spam, echo], 'Merci pour la fête des voisins !').matches).toEqual([]);
    });
  });
});

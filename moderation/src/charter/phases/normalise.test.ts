import { describe, expect, it } from 'vitest';
import { normalisePhase } from './normalise.ts';
import { rule, run } from './test-support.ts';

const empty = rule('vide', { kind: 'length', minChars: 1 }, 'reject', 'low');
const short = rule('court', { kind: 'length', minChars: 5 });
const long = rule('long', { kind: 'length', maxChars: 20 });
const shouting = rule('majuscules', { kind: 'shouting', minLetters: 10, maxUppercaseRatio: 0.7 }, 'hold', 'low');

describe('normalise phase', () => {
  it('gives every later phase the canonical text and its match keys', () => {
    const patch = run(normalisePhase, [], 'Bande de C0NNARDS !');
    expect(patch.canonical).toBe('bande de conards');
    expect(patch.keys).toEqual(['band', 'de', 'konard']);
    expect(patch.matches).toEqual([]);
  });

  it.each([[''], ['   '], ['\n\t']])('an empty text (%j) is « message vide »', (text) => {
    expect(run(normalisePhase, [empty], text).matches).toEqual([{ ruleId: 'vide', action: 'reject', severity: 'low', reason: 'message vide' }]);
  });

  it('a text shorter than minChars', () => {
    expect(run(normalisePhase, [short], 'ok').matches?.[0]?.reason).toBe('message trop court : 2 caractères (minimum 5)');
  });

  it('a text longer than maxChars, counted in characters, not UTF-16 units', () => {
    expect(run(normalisePhase, [long], '🙂'.repeat(20)).matches).toEqual([]);
    expect(run(normalisePhase, [long], 'é'.repeat(21)).matches?.[0]?.reason).toBe('message trop long : 21 caractères (maximum 20)');
  });

  it('big numbers are written the French way', () => {
    const patch = run(normalisePhase, [rule('max', { kind: 'length', maxChars: 5000 })], 'a'.repeat(6012));
    expect(patch.matches?.[0]?.reason).toBe('message trop long : 6 012 caractères (maximum 5 000)');
  });

  it('a text of the right length matches no length rule', () => {
    expect(run(normalisePhase, [empty, short, long], 'Bonjour à tous').matches).toEqual([]);
  });

  describe('shouting', () => {
    it('matches a text in capitals', () => {
      expect(run(normalisePhase, [shouting], "C'EST INADMISSIBLE, RÉPONDEZ !").matches?.[0]?.reason).toBe('message en majuscules : 100 % de capitales');
    });

    it('lets a few capitals through', () => {
      expect(run(normalisePhase, [shouting], 'La VMC du bâtiment B et la CAF').matches).toEqual([]);
    });

    it('ignores short texts (« OK MERCI »)', () => {
      expect(run(normalisePhase, [shouting], 'OK MERCI').matches).toEqual([]);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { duplicatePhase } from './duplicate.ts';
import { minutesAgo, rule, run } from './test-support.ts';

const duplicate = rule('doublon', { kind: 'duplicate', windowMinutes: 60 }, 'reject', 'low');
const recent = (text: string, minutes: number) => ({ text, createdAt: minutesAgo(minutes) });

describe('duplicate phase', () => {
  it('matches the same text from the same author within the window', () => {
    const patch = run(duplicatePhase, [duplicate], 'Quand sera réparé l’ascenseur ?', { recentByAuthor: [recent('Quand sera réparé l’ascenseur ?', 12)] });
    expect(patch.matches).toEqual([{ ruleId: 'doublon', action: 'reject', severity: 'low', reason: 'message identique publié il y a 12 min' }]);
  });

  it('sees through case, accents, punctuation and stretched letters', () => {
    const patch = run(duplicatePhase, [duplicate], 'MERCI BEAUCOUP !!!', { recentByAuthor: [recent('merciiii beaucoup', 5)] });
    expect(patch.matches).toHaveLength(1);
  });

  it('reports the most recent copy', () => {
    const patch = run(duplicatePhase, [duplicate], 'Toujours rien', { recentByAuthor: [recent('Toujours rien', 50), recent('toujours rien.', 3)] });
    expect(patch.matches?.[0]?.reason).toBe('message identique publié il y a 3 min');
  });

  it.each([
    ['a copy older than the window', [recent('Toujours rien', 61)]],
    ['a different text', [recent('Toujours rien pour la fuite', 5)]],
    ['a copy dated after now (clock skew)', [{ text: 'Toujours rien', createdAt: minutesAgo(-5) }]],
  ])('does not match %s', (_, recentByAuthor) => {
    expect(run(duplicatePhase, [duplicate], 'Toujours rien', { recentByAuthor }).matches ?? []).toEqual([]);
  });

  it('leaves empty texts to the length rule', () => {
    expect(run(duplicatePhase, [duplicate], ' !! ', { recentByAuthor: [recent('!!', 1)] }).matches ?? []).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyPhase } from './classify.ts';
import { rule, run } from './test-support.ts';

const request = rule('demande-locataire', { kind: 'classifier', signal: 'request' }, 'mark_request', 'medium');
const negative = rule('ton-negatif', { kind: 'classifier', signal: 'negative' }, 'mark_negative', 'low');
const veryNegative = rule('crise', { kind: 'classifier', signal: 'negative', minScore: 0.9 }, 'mark_negative', 'high');

describe('classify phase', () => {
  it('always fills request and negative, even without classifier rules', () => {
    const patch = run(classifyPhase, [], 'Ascenseur en panne depuis lundi, c’est un scandale');
    expect(patch.request).toEqual({ category: 'ascenseur', keywords: ['ascenseur en panne', 'en panne', 'depuis'] });
    expect(patch.negative).toEqual({ score: 0.63, keywords: ['scandale'] });
    expect(patch.matches).toEqual([]);
  });

  it('turns a request into a mark_request match', () => {
    expect(run(classifyPhase, [request], "Fuite d'eau au plafond de la salle de bain depuis 3 jours").matches).toEqual([
      { ruleId: 'demande-locataire', action: 'mark_request', severity: 'medium', reason: 'demande de locataire : fuite / dégât des eaux (fuite, plafond, depuis)' },
    ]);
  });

  it('marks negative tone from minScore, 0.5 by default', () => {
    const text = 'Vous êtes vraiment nuls, personne ne répond';
    const patch = run(classifyPhase, [negative, veryNegative], text);
    expect(patch.negative?.score).toBeGreaterThanOrEqual(0.5);
    expect(patch.negative?.score).toBeLessThan(0.9);
    expect(patch.matches).toEqual([{ ruleId: 'ton-negatif', action: 'mark_negative', severity: 'low', reason: `ton négatif : ${patch.negative?.score.toFixed(2)} (nul, personne ne répond)` }]);
  });

  it('marks nothing in a thank-you', () => {
    const patch = run(classifyPhase, [request, negative], 'Merci pour la fête des voisins !');
    expect(patch).toEqual({ matches: [], request: null, negative: { score: 0, keywords: [] } });
  });
});

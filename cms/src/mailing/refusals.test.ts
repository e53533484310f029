import { describe, expect, it } from 'vitest';
import { classifyRefusal, retryDelayMs, withoutAddresses } from './refusals';

describe('classifyRefusal', () => {
  it.each([
    [{ kind: 'refused', responseCode: 550, message: 'Adresse refusée' }, 'permanent'],
    [{ kind: 'transient', responseCode: 450, message: 'Envoi impossible pour l’instant' }, 'temporary'],
    [{ kind: 'transient', responseCode: 421, message: 'closing' }, 'temporary'],
    [{ kind: 'transient', responseCode: 535, message: 'Invalid login' }, 'unreachable'],
    [{ kind: 'transient', message: 'connect ECONNREFUSED' }, 'unreachable'],
    [new Error('socket hang up'), 'unreachable'],
  ])('%j is %s', (error, kind) => {
    expect(classifyRefusal(error).kind).toBe(kind);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base and stops at a day', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(60_000, a))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(3600_000, 10)).toBe(24 * 3600_000);
  });
});

describe('withoutAddresses', () => {
  it('keeps the server’s answer, not the address it quotes', () => {
    expect(withoutAddresses('550 5.1.1 <marie.dupont@exemple.fr>: Recipient address rejected')).toBe('550 5.1.1 <<adresse>>: Recipient address rejected');
  });
});

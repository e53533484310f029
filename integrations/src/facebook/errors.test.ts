import { describe, expect, it } from 'vitest';
import { classifyFacebookError, facebookFailure, readGraphError } from './errors.ts';

const graph = (code: number, status = 400) => Object.assign(new Error('Graph'), { name: 'FacebookRequestError', status, response: { code, message: `erreur ${code}` } });

describe('one reading of Graph errors for polling and for the outbox', () => {
  it.each([
    [4, 'rate_limit'],
    [17, 'rate_limit'],
    [32, 'rate_limit'],
    [613, 'rate_limit'],
    [80001, 'rate_limit'],
    [190, 'auth'],
    [102, 'auth'],
    [100, 'gone'],
    [1, 'transient'],
    [2, 'transient'],
    [368, 'other'],
  ])('code %i is %s', (code, kind) => {
    expect(readGraphError(graph(code)).kind).toBe(kind);
  });

  it('a Page-level rate limit (80001) waits in the outbox and pauses the poller alike', () => {
    expect(classifyFacebookError(graph(80001)).kind).toBe('rate_limit');
    expect(facebookFailure(graph(80001))).toMatchObject({ retryable: true, retryAfterMs: 60_000 });
  });

  it('an expired token stops the poller for a person and keeps the outbox action', () => {
    expect(classifyFacebookError(graph(190)).kind).toBe('auth');
    expect(facebookFailure(graph(190))).toMatchObject({ retryable: true });
    expect(facebookFailure(graph(190)).message).toMatch(/^Le jeton de la Page a expiré/);
  });

  it('a network failure is transient on both sides', () => {
    expect(classifyFacebookError(new Error('ECONNREFUSED')).kind).toBe('transient');
    expect(facebookFailure(new Error('ECONNREFUSED'))).toMatchObject({ retryable: true });
  });
});

import { describe, expect, it } from 'vitest';
import { rateLimitWaitMs } from './wait.ts';

const now = Date.parse('2026-11-28T20:00:00Z');
const headers = (values: Record<string, string>) => new Headers(values);

describe('rateLimitWaitMs', () => {
  it('waits until the X reset time', () => {
    expect(rateLimitWaitMs(headers({ 'x-rate-limit-reset': String(now / 1000 + 90) }), now, 0)).toBe(90_000);
  });
  it('reads retry-after in seconds and as a date', () => {
    expect(rateLimitWaitMs(headers({ 'retry-after': '30' }), now, 0)).toBe(30_000);
    expect(rateLimitWaitMs(headers({ 'retry-after': new Date(now + 5000).toUTCString() }), now, 0)).toBe(5000);
  });
  it("reads Meta's estimated time to regain access, in minutes", () => {
    const usage = JSON.stringify({ '1234': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 3 }] });
    expect(rateLimitWaitMs(headers({ 'x-business-use-case-usage': usage }), now, 0)).toBe(180_000);
  });
  it('never waits a negative time when the reset is already past', () => {
    expect(rateLimitWaitMs(headers({ 'x-rate-limit-reset': String(now / 1000 - 10) }), now, 0)).toBe(0);
  });
  it('backs off exponentially, capped at 15 minutes, when the answer says nothing', () => {
    expect(rateLimitWaitMs(headers({}), now, 0)).toBe(1000);
    expect(rateLimitWaitMs(headers({}), now, 3)).toBe(8000);
    expect(rateLimitWaitMs(headers({}), now, 30)).toBe(900_000);
  });
});

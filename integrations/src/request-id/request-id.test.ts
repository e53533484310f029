import { describe, expect, it } from 'vitest';
import { currentRequestId, requestIdOf, withRequestId } from './index.ts';

describe('the request id', () => {
  it('keeps a plausible caller id and makes a new one otherwise', () => {
    expect(requestIdOf('site-3f2a9c1e')).toBe('site-3f2a9c1e');
    for (const bad of [undefined, '', 'court', 'a b c d e f g h', '<script>alert(1)</script>', 'x'.repeat(65)]) expect(requestIdOf(bad)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(['premier-id-1', 'second-id-2'])).toBe('premier-id-1');
  });

  it('is the current one through awaits, and none outside a request', async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await withRequestId('req-00000001', async () => {
      await new Promise((r) => setTimeout(r, 5));
      return currentRequestId();
    });
    expect(seen).toBe('req-00000001');
    expect(currentRequestId()).toBeUndefined();
  });
});

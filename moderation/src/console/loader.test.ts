import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Begin = (() => () => boolean) & { cancel(): void };
// A computed path: loader.js is a browser module without types, loaded as is.
const { latest } = (await import(path.join(import.meta.dirname, 'public', 'loader.js'))) as { latest: () => Begin };

describe('latest() (public/loader.js)', () => {
  it('keeps only the newest request current', () => {
    const loads = latest();
    const first = loads();
    expect(first()).toBe(true);
    const second = loads();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    expect(second()).toBe(true);
  });

  it('cancel() makes every request so far outdated, not the next one', () => {
    const loads = latest();
    const before = loads();
    loads.cancel();
    expect(before()).toBe(false);
    expect(loads()()).toBe(true);
  });

  it('drops a slow answer that arrives after a newer one', async () => {
    const loads = latest();
    const shown: string[] = [];
    const load = async (answer: Promise<string>) => {
      const isLatest = loads();
      const value = await answer;
      if (isLatest()) shown.push(value);
    };
    let answerSlow!: (value: string) => void;
    const slow = load(new Promise((resolve) => (answerSlow = resolve)));
    await load(Promise.resolve('second'));
    answerSlow('first');
    await slow;
    expect(shown).toEqual(['second']);
  });

  it('guards each instance apart', () => {
    const a = latest();
    const b = latest();
    const fromA = a();
    b();
    b.cancel();
    expect(fromA()).toBe(true);
  });
});

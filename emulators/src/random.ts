/**
 * Deterministic, seedable randomness for the emulators (fault draws, trace ids) and the demo
 * traffic. mulberry32: tiny, fast, good enough for tests and demos — never for secrets.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, list: readonly T[]): T {
  if (list.length === 0) throw new Error('pick: empty list');
  return list[Math.floor(random() * list.length)]!;
}

/** True with probability `p` (0 → never draws a number, so a disabled fault does not shift the sequence). */
export function chance(random: Random, p: number | undefined): boolean {
  if (!p || p <= 0) return false;
  return random() < p;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export function randomToken(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return out;
}

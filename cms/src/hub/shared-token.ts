import crypto from 'node:crypto';

/**
 * Whether a server-to-server request holds the expected token. Both sides are hashed first, so
 * that the comparison takes the same time whatever the lengths; an empty expectation opens nothing.
 */
export function sameToken(expected: string, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** OWASP's current scrypt guidance (Password Storage Cheat Sheet): N=2^17, r=8, p=1. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

interface Params {
  N: number;
  r: number;
  p: number;
}

/** scrypt needs about 128·N·r bytes (plus a little): twice that, so the current parameters fit (256 MiB). */
const maxmemOf = ({ N, r }: Params) => 256 * N * r;

function derive(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...params, maxmem: maxmemOf(params) }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const format = (params: Params, salt: Buffer, key: Buffer) => ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');

/** `scrypt$N$r$p$salt$key`, all that is needed to check the password later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return format(SCRYPT_PARAMS, salt, await derive(password, salt, SCRYPT_PARAMS));
}

function parse(stored: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !key || !Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return null;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Checks a password against any hash this module ever made (older, cheaper parameters included). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/** True when `stored` was made with other parameters than today's: rehash it after a successful login. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.params.N !== SCRYPT_PARAMS.N || parsed.params.r !== SCRYPT_PARAMS.r || parsed.params.p !== SCRYPT_PARAMS.p || parsed.key.length !== KEY_LENGTH;
}

/**
 * A hash of a password nobody knows, with today's parameters: checked against when the account
 * does not exist, so that an unknown address costs the same time as a known one.
 */
export const DUMMY_HASH = format(SCRYPT_PARAMS, Buffer.alloc(16), Buffer.alloc(KEY_LENGTH));

/** The minimum a console password must meet: 10 characters, letters and digits. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'Le mot de passe doit compter au moins 10 caractères.';
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return 'Le mot de passe doit mêler des lettres et des chiffres.';
  return null;
}

import { EMAIL_MAX } from './schema';

/**
 * An address as people type it, checked the way mail servers will judge it: ASCII local part
 * (dot-atom), a domain with at least one dot, a letter-only top-level domain. Unicode domains
 * and quoted local parts are refused rather than half-supported.
 */
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export type AddressCheck = { ok: true; email: string } | { ok: false; reason: 'missing' | 'too_long' | 'invalid' };

/** Trims, lower-cases and checks `input`; never throws. */
export function normalizeEmail(input: unknown): AddressCheck {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, reason: 'missing' };
  const email = input.trim().toLowerCase();
  if (email.length > EMAIL_MAX) return { ok: false, reason: 'too_long' };
  const at = email.lastIndexOf('@');
  if (at <= 0) return { ok: false, reason: 'invalid' };
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL.test(local)) return { ok: false, reason: 'invalid' };
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return { ok: false, reason: 'invalid' };
  if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1]!)) return { ok: false, reason: 'invalid' };
  return { ok: true, email };
}

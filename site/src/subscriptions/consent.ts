import { subscriptionsApi, type Consent } from './client.ts';

/**
 * The consent sentence shown next to every form, and its version, owned by the CMS (which
 * records the version with each subscription). Kept for ten minutes; the last one known keeps
 * serving while the CMS is unreachable.
 */
const FRESH_MS = 10 * 60_000;
let known: { consent: Consent; at: number } | null = null;

export async function currentConsent(now = Date.now()): Promise<Consent | null> {
  if (known && now - known.at < FRESH_MS) return known.consent;
  try {
    const answer = await subscriptionsApi.consent();
    if (answer.ok) known = { consent: answer.data, at: now };
  } catch {
    // Unreachable: the last known text, or no form at all.
  }
  return known?.consent ?? null;
}

/**
 * For a page that shows a subscription form: the consent, and a page without it (no form, a
 * « momentanément indisponible » line instead) is not kept in the page cache.
 */
export async function consentForPage(headers: Headers): Promise<Consent | null> {
  const consent = await currentConsent();
  if (!consent) headers.set('x-hub-no-store', '1');
  return consent;
}

import { publicClaimStatusSchema, type PublicClaimAnswer } from '@hub/integrations/contracts';
import { ModerationUnavailableError, call } from './client.ts';

/**
 * A claim's follow-up for the /suivi page: the moderation service answers with the status and
 * the dates only. The visitor's keyed hash lets the service limit how many references one
 * visitor may try. The answer's schema is the contract's (claims.ts).
 */

export type ClaimLookup =
  | ({ kind: 'found'; reference: string } & PublicClaimAnswer)
  | { kind: 'invalid' | 'unknown' | 'limited'; message: string };

const FALLBACK = {
  invalid: 'Référence invalide : elle s’écrit REC-, l’année, un tiret et six chiffres (par exemple REC-2026-000123).',
  unknown: 'Aucune demande ne porte cette référence. Vérifiez-la : elle figure dans la réponse que nous vous avons faite.',
  limited: 'Vous avez consulté beaucoup de références en peu de temps. Merci de patienter quelques minutes.',
};

/** The reference as the service stores it: capitals, no spaces. */
export const tidyReference = (input: string) => input.trim().toUpperCase().replace(/\s+/g, '');

export async function claimStatus(reference: string, clientKey: string): Promise<ClaimLookup> {
  const res = await call(`/public/claims/${encodeURIComponent(reference)}`, { headers: { 'x-hub-client-key': clientKey } });
  if (res.status >= 500 || res.status === 401) throw new ModerationUnavailableError(`HTTP ${res.status}`);
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  if (res.ok) {
    const parsed = publicClaimStatusSchema.safeParse(body);
    if (!parsed.success) throw new ModerationUnavailableError('réponse inattendue');
    return { kind: 'found', reference, ...parsed.data };
  }
  const kind = res.status === 404 ? 'unknown' : res.status === 429 ? 'limited' : 'invalid';
  return { kind, message: body.error?.message ?? FALLBACK[kind] };
}

import { claimStatus, tidyReference, type ClaimLookup } from '../moderation/claims.ts';
import { ModerationUnavailableError, visitorKey } from '../moderation/client.ts';

export type FollowUp = { reference: string; status: number; lookup: ClaimLookup | { kind: 'empty' | 'unavailable'; message: string } | null };

const HTTP_STATUS = { found: 200, invalid: 400, empty: 400, unknown: 404, limited: 429, unavailable: 503 } as const;

/** /suivi?reference=…: what to show, and the page's HTTP status. No reference: the form alone. */
export async function followUp(url: URL, clientAddress: string): Promise<FollowUp> {
  const raw = url.searchParams.get('reference');
  if (raw === null) return { reference: '', status: 200, lookup: null };
  const reference = tidyReference(raw).slice(0, 40);
  if (!reference) return { reference, status: 400, lookup: { kind: 'empty', message: 'Saisissez la référence de votre demande, par exemple REC-2026-000123.' } };
  try {
    const lookup = await claimStatus(reference, visitorKey(clientAddress));
    return { reference, status: HTTP_STATUS[lookup.kind], lookup };
  } catch (error) {
    if (!(error instanceof ModerationUnavailableError)) throw error;
    return { reference, status: 503, lookup: { kind: 'unavailable', message: 'Le suivi des demandes est momentanément indisponible. Merci de réessayer dans quelques minutes.' } };
  }
}

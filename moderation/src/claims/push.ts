import { randomUUID } from 'node:crypto';
import type { Db, Dialect } from '../db/database.ts';
import { newOutboxRow } from '../outbox/enqueue.ts';
import type { OutboxTable } from '../db/schema.ts';
import type { CrmClaimPayload } from '@hub/integrations/contracts';
import { IntegrationError } from '@hub/integrations/errors';
import type { Delivery } from '../outbox/worker.ts';
import { signedHeaders } from './signature.ts';
import { createClaimStore, recordStatus, type ClaimRow } from './store.ts';
import type { ClaimStatus } from './statuses.ts';
import type { Clock } from '../clock.ts';

export const CLAIM_PUSH_KIND = 'claim_push';

/**
 * The outbox row that pushes a claim to the CRM, written in the claim's transaction. The key is
 * the reference: stable across retries, and the same if a failed push is sent again.
 */
export function claimPushRow(claim: Pick<ClaimRow, 'id' | 'reference'>, at: string, id: string = randomUUID()): OutboxTable {
  // No payload: built from the claim when sent, so a status changed meanwhile goes out as it is then.
  return newOutboxRow({ id, kind: CLAIM_PUSH_KIND, itemId: `claim:${claim.id}`, network: 'crm', accountId: 'crm', target: claim.reference, payload: null, idempotencyKey: `claim_push:${claim.reference}`, at });
}

/** What the CRM receives: the contract's claim push (claims.ts; claims/README.md describes it), with a known status. */
export interface CrmClaim extends CrmClaimPayload {
  status: ClaimStatus;
}

export function crmPayload(claim: ClaimRow): CrmClaim {
  return {
    reference: claim.reference,
    category: claim.category,
    residence: claim.residence,
    address: claim.address,
    description: claim.description,
    link: claim.permalink,
    authorHandle: claim.author_handle,
    status: claim.status as ClaimStatus,
    emergency: Number(claim.emergency) === 1,
    createdAt: claim.created_at,
  };
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const RETRYABLE_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;

async function excerpt(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export interface ClaimPushOptions {
  db: Db;
  dialect: Dialect;
  url: string;
  secret: string;
  clock: Clock;
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * The outbox delivery of `claim_push` rows: POSTs the claim as JSON to CLAIMS_WEBHOOK_URL,
 * signed, with the row's idempotency key. 2xx: done, and a `nouvelle` claim becomes `transmise`.
 * 408, 429, 5xx, no answer: retried by the worker (Retry-After honoured). Other answers: given up,
 * with the reason in French on the claim.
 */
export function createClaimPush(options: ClaimPushOptions): Delivery {
  const { db, url, secret } = options;
  const { clock } = options;
  const send = options.fetch ?? fetch;
  const store = createClaimStore(options.dialect);

  return async (row) => {
    const claim = await store.byId(db, row.item_id.replace(/^claim:/, ''));
    if (!claim) throw new IntegrationError('Réclamation introuvable.', { retryable: false });
    const body = JSON.stringify(crmPayload(claim));
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': row.idempotency_key, ...signedHeaders(secret, body, clock()) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new IntegrationError(`La GRC ne répond pas (${cause}).`, { retryable: true, cause: error });
    }
    if (RETRYABLE_STATUS(response.status)) {
      throw new IntegrationError(`La GRC a répondu ${response.status} : ${await excerpt(response)}`, { retryable: true, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), clock().getTime()) });
    }
    if (response.status >= 300 && response.status < 400) {
      throw new IntegrationError(`La GRC a répondu par une redirection (${response.status}) : vérifiez CLAIMS_WEBHOOK_URL.`, { retryable: false });
    }
    if (response.status >= 400) {
      throw new IntegrationError(`La GRC a refusé la réclamation (${response.status}) : ${await excerpt(response)}`, { retryable: false });
    }
    const answer = (await response.json().catch(() => ({}))) as { crmReference?: unknown };
    const crmReference = typeof answer.crmReference === 'string' && answer.crmReference.trim() ? answer.crmReference.trim().slice(0, 100) : null;
    await markTransmitted(claim.reference, crmReference);
    options.log?.info({ reference: claim.reference, attempts: row.attempts }, 'claim pushed to the CRM');
    return { resultExternalId: crmReference };
  };

  /** The CRM has the claim: `nouvelle` → `transmise` (once: a status the CRM already sent wins). */
  async function markTransmitted(reference: string, crmReference: string | null) {
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      const claim = await store.lockByReference(trx, reference);
      if (!claim) return;
      if (claim.status === 'nouvelle') {
        await recordStatus(trx, claim, 'transmise', { actor: 'crm', note: crmReference ? `Reçue par la GRC (n° ${crmReference}).` : 'Reçue par la GRC.', crmReference, at });
      } else if (crmReference && !claim.crm_reference) {
        await store.setCrmReference(trx, claim.id, crmReference);
      }
    });
  }
}

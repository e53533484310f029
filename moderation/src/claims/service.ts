import { randomUUID } from 'node:crypto';
import type { PublicClaimAnswer } from '@hub/integrations/contracts';
import type { Accounts } from '../access/accounts.ts';
import { audit } from '../audit/audit.ts';
import type { CharterBook } from '../charter/versions.ts';
import type { RequestCategory } from '../charter/types.ts';
import type { Db, Dialect } from '../db/database.ts';
import { HubError } from '../errors.ts';
import type { Queue } from '../queue/service.ts';
import { transition, type ItemState } from '../queue/states.ts';
import type { ItemRow, ItemStore } from '../queue/store.ts';
import { answersPublicly, claimFieldsOf, isRequestCategory, tenantPatternsOf } from './from-item.ts';
import { claimPushRow } from './push.ts';
import { nextReference, normaliseReference } from './reference.ts';
import { claimReplyText, TEAM_SIGNATURE } from './reply.ts';
import { claimTransition, isClaimStatus, type ClaimStatus } from './statuses.ts';
import { createClaimStore, recordStatus, toClaim, type Claim, type ClaimRow } from './store.ts';
import type { Clock } from '../clock.ts';

export interface ClaimsDeps {
  db: Db;
  dialect: Dialect;
  items: ItemStore;
  queue: Queue;
  charter: CharterBook;
  accounts: Pick<Accounts, 'byId'>;
  clock: Clock;
  /** CLAIMS_WEBHOOK_URL is set: claims are pushed, and the CRM owns their status. */
  crmConfigured: boolean;
  publicSiteUrl: string;
  /** Something was queued in the outbox: look now. */
  kick: () => void;
}

export interface OpenOptions {
  /** `user:<id>` for a console user, or a word: `astreinte`, `system`. */
  actor: string;
  category?: RequestCategory;
  emergency?: boolean;
}

export interface StatusChange {
  actor: string;
  note?: string | null;
  /** The CRM's own number for the claim. */
  crmReference?: string | null;
  /** Signed CRM updates: the same update seen twice is applied once. */
  dedupeKey?: string | null;
}

const MAX_NOTE = 2000;

/** A claim's public face on /suivi: its status and dates, nothing else (the contract's answer to the site). */
export interface PublicClaimStatus extends PublicClaimAnswer {
  status: ClaimStatus;
}

function parseReference(input: string): string {
  const reference = normaliseReference(input);
  if (!reference) throw new HubError('CLAIM_REFERENCE_INVALID');
  return reference;
}

/** The claims: opened from an item in one transaction, their status and history. */
export function createClaims(deps: ClaimsDeps) {
  const { db, dialect, items, queue, charter, accounts, clock } = deps;
  const store = createClaimStore(dialect);

  async function signatureOf(actor: string): Promise<string> {
    if (!actor.startsWith('user:')) return TEAM_SIGNATURE;
    return (await accounts.byId(actor.slice(5)))?.signature ?? TEAM_SIGNATURE;
  }

  /**
   * Turns an item into a claim, at most once per item (a second call returns the claim already
   * made). In one transaction: the claim and its number, its first event, the item's history,
   * the audit entry, the CRM push (when a CRM is configured) and the public reply giving the
   * reference (through the queue's reply path, so it goes out like a console reply).
   */
  async function openFromItem(itemId: string, options: OpenOptions): Promise<Claim> {
    if (options.category !== undefined && !isRequestCategory(options.category)) throw new HubError('INVALID_INPUT', { message: 'Catégorie de réclamation inconnue.' });
    const existing = await store.byItem(db, itemId);
    if (existing) return toClaim(existing);
    const signature = await signatureOf(options.actor);
    const { charter: inForce } = await charter.current();
    const now = clock();
    const at = now.toISOString();
    try {
      const result = await db.transaction().execute(async (trx) => {
        // The item's lock serialises two openers of the same item (PostgreSQL); the second
        // then finds the first one's claim.
        const item = await items.getForUpdate(trx, itemId);
        if (!item) throw new HubError('NOT_FOUND');
        const already = await store.byItem(trx, itemId);
        if (already) return { row: already, replied: null };
        const reference = await nextReference(trx, now);
        const row: ClaimRow = {
          id: randomUUID(),
          reference,
          category: options.category ?? (isRequestCategory(item.request_category) ? item.request_category : 'autre'),
          ...claimFieldsOf(item, { publicSiteUrl: deps.publicSiteUrl, tenantPatterns: tenantPatternsOf(inForce.rules) }),
          item_id: item.id,
          status: 'nouvelle',
          emergency: options.emergency ? 1 : 0,
          created_at: at,
          updated_at: at,
          crm_reference: null,
        };
        await store.insert(trx, row);
        const replyPlan = planReply(item);
        await store.addEvent(trx, { claim_id: row.id, kind: 'opened', actor: options.actor, from_status: null, to_status: 'nouvelle', note: replyPlan.note, created_at: at });
        // The item's history says so (the queue's primitive: the event, then the audit entry).
        await queue.applyEvent(trx, item, {
          at,
          events: [{ kind: 'claim', actor: options.actor, reason: `Réclamation ${reference} ouverte`, payload: { reference } }],
          audit: { actor: options.actor, action: 'claim.open', targetType: 'claim', targetId: reference, after: { itemId: item.id, category: row.category, emergency: !!options.emergency } },
        });
        if (deps.crmConfigured) await store.addPush(trx, claimPushRow(row, at));
        const replied = replyPlan.send ? await queue.replyWithin(trx, { actor: options.actor, signature }, item.id, claimReplyText(reference, item.source, deps.publicSiteUrl)) : null;
        return { row, replied };
      });
      if (result.replied) queue.notifyChange(result.replied.item, result.replied.previous);
      deps.kick();
      return toClaim(result.row);
    } catch (error) {
      // Another process opened it between our read and our insert (unique item_id).
      const raced = await store.byItem(db, itemId);
      if (raced) return toClaim(raced);
      throw error;
    }
  }

  /** Whether the reply goes out, and what the claim's first event says about it. */
  function planReply(item: ItemRow): { send: boolean; note: string } {
    if (!answersPublicly(item)) {
      return { send: false, note: 'Message privé (formulaire de contact) : pas de réponse publique. Communiquez la référence par le moyen de contact indiqué.' };
    }
    if (!transition(item.state as ItemState, 'reply').ok) {
      return { send: false, note: 'Pas de réponse publique : l’élément est masqué, rejeté ou supprimé.' };
    }
    return { send: true, note: 'Réponse publique avec la référence envoyée.' };
  }

  /**
   * Changes a claim's status. Without a CRM the console is the record; with one, only the CRM
   * (and the hub itself) moves it. Asking for the current status changes nothing; a note alone
   * is kept in the history.
   */
  async function setStatus(referenceInput: string, status: string, change: StatusChange): Promise<Claim> {
    const reference = parseReference(referenceInput);
    if (!isClaimStatus(status)) throw new HubError('CLAIM_STATUS_INVALID');
    if (deps.crmConfigured && change.actor.startsWith('user:')) {
      throw new HubError('CLAIM_TRANSITION', { message: 'Le statut de cette réclamation est tenu par la GRC : il change quand la GRC nous l’indique.' });
    }
    const note = change.note?.trim() || null;
    if (note && note.length > MAX_NOTE) throw new HubError('TOO_LARGE');
    const at = clock().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      const claim = await store.lockByReference(trx, reference);
      if (!claim) throw new HubError('CLAIM_NOT_FOUND');
      if (change.dedupeKey && (await store.hasDedupeKey(trx, change.dedupeKey))) return claim;
      const step = claimTransition(claim.status as ClaimStatus, status);
      if (!step.ok) throw new HubError('CLAIM_TRANSITION', { message: step.reason });
      const crmReference = change.crmReference?.trim() || null;
      if (!step.changed) {
        if (crmReference && crmReference !== claim.crm_reference) await store.setCrmReference(trx, claim.id, crmReference);
        if (note) await store.addEvent(trx, { claim_id: claim.id, kind: 'note', actor: change.actor, from_status: null, to_status: null, note, dedupe_key: change.dedupeKey, created_at: at });
        return { ...claim, crm_reference: crmReference ?? claim.crm_reference };
      }
      const updated = await recordStatus(trx, claim, status, { actor: change.actor, note, dedupeKey: change.dedupeKey, crmReference, at });
      await audit(trx, { actor: change.actor, action: 'claim.status', targetType: 'claim', targetId: reference, before: { status: claim.status }, after: { status, note }, at });
      return updated;
    });
    return toClaim(row);
  }

  /** A failed CRM push sent again (same idempotency key), or a first push for a claim opened before the CRM was configured. */
  async function retryPush(referenceInput: string, actor: string): Promise<Claim> {
    const reference = parseReference(referenceInput);
    if (!deps.crmConfigured) throw new HubError('INVALID_INPUT', { message: 'Aucune GRC n’est configurée (CLAIMS_WEBHOOK_URL) : rien à renvoyer.' });
    const at = clock().toISOString();
    const row = await db.transaction().execute(async (trx) => {
      const claim = await store.lockByReference(trx, reference);
      if (!claim) throw new HubError('CLAIM_NOT_FOUND');
      const push = await store.pushOf(trx, claim.id);
      if (push && push.state !== 'failed') throw new HubError('INVALID_INPUT', { message: 'L’envoi à la GRC est déjà fait ou en cours.' });
      if (push) {
        await store.resetPush(trx, push.id, at);
      } else {
        await store.addPush(trx, claimPushRow(claim, at));
      }
      await audit(trx, { actor, action: 'claim.push_retry', targetType: 'claim', targetId: reference, at });
      return claim;
    });
    deps.kick();
    return toClaim(row);
  }

  async function byReference(referenceInput: string): Promise<Claim | null> {
    const row = await store.byReference(db, parseReference(referenceInput));
    return row ? toClaim(row) : null;
  }

  async function list(options: { status?: ClaimStatus | null; after?: string | null; limit?: number } = {}) {
    if (options.status && !isClaimStatus(options.status)) throw new HubError('CLAIM_STATUS_INVALID');
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
    const page = await store.page(db, { status: options.status }, limit, options.after);
    return { claims: page.rows.map(toClaim), endCursor: page.endCursor, hasMore: page.hasMore };
  }

  /** What /suivi may show: status and dates only. */
  async function publicStatus(referenceInput: string): Promise<PublicClaimStatus> {
    const claim = await byReference(referenceInput);
    if (!claim) throw new HubError('CLAIM_NOT_FOUND');
    return { status: claim.status, statusLabel: claim.statusLabel, createdAt: claim.createdAt, lastChangeAt: claim.updatedAt };
  }

  return {
    openFromItem,
    setStatus,
    retryPush,
    byReference,
    list,
    publicStatus,
    crmConfigured: deps.crmConfigured,
    counts: () => store.countsByStatus(db),
    events: (claimId: string) => store.events(db, claimId),
    /** The claim's CRM delivery: pending, in flight, done or failed (with the French reason). */
    push: (claimId: string) => store.pushOf(db, claimId),
    /** Claims by item, for the queue's items. */
    async forItems(itemIds: string[]) {
      const rows = await store.byItems(db, itemIds);
      return new Map(rows.map((r) => [r.item_id, toClaim(r)]));
    },
  };
}

export type Claims = ReturnType<typeof createClaims>;

import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, OutboxTable } from '../db/schema.ts';
import type { ItemRow } from '../queue/store.ts';
import type { NetworkName } from './network.ts';

export type OutboxKind = 'hide' | 'unhide' | 'delete' | 'reply' | 'publish';

/** What the queue tells the outbox, inside the decision's transaction. */
export interface OutboundDecision {
  /** The console's action, or `charter` for the charter's verdict at ingestion. */
  action: 'approve' | 'hold' | 'hide' | 'unhide' | 'reject' | 'delete' | 'reply' | 'charter';
  fromState: string | null;
  toState: string;
  /** The signed reply. */
  text?: string;
  at: string;
}

export function networkOf(source: string): NetworkName | null {
  if (source === 'facebook_comment' || source === 'facebook_post') return 'facebook';
  if (source === 'x_reply' || source === 'x_mention') return 'x';
  return null;
}

const HIDDEN_STATES = ['hidden', 'rejected'];

/**
 * The network action a decision calls for, or null. Site items never go out. The charter's
 * `hide` and `reject` both hide on the network (the landlord does not delete tenants' words
 * automatically); a moderator's `reject` hides too, `delete` deletes, `approve` or `unhide` of a
 * hidden item shows it again.
 */
export function outboundKind(source: string, decision: OutboundDecision): OutboxKind | null {
  const network = networkOf(source);
  if (!network) return null;
  switch (decision.action) {
    case 'charter':
      return HIDDEN_STATES.includes(decision.toState) ? 'hide' : null;
    case 'hide':
    case 'reject':
      return HIDDEN_STATES.includes(decision.fromState ?? '') ? null : 'hide';
    case 'unhide':
    case 'approve':
      return HIDDEN_STATES.includes(decision.fromState ?? '') ? 'unhide' : null;
    case 'delete':
      // X lets an account delete only its own tweets: a tenant's reply can only be hidden.
      return network === 'facebook' ? 'delete' : HIDDEN_STATES.includes(decision.fromState ?? '') ? null : 'hide';
    case 'reply':
      return decision.text ? 'reply' : null;
    default:
      return null;
  }
}

/** What varies between outbox rows; the rest is the state of a row never tried. */
export interface NewOutboxRow {
  kind: string;
  itemId: string;
  network: string;
  accountId: string;
  target: string;
  payload: string | null;
  idempotencyKey: string;
  at: string;
  id?: string;
}

/** A pending row, due at once. */
export function newOutboxRow(row: NewOutboxRow): OutboxTable {
  return {
    id: row.id ?? randomUUID(),
    kind: row.kind,
    item_id: row.itemId,
    network: row.network,
    account_id: row.accountId,
    target_external_id: row.target,
    payload: row.payload,
    idempotency_key: row.idempotencyKey,
    state: 'pending',
    attempts: 0,
    next_attempt_at: row.at,
    last_error: null,
    result_external_id: null,
    created_at: row.at,
    updated_at: row.at,
    lease_owner: null,
    lease_until: null,
  };
}

/** The row to insert, or null when the decision calls for nothing on a network. */
export function outboxRowFor(item: ItemRow, decision: OutboundDecision, id: string = randomUUID()): OutboxTable | null {
  const kind = outboundKind(item.source, decision);
  const network = networkOf(item.source);
  if (!kind || !network) return null;
  return newOutboxRow({
    id,
    kind,
    itemId: item.id,
    network,
    accountId: item.account_id,
    target: item.external_id,
    payload: kind === 'reply' ? JSON.stringify({ text: decision.text }) : null,
    idempotencyKey: `${kind}:${item.id}:${id}`,
    at: decision.at,
  });
}

/** The queue's hook: inserts the outbox row inside the decision's transaction. */
export async function enqueueOutbound(trx: Transaction<Database>, item: ItemRow, decision: OutboundDecision): Promise<void> {
  const row = outboxRowFor(item, decision);
  if (row) await trx.insertInto('outbox').values(row).execute();
}

/** An article published in the CMS, to cross-post on the landlord's own accounts. */
export interface ArticlePublication {
  documentId: string;
  slug: string;
  message: string;
}

/** One account to publish on. */
export interface PublicationAccount {
  network: NetworkName;
  accountId: string;
}

/** The article's public address: `PUBLIC_SITE_URL/articles/<slug>`. */
export function articleLink(publicSiteUrl: string, slug: string): string {
  return `${publicSiteUrl.replace(/\/+$/, '')}/articles/${encodeURIComponent(slug)}`;
}

/**
 * The outbox rows for an article's publication: one per account, keyed
 * `publish:<documentId>:<network>:<accountId>` so that publishing the article again adds nothing.
 * `item_id` is `article:<documentId>` (no item in the queue), `target_external_id` the account.
 */
/** Where and when an article goes out: the accounts, the site's address for its link, the time. */
export interface PublicationTargets {
  accounts: PublicationAccount[];
  publicSiteUrl: string;
  at: string;
}

export function publicationRows(publication: ArticlePublication, { accounts, publicSiteUrl, at }: PublicationTargets): OutboxTable[] {
  const payload = JSON.stringify({ message: publication.message, link: articleLink(publicSiteUrl, publication.slug) });
  return accounts.map(({ network, accountId }) =>
    newOutboxRow({
      kind: 'publish',
      itemId: `article:${publication.documentId}`,
      network,
      accountId,
      target: accountId,
      payload,
      idempotencyKey: `publish:${publication.documentId}:${network}:${accountId}`,
      at,
    }),
  );
}

/** Inserts the publication's rows; those already there (the article published before) are left alone. Returns how many are new. */
export async function enqueuePublication(db: Kysely<Database>, publication: ArticlePublication, targets: PublicationTargets): Promise<number> {
  const rows = publicationRows(publication, targets);
  if (!rows.length) return 0;
  const result = await db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

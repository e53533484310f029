import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Dialect } from '../db/database.ts';
import type { OutboxTable } from '../db/schema.ts';
import { IntegrationError } from '@hub/integrations/errors';
import { hasReplyMarker, markedReply, replyMarker, type NetworkName, type OutboundNetworks } from './network.ts';
import type { Clock } from '../clock.ts';

export interface BackoffOptions {
  /** Delay after the first failure (ms). */
  baseMs: number;
  /** Longest delay (ms). */
  maxMs: number;
  /** 0..1: share of the delay drawn at random (spreads retries of many rows). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 15 * 60_000, jitter: 0.2 };
export const DEFAULT_MAX_ATTEMPTS = 8;

/** Delay before attempt `attempts + 1`, after `attempts` failed: base · 2^(attempts−1), capped, with jitter. */
export function backoffMs(attempts: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  const jitter = exponential * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(options.maxMs, exponential + jitter)));
}

/** The item states in which the network should show the item hidden. */
const WANTS_HIDDEN = ['hidden', 'rejected', 'deleted'];

/**
 * Delivers one row of a kind that is not a social-network action (a claim pushed to the CRM,
 * an on-call e-mail or webhook). Throws an IntegrationError (retryable or not) on failure.
 */
export type Delivery = (row: OutboxTable) => Promise<{ resultExternalId: string | null; note?: string }>;

export interface OutboxWorkerOptions {
  db: Db;
  dialect: Dialect;
  networks: OutboundNetworks;
  /** Handlers for the other kinds of rows, by kind (`claim_push`, `oncall_email`…). */
  deliveries?: Record<string, Delivery>;
  clock: Clock;
  /** How long a claimed row is ours; a row left in flight longer is claimed again (crash). */
  leaseMs?: number;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Idle poll interval (ms); `kick()` wakes the worker sooner. */
  pollMs?: number;
  batchSize?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /**
   * Tests only: called after the network accepted an action and before it is recorded. An error
   * thrown here leaves the row as a dying process would (in flight, lease held) and comes out
   * of `runOnce`.
   */
  afterNetwork?: (row: OutboxTable) => void | Promise<void>;
}

type Outcome = { kind: 'done'; resultExternalId: string | null; note?: string };

class SimulatedCrash extends Error {}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, dialect, networks } = options;
  const { clock } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 1_000;
  // One row per claim: a crash then costs an attempt only to the row being sent, not to a batch.
  const batchSize = options.batchSize ?? 1;
  const owner = `worker:${randomUUID()}`;

  /** Takes due rows (pending and due, or in flight with an expired lease) with a lease, atomically. */
  async function claim(limit = batchSize): Promise<OutboxTable[]> {
    const now = clock();
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const lock = dialect === 'postgres' ? sql` for update skip locked` : sql``;
    const result = await sql<OutboxTable>`
      update outbox set state = 'in_flight', lease_owner = ${owner}, lease_until = ${until}, attempts = attempts + 1, updated_at = ${at}
      where id in (
        select id from outbox
        where (state = 'pending' and next_attempt_at <= ${at}) or (state = 'in_flight' and lease_until < ${at})
        order by next_attempt_at, created_at
        limit ${limit}${lock}
      )
      returning *`.execute(db);
    return result.rows.map((row) => ({ ...row, attempts: Number(row.attempts) }));
  }

  async function finish(row: OutboxTable, changes: Partial<OutboxTable>): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ ...changes, lease_owner: null, lease_until: null, updated_at: clock().toISOString() })
      .where('id', '=', row.id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  async function perform(row: OutboxTable): Promise<Outcome> {
    const delivery = options.deliveries?.[row.kind];
    if (delivery) {
      const result = await delivery(row);
      await afterNetwork(row);
      return { kind: 'done', ...result };
    }
    const network = networks(row.network as NetworkName, row.account_id);
    if (!network) throw new IntegrationError(`Le compte ${row.network} ${row.account_id} n’est pas configuré.`, { retryable: false });
    // The item's state now: a later decision may have made this action pointless.
    const item = await db.selectFrom('items').select(['state']).where('id', '=', row.item_id).executeTakeFirst();
    const state = item?.state ?? 'deleted';
    switch (row.kind) {
      case 'hide':
        if (!WANTS_HIDDEN.includes(state)) return { kind: 'done', resultExternalId: null, note: 'superseded' };
        await network.hide(row.target_external_id, true);
        break;
      case 'unhide':
        if (WANTS_HIDDEN.includes(state)) return { kind: 'done', resultExternalId: null, note: 'superseded' };
        await network.hide(row.target_external_id, false);
        break;
      case 'delete':
        await network.delete(row.target_external_id);
        break;
      case 'reply': {
        if (state === 'deleted') return { kind: 'done', resultExternalId: null, note: 'superseded' };
        // A previous attempt may have reached the network (crash, timeout, 5xx after the write):
        // look for the reply carrying our marker before sending again.
        if (row.attempts > 1) {
          const existing = await network.findReply(row.target_external_id, row.idempotency_key, (text) => hasReplyMarker(text, row.idempotency_key));
          if (existing) return { kind: 'done', resultExternalId: existing, note: 'found' };
        }
        const text = (JSON.parse(row.payload ?? '{}') as { text?: string }).text ?? '';
        const { externalId } = await network.reply(row.target_external_id, markedReply(text, row.idempotency_key), row.idempotency_key);
        await afterNetwork(row);
        return { kind: 'done', resultExternalId: externalId };
      }
      case 'publish': {
        // An article cross-posted on the account's own feed: same care as a reply. After an
        // uncertain attempt, look for our post (by its invisible marker) before sending again.
        if (row.attempts > 1) {
          const existing = await network.findPublished(row.idempotency_key, (text) => hasReplyMarker(text, row.idempotency_key));
          if (existing) return { kind: 'done', resultExternalId: existing, note: 'found' };
        }
        const post = JSON.parse(row.payload ?? '{}') as { message?: string; link?: string };
        if (!post.link) throw new IntegrationError('Publication sans lien vers l’article.', { retryable: false });
        const { externalId } = await network.publish({ message: post.message ?? '', link: post.link, marker: replyMarker(row.idempotency_key) }, row.idempotency_key);
        await afterNetwork(row);
        return { kind: 'done', resultExternalId: externalId };
      }
      default:
        throw new IntegrationError(`Action inconnue : ${row.kind}.`, { retryable: false });
    }
    await afterNetwork(row);
    return { kind: 'done', resultExternalId: null };
  }

  async function afterNetwork(row: OutboxTable) {
    if (!options.afterNetwork) return;
    try {
      await options.afterNetwork(row);
    } catch (error) {
      throw new SimulatedCrash('simulated crash', { cause: error });
    }
  }

  /** Executes one claimed row and records the outcome. */
  async function execute(row: OutboxTable): Promise<void> {
    try {
      const outcome = await perform(row);
      await finish(row, { state: 'done', result_external_id: outcome.resultExternalId, last_error: null });
      options.log?.info({ outbox: row.id, kind: row.kind, network: row.network, note: outcome.note }, 'outbox action done');
    } catch (error) {
      if (error instanceof SimulatedCrash) throw error;
      // What the adapters, the mailer, the CRM push and the on-call webhook throw.
      const known = error instanceof IntegrationError;
      const message = known ? error.message : `Erreur inattendue : ${error instanceof Error ? error.message : String(error)}`;
      const retryable = !known || error.retryable;
      if (!retryable || row.attempts >= maxAttempts) {
        const reason = retryable ? `Abandon après ${row.attempts} tentatives : ${message}` : `Refusé par le réseau : ${message}`;
        await finish(row, { state: 'failed', last_error: reason });
        options.log?.warn({ outbox: row.id, kind: row.kind, network: row.network }, reason);
        return;
      }
      const delay = Math.max(backoffMs(row.attempts, backoff, random), known ? (error.retryAfterMs ?? 0) : 0);
      await finish(row, { state: 'pending', last_error: message, next_attempt_at: new Date(clock().getTime() + delay).toISOString() });
    }
  }

  /** Claims and executes what is due; returns how many rows were handled. */
  async function runOnce(): Promise<number> {
    const rows = await claim();
    for (const row of rows) await execute(row);
    return rows.length;
  }

  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let kicked = false;

  return {
    owner,
    claim,
    execute,
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let handled = 0;
          kicked = false;
          try {
            handled = await runOnce();
          } catch (error) {
            options.log?.warn({ err: error }, 'outbox worker step failed');
          }
          if (handled > 0 || kicked || !running) continue;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, pollMs);
          });
          wake = undefined;
        }
      })();
    },
    /** Something was enqueued: look now rather than at the next poll. */
    kick() {
      kicked = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

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
/** How long a claimed row is ours without news from us; renewed every third of it while a delivery runs. */
export const DEFAULT_LEASE_MS = 60_000;
/**
 * A delivery still running after this is abandoned (aborted through its signal) and recorded as
 * a retryable failure. Inside the lease, so that even a worker whose lease renewals stopped
 * reaching the database lets go of a row before another worker may claim it; above the mailer's
 * connection + greeting timeouts (20 s + 15 s) and the webhook / CRM fetch timeouts (10 s).
 */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 45_000;
/**
 * Rows carried out at once per lane. A lane is one account of one network (`network` +
 * `account_id`: a Facebook Page, an X account, the CRM, one on-call member's e-mail or webhook).
 * One at a time keeps an account's actions in order (a hide, then its unhide) and its rate limits
 * as before; lanes run side by side, so a stuck on-call webhook never delays a hide on Facebook.
 */
export const DEFAULT_LANE_CONCURRENCY = 1;
/** Rows carried out at once in all (lanes side by side). */
export const DEFAULT_MAX_IN_FLIGHT = 8;

/** The lane of a row: its network account. */
export interface Lane {
  network: string;
  accountId: string;
}

/** The French reason of a row given up because its deliveries kept interrupting the service. */
export function interruptedReason(interruptions: number, attempts: number): string {
  const times = interruptions > 1 ? `à ${interruptions} reprises` : 'une fois';
  return interruptions >= attempts
    ? `Abandon : l’envoi a interrompu le service ${times}.`
    : `Abandon après ${attempts} tentatives : l’envoi a interrompu le service ${times}.`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
}

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
 * `signal` aborts when the worker abandons the delivery (deadline passed, lease lost).
 */
export type Delivery = (row: OutboxTable, context?: { signal: AbortSignal }) => Promise<{ resultExternalId: string | null; note?: string }>;

export interface OutboxWorkerOptions {
  db: Db;
  dialect: Dialect;
  networks: OutboundNetworks;
  /** Handlers for the other kinds of rows, by kind (`claim_push`, `oncall_email`…). */
  deliveries?: Record<string, Delivery>;
  clock: Clock;
  /** How long a claimed row is ours; a row left in flight longer is claimed again (crash). Renewed while a delivery runs. */
  leaseMs?: number;
  /** Lease renewal period while a delivery runs (default: a third of the lease). */
  heartbeatMs?: number;
  /** A delivery running longer is abandoned and recorded as a retryable failure (default 45 s). */
  deliveryTimeoutMs?: number;
  /** Rows carried out at once per lane, one network account (default 1). */
  laneConcurrency?: number;
  /** Rows carried out at once in all (default 8). */
  maxInFlight?: number;
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
/** The heartbeat found the row no longer ours: another worker claimed it, or it was finished. */
class LeaseLost extends Error {}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, dialect, networks } = options;
  const { clock } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const heartbeatMs = options.heartbeatMs ?? Math.max(10, Math.floor(leaseMs / 3));
  const deliveryTimeoutMs = options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  const laneConcurrency = options.laneConcurrency ?? DEFAULT_LANE_CONCURRENCY;
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 1_000;
  // One row per claim in `runOnce`: a crash then costs an attempt only to the row being sent.
  const batchSize = options.batchSize ?? 1;
  const owner = `worker:${randomUUID()}`;
  let claims = 0;
  /**
   * Rows this worker is carrying out. Never claimed again by it, even if their lease looks
   * expired (renewals failing, a clock that jumped): it would run the same delivery twice at once.
   */
  const executing = new Set<string>();

  /**
   * A row whose lease expired after its last attempt (the process died or stalled during each
   * delivery) is failed rather than handed out again: without this it would be retried forever,
   * the failure never reaching the code that counts attempts.
   */
  async function giveUpInterrupted(at: string): Promise<void> {
    let query = db
      .selectFrom('outbox')
      .select(['id', 'kind', 'network', 'attempts', 'interruptions', 'lease_until'])
      .where('state', '=', 'in_flight')
      .where('lease_until', '<', at)
      .where('attempts', '>=', maxAttempts);
    if (executing.size) query = query.where('id', 'not in', [...executing]);
    const rows = await query.limit(100).execute();
    for (const row of rows) {
      const interruptions = Number(row.interruptions ?? 0) + 1;
      const reason = interruptedReason(interruptions, Number(row.attempts));
      const result = await db
        .updateTable('outbox')
        .set({ state: 'failed', last_error: reason, interruptions, lease_owner: null, lease_until: null, updated_at: at })
        .where('id', '=', row.id)
        .where('state', '=', 'in_flight')
        .where('lease_until', '=', row.lease_until)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) options.log?.warn({ outbox: row.id, kind: row.kind, network: row.network }, reason);
    }
  }

  /**
   * Takes due rows (pending and due, or in flight with an expired lease) with a lease, atomically.
   * The attempt is counted here, before the delivery starts; `lease_owner` is a token of this
   * claim, so that only this execution can renew the lease or record the outcome.
   */
  async function claim(limit = batchSize, excludeLanes: readonly Lane[] = []): Promise<OutboxTable[]> {
    const now = clock();
    const at = now.toISOString();
    await giveUpInterrupted(at);
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const token = `${owner}:${(claims += 1)}`;
    const lock = dialect === 'postgres' ? sql` for update skip locked` : sql``;
    const lanes = excludeLanes.length
      ? sql` and not (${sql.join(excludeLanes.map((l) => sql`(network = ${l.network} and account_id = ${l.accountId})`), sql` or `)})`
      : sql``;
    const mine = executing.size ? sql` and id not in (${sql.join([...executing])})` : sql``;
    const result = await sql<OutboxTable>`
      update outbox set state = 'in_flight', lease_owner = ${token}, lease_until = ${until}, attempts = attempts + 1,
        interruptions = interruptions + (case when state = 'in_flight' then 1 else 0 end), updated_at = ${at}
      where id in (
        select id from outbox
        where ((state = 'pending' and next_attempt_at <= ${at}) or (state = 'in_flight' and lease_until < ${at} and attempts < ${maxAttempts}))${lanes}${mine}
        order by next_attempt_at, created_at
        limit ${limit}${lock}
      )
      returning *`.execute(db);
    return result.rows.map((row) => ({ ...row, attempts: Number(row.attempts), interruptions: Number(row.interruptions ?? 0) }));
  }

  /** Records the outcome if the lease is still this claim's; false if it is not (nothing written). */
  async function finish(row: OutboxTable, changes: Partial<OutboxTable>): Promise<boolean> {
    const result = await db
      .updateTable('outbox')
      .set({ ...changes, lease_owner: null, lease_until: null, updated_at: clock().toISOString() })
      .where('id', '=', row.id)
      .where('lease_owner', '=', row.lease_owner)
      .executeTakeFirst();
    const recorded = Number(result.numUpdatedRows) > 0;
    if (!recorded) options.log?.warn({ outbox: row.id, kind: row.kind, network: row.network }, 'outbox lease lost: outcome not recorded');
    return recorded;
  }

  /**
   * Renews the row's lease every `heartbeatMs` while its delivery runs. `lost` rejects (and the
   * delivery's signal aborts) when the row is found no longer ours.
   */
  function holdLease(row: OutboxTable, controller: AbortController) {
    let stopped = false;
    let rejectLost: (error: Error) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => (rejectLost = reject));
    lost.catch(() => undefined);
    const renew = async () => {
      try {
        const result = await db
          .updateTable('outbox')
          .set({ lease_until: new Date(clock().getTime() + leaseMs).toISOString() })
          .where('id', '=', row.id)
          .where('lease_owner', '=', row.lease_owner)
          .where('state', '=', 'in_flight')
          .executeTakeFirst();
        if (stopped || Number(result.numUpdatedRows) > 0) return;
        stopped = true;
        clearInterval(interval);
        const error = new LeaseLost(`outbox row ${row.id} no longer ours`);
        controller.abort(error);
        rejectLost(error);
      } catch (error) {
        // The database did not answer: try again at the next beat; the deadline bounds the delivery.
        options.log?.warn({ err: error, outbox: row.id }, 'outbox lease renewal failed');
      }
    };
    const interval = setInterval(() => void renew(), heartbeatMs);
    return {
      lost,
      stop() {
        stopped = true;
        clearInterval(interval);
      },
    };
  }

  async function perform(row: OutboxTable, signal: AbortSignal): Promise<Outcome> {
    const delivery = options.deliveries?.[row.kind];
    if (delivery) {
      const result = await delivery(row, { signal });
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

  /**
   * Executes one claimed row and records the outcome, holding its lease meanwhile. A delivery
   * still running after `deliveryTimeoutMs` is abandoned (its signal aborts) and recorded as a
   * retryable failure; one whose lease was lost is abandoned without recording anything.
   */
  async function execute(row: OutboxTable): Promise<void> {
    executing.add(row.id);
    const controller = new AbortController();
    const lease = holdLease(row, controller);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new IntegrationError(`Délai dépassé : l’envoi n’a pas abouti en ${seconds(deliveryTimeoutMs)}.`, { retryable: true });
        controller.abort(error);
        reject(error);
      }, deliveryTimeoutMs);
    });
    deadline.catch(() => undefined);
    const delivering = perform(row, controller.signal);
    // An abandoned delivery may still settle later: its outcome is ignored.
    delivering.catch(() => undefined);
    try {
      const outcome = await Promise.race([delivering, deadline, lease.lost]);
      lease.stop();
      await finish(row, { state: 'done', result_external_id: outcome.resultExternalId, last_error: null });
      options.log?.info({ outbox: row.id, kind: row.kind, network: row.network, note: outcome.note }, 'outbox action done');
    } catch (error) {
      lease.stop();
      // A dying process records nothing: the row stays in flight until its lease expires.
      if (error instanceof SimulatedCrash) throw error;
      if (error instanceof LeaseLost) {
        options.log?.warn({ outbox: row.id, kind: row.kind, network: row.network }, 'outbox lease lost: delivery abandoned');
        return;
      }
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
    } finally {
      clearTimeout(timer);
      executing.delete(row.id);
    }
  }

  /** Claims what is due (`batchSize` rows), executes the rows together; returns how many were handled. */
  async function runOnce(): Promise<number> {
    const rows = await claim();
    const results = await Promise.allSettled(rows.map((row) => execute(row)));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return rows.length;
  }

  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let kicked = false;
  /** The executions under way, with their lane. */
  const active = new Map<Promise<void>, Lane>();

  function launch(row: OutboxTable) {
    const execution: Promise<void> = execute(row)
      .catch((error: unknown) => options.log?.warn({ err: error, outbox: row.id }, 'outbox worker step failed'))
      .finally(() => {
        active.delete(execution);
        // A slot is free: look again now.
        kicked = true;
        if (timer) clearTimeout(timer);
        wake?.();
      });
    active.set(execution, { network: row.network, accountId: row.account_id });
  }

  /**
   * Claims due rows one at a time while slots are free, skipping lanes already full: a stuck
   * on-call webhook holds at most its lane, never a hide on Facebook. Returns how many started.
   */
  async function fill(): Promise<number> {
    let started = 0;
    while (running && active.size < maxInFlight) {
      const perLane = new Map<string, { lane: Lane; n: number }>();
      for (const lane of active.values()) {
        const key = JSON.stringify([lane.network, lane.accountId]);
        perLane.set(key, { lane, n: (perLane.get(key)?.n ?? 0) + 1 });
      }
      const full = [...perLane.values()].filter((l) => l.n >= laneConcurrency).map((l) => l.lane);
      const [row] = await claim(1, full);
      if (!row) break;
      launch(row);
      started += 1;
    }
    return started;
  }

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
          kicked = false;
          try {
            await fill();
          } catch (error) {
            options.log?.warn({ err: error }, 'outbox worker step failed');
          }
          if (!running) break;
          if (kicked && active.size < maxInFlight) continue;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, pollMs);
          });
          wake = undefined;
          if (timer) clearTimeout(timer);
        }
        // Stopping: let the deliveries under way finish (each is bounded by the deadline).
        await Promise.allSettled([...active.keys()]);
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

/**
 * The webhook inbox (`webhook_inbox`): a signed delivery is stored here before Meta gets its 200,
 * then a drain inside the process applies it to the queue. Nothing lives only in memory: a crash,
 * a restart or a busy database loses nothing, and Meta retries what we could not store.
 *
 * - `store(raw)`: one row per delivery, keyed by the SHA-256 of the raw body (unique): Meta's
 *   retries of the same delivery are stored once (`false` then). Throws when the insert fails.
 * - The drain claims one due row at a time with a lease, atomically, like the outbox worker
 *   (`FOR UPDATE SKIP LOCKED` on PostgreSQL, a conditional update on SQLite): several processes
 *   never apply the same row at once, and a row left in flight by a killed process is taken
 *   again once its lease has expired. Rows are taken in arrival order (`id`).
 * - A row whose application throws is tried again later (backoff), resuming after the changes
 *   already applied (`changes_done`); after `maxAttempts` it is kept as `failed` with its error,
 *   for a person, and logged.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db, Dialect } from '../db/database.ts';
import type { WebhookInboxTable } from '../db/schema.ts';
import { backoffMs, DEFAULT_BACKOFF, type BackoffOptions } from '../outbox/worker.ts';

/** A row as read back (`id` a number on both databases). */
export type InboxRow = Omit<WebhookInboxTable, 'id'> & { id: number };

/** Thrown by `apply` when a change fails: `changesDone` changes before it are applied. */
export class PartialApply extends Error {
  readonly changesDone: number;
  constructor(changesDone: number, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.changesDone = changesDone;
  }
}

export const DEFAULT_INBOX_MAX_ATTEMPTS = 8;
/** Done rows are kept this long (Meta's retries within it are recognised), then purged. */
export const DEFAULT_KEEP_DONE_MS = 7 * 24 * 3600_000;

export interface WebhookInboxOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  /** `facebook` */
  source: string;
  /** Applies the stored payload from its change `from` on; throws `PartialApply` (or anything) on failure. */
  apply: (payload: string, from: number) => Promise<void>;
  /** How long a claimed row is ours; a row left in flight longer is claimed again (crash). */
  leaseMs?: number;
  maxAttempts?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Idle poll interval (ms): rows of other processes, expired leases, retries. `kick()` wakes sooner. */
  pollMs?: number;
  keepDoneMs?: number;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
}

export const bodyHash = (raw: Buffer | string) => createHash('sha256').update(raw).digest('hex');

export function createWebhookInbox(options: WebhookInboxOptions) {
  const { db, dialect, clock, source } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? DEFAULT_INBOX_MAX_ATTEMPTS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const random = options.random ?? Math.random;
  const pollMs = options.pollMs ?? 1_000;
  const keepDoneMs = options.keepDoneMs ?? DEFAULT_KEEP_DONE_MS;
  const log = options.log ?? (() => undefined);
  const owner = `inbox:${randomUUID()}`;

  /** Stores one delivery (committed when this resolves); false when already stored (a retry). */
  async function store(raw: Buffer | string): Promise<boolean> {
    const at = clock().toISOString();
    const result = await db
      .insertInto('webhook_inbox')
      .values({ source, body_sha256: bodyHash(raw), payload: raw.toString(), state: 'pending', attempts: 0, changes_done: 0, next_attempt_at: at, last_error: null, received_at: at, updated_at: at, lease_owner: null, lease_until: null })
      .onConflict((oc) => oc.column('body_sha256').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Takes the oldest due row (pending and due, or in flight with an expired lease) with a lease, atomically. */
  async function claim(): Promise<InboxRow | undefined> {
    const now = clock();
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const lock = dialect === 'postgres' ? sql` for update skip locked` : sql``;
    const result = await sql<InboxRow>`
      update webhook_inbox set state = 'in_flight', lease_owner = ${owner}, lease_until = ${until}, attempts = attempts + 1, updated_at = ${at}
      where id in (
        select id from webhook_inbox
        where source = ${source} and ((state = 'pending' and next_attempt_at <= ${at}) or (state = 'in_flight' and lease_until < ${at}))
        order by id
        limit 1${lock}
      )
      returning *`.execute(db);
    const row = result.rows[0];
    return row && { ...row, id: Number(row.id), attempts: Number(row.attempts), changes_done: Number(row.changes_done) };
  }

  async function finish(row: InboxRow, changes: Partial<Omit<WebhookInboxTable, 'id'>>): Promise<void> {
    await db
      .updateTable('webhook_inbox')
      .set({ ...changes, lease_owner: null, lease_until: null, updated_at: clock().toISOString() })
      .where('id', '=', row.id)
      .where('lease_owner', '=', owner)
      .execute();
  }

  /** Applies one claimed row and records the outcome. */
  async function execute(row: InboxRow): Promise<void> {
    try {
      await options.apply(row.payload, row.changes_done);
      await finish(row, { state: 'done', last_error: null });
    } catch (error) {
      const changesDone = error instanceof PartialApply ? Math.max(row.changes_done, error.changesDone) : row.changes_done;
      const message = error instanceof Error ? error.message : String(error);
      if (row.attempts >= maxAttempts) {
        const reason = `Abandon après ${row.attempts} tentatives : ${message}`.slice(0, 1000);
        await finish(row, { state: 'failed', changes_done: changesDone, last_error: reason });
        log('warn', 'Livraison de webhook gardée en échec, à examiner', { inbox: row.id, source, error: reason });
        return;
      }
      const delay = backoffMs(row.attempts, backoff, random);
      await finish(row, { state: 'pending', changes_done: changesDone, last_error: message.slice(0, 1000), next_attempt_at: new Date(clock().getTime() + delay).toISOString() });
      log('warn', 'Livraison de webhook non appliquée, nouvel essai plus tard', { inbox: row.id, source, attempts: row.attempts, error: message });
    }
  }

  /** Done rows older than `keepDoneMs`. */
  async function purge(): Promise<number> {
    const before = new Date(clock().getTime() - keepDoneMs).toISOString();
    const result = await db.deleteFrom('webhook_inbox').where('source', '=', source).where('state', '=', 'done').where('updated_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // One step at a time in this process (the loop and `idle()`): rows are applied in arrival order.
  let turn: Promise<unknown> = Promise.resolve();
  function serial<T>(step: () => Promise<T>): Promise<T> {
    const next = turn.then(step);
    turn = next.catch(() => undefined);
    return next;
  }

  /** Claims and applies one due row; returns how many were handled (0 or 1). */
  function runOnce(): Promise<number> {
    return serial(async () => {
      const row = await claim();
      if (!row) return 0;
      await execute(row);
      return 1;
    });
  }

  /**
   * Resolves when nothing due is left (every delivery stored so far applied, failed for now, or
   * in another process's hands), or when the database does not answer (logged): tests, shutdown.
   */
  async function idle(): Promise<void> {
    for (;;) {
      try {
        if ((await runOnce()) === 0) return;
      } catch (error) {
        log('warn', 'Boîte de réception des webhooks illisible', { error: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
  }

  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let kicked = false;
  let lastPurge = 0;

  return {
    owner,
    store,
    claim,
    execute,
    runOnce,
    purge,
    idle,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let handled = 0;
          kicked = false;
          try {
            if (clock().getTime() - lastPurge > 3600_000) {
              lastPurge = clock().getTime();
              await purge();
            }
            handled = await runOnce();
          } catch (error) {
            log('warn', 'Étape de la boîte de réception des webhooks échouée', { error: error instanceof Error ? error.message : String(error) });
          }
          if ((handled > 0 || kicked) && running) continue;
          if (!running) break;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, pollMs);
          });
          wake = undefined;
        }
      })();
    },
    /** A delivery was stored: look now rather than at the next poll. */
    kick() {
      kicked = true;
      if (timer) clearTimeout(timer);
      wake?.();
    },
    /** Stops the loop once its current step is over (what is stored stays for the next start). */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}

export type WebhookInbox = ReturnType<typeof createWebhookInbox>;

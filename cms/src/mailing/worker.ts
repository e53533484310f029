import type { Knex } from 'knex';
import type { MailMessage, Mailer } from '@hub/integrations/mail';
import { finishJobIfDrained, leaseJob, markJobSending, unfinishedJobs, type Job } from './jobs';
import { addRecipients, claimRows, markFailed, markRetry, markSending, markSent, releaseUnstarted, type LogRow, type NewRecipient } from './log';
import type { SentJournal } from './journal';
import { classifyRefusal, retryDelayMs, withoutAddresses } from './refusals';

/** What a kind of job (newsletter, alert, digest) brings to the sender. */
export interface JobKind {
  /** Lower runs first: a short alert is not kept waiting behind a long newsletter. */
  priority: number;
  /** Copies the recipients into the log through `add`. May run again after a crash: `add` ignores those already there. */
  snapshot(job: Job, add: (recipients: NewRecipient[]) => Promise<void>): Promise<void>;
  /** The message for one recipient. */
  compose(job: Job, row: LogRow): Promise<MailMessage> | MailMessage;
}

export interface SenderLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SendWorkerDeps {
  knex: Knex;
  mailer: Mailer;
  kinds: Record<string, JobKind>;
  /** A hard bounce: the address gets nothing more (suspendSubscriber). */
  onHardBounce(row: LogRow, reason: string, at: Date): Promise<void>;
  log: SenderLog;
  /** Where the server's acceptances are noted at once, before the database (see journal.ts). */
  journal?: SentJournal;
  /** This process, as written in the leases. */
  owner: string;
  /** The process's clock, in milliseconds (hub/clock.ts). */
  now: () => number;
  settings: {
    /** Rows taken at once per job. */
    batchSize: number;
    /** Messages in flight at once (one per SMTP connection of the pool). */
    concurrency: number;
    leaseMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    /** Idle wait between two looks at the jobs table. */
    pollMs: number;
  };
}

export interface SendWorker {
  start(): void;
  /** A job was just created here: look now rather than at the next poll. */
  wake(): void;
  /** Finishes the messages in flight, gives back the rows not started, stops. */
  stop(): Promise<void>;
}

const PAUSE_MIN_MS = 2_000;
const PAUSE_MAX_MS = 60_000;
const STOP_WAIT_MS = 10_000;

/**
 * Drains the send jobs of the database. Every process runs one; rows are claimed with a lease, so
 * several CMS instances share the work without sending a row twice. Per row: compose, mark
 * `sending`, hand to SMTP, mark `sent` at once (see README: the guarantee around a crash).
 */
export function createSendWorker(deps: SendWorkerDeps): SendWorker {
  const { knex, mailer, kinds, log, owner, settings, now } = deps;
  let running = false;
  let loop: Promise<void> | null = null;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  /** SMTP unreachable: no new message before this time. */
  let pausedUntil = 0;
  let pauseMs = PAUSE_MIN_MS;
  /** A row noted in the journal whose database mark failed: the journal must keep it. */
  let unmarked = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) {
        woken = false;
        return resolve();
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  /** Copies the recipients of a new job; false when another instance is doing it. */
  async function prepare(job: Job): Promise<boolean> {
    if (!(await leaseJob(knex, job.id, { owner, now: now(), ms: Math.max(settings.leaseMs, 300_000) }))) return false;
    const kind = kinds[job.kind];
    if (!kind) throw new Error(`no sender for jobs of kind ${job.kind}`);
    await kind.snapshot(job, (recipients) => addRecipients(knex, job.id, recipients));
    await markJobSending(knex, job.id, now());
    log.info(`mailing: job ${job.id} (${job.kind}) ready to send`);
    return true;
  }

  async function refused(job: Job, row: LogRow, error: unknown): Promise<void> {
    const refusal = classifyRefusal(error);
    const at = now();
    if (refusal.kind === 'permanent') {
      await markFailed(knex, row.id, refusal.detail);
      await deps.onHardBounce(row, refusal.detail, new Date(at));
      log.warn(`mailing: job ${job.id}, subscriber ${row.subscriberId} refused for good (suspended): ${withoutAddresses(refusal.detail)}`);
    } else if (refusal.kind === 'unreachable') {
      // The server, not the address: no attempt counted, and everyone waits a little.
      await markRetry(knex, row.id, { nextAttemptAt: at + pauseMs, error: refusal.detail, countAttempt: false });
      if (pausedUntil < at) log.warn(`mailing: mail server unreachable, sending paused ${Math.round(pauseMs / 1000)} s: ${withoutAddresses(refusal.detail)}`);
      pausedUntil = at + pauseMs;
      pauseMs = Math.min(PAUSE_MAX_MS, pauseMs * 2);
    } else if (row.attempts + 1 >= settings.maxAttempts) {
      await markFailed(knex, row.id, refusal.detail);
      log.warn(`mailing: job ${job.id}, subscriber ${row.subscriberId} given up after ${row.attempts + 1} attempts: ${withoutAddresses(refusal.detail)}`);
    } else {
      await markRetry(knex, row.id, { nextAttemptAt: at + retryDelayMs(settings.retryBaseMs, row.attempts + 1), error: refusal.detail, countAttempt: true });
    }
  }

  async function sendOne(job: Job, kind: JobKind, row: LogRow): Promise<void> {
    const message = await kind.compose(job, row);
    if (!(await markSending(knex, row.id, { owner, now: now(), ms: settings.leaseMs }))) return;
    // Noted at the hand-over, just before the end-of-data mark leaves: a process killed after it
    // has delivered the message (not sent again at restart), one killed before it has not (the
    // server drops an unfinished message; sent again).
    let handedOver = false;
    try {
      await mailer.send({
        ...message,
        onHandover: () => {
          deps.journal?.record(row.id);
          handedOver = true;
        },
      });
    } catch (error) {
      if (handedOver) deps.journal?.cancel(row.id);
      await refused(job, row, error);
      return;
    }
    // The server accepted it (noted again for connections where the hand-over is not visible: TLS).
    if (!handedOver) deps.journal?.record(row.id);
    try {
      await markSent(knex, row.id, now());
    } catch (error) {
      unmarked = true;
      throw error;
    }
    pauseMs = PAUSE_MIN_MS;
  }

  /** Sends one claimed batch, `concurrency` messages at a time. */
  async function sendBatch(job: Job, rows: LogRow[]): Promise<void> {
    const kind = kinds[job.kind];
    if (!kind) throw new Error(`no sender for jobs of kind ${job.kind}`);
    const inDoubt = rows.filter((r) => r.state === 'sending').length;
    if (inDoubt > 0) {
      log.warn(`mailing: job ${job.id}: ${inDoubt} message(s) were being sent when a process stopped; sent again`);
    }
    let next = 0;
    const lane = async () => {
      while (running && pausedUntil <= now() && next < rows.length) {
        const row = rows[next++]!;
        try {
          await sendOne(job, kind, row);
        } catch (error) {
          // A database or rendering fault: the row keeps its lease and is taken again after it.
          log.error(`mailing: job ${job.id}, row ${row.id}: ${withoutAddresses((error as Error).message)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, settings.concurrency) }, lane));
    // Nothing in flight: every row noted in the journal has its database mark.
    if (!unmarked) deps.journal?.reset();
    if (next < rows.length) await releaseUnstarted(knex, owner, rows.slice(next).map((r) => r.id));
  }

  /** One pass over the unfinished jobs; true when something was done. */
  async function tick(): Promise<boolean> {
    const jobs = (await unfinishedJobs(knex)).sort((a, b) => (kinds[a.kind]?.priority ?? 9) - (kinds[b.kind]?.priority ?? 9) || a.id - b.id);
    let worked = false;
    for (const job of jobs) {
      if (!running || pausedUntil > now()) break;
      if (job.state === 'preparing') {
        if (await prepare(job)) worked = true;
        continue;
      }
      const rows = await claimRows(knex, { jobId: job.id, owner, now: now(), leaseMs: settings.leaseMs, limit: settings.batchSize });
      if (rows.length === 0) {
        if (await finishJobIfDrained(knex, job.id, now())) log.info(`mailing: job ${job.id} (${job.kind}) finished`);
        continue;
      }
      await sendBatch(job, rows);
      worked = true;
      // One batch per pass: a newer, more urgent job gets its turn before the next batch.
      break;
    }
    return worked;
  }

  async function run(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await tick();
      } catch (error) {
        log.error(`mailing: ${withoutAddresses((error as Error).message)}`);
      }
      if (!running) break;
      const paused = pausedUntil - now();
      if (paused > 0) await sleep(paused);
      else if (!worked) await sleep(settings.pollMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      wakeUp?.();
      // The messages in flight finish; a server that hangs does not hold the shutdown for long.
      await Promise.race([loop, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
      mailer.close();
      if (!unmarked) deps.journal?.close();
    },
  };
}

import type { Knex } from 'knex';
import { SEND_TABLES, type Lease, type RowState } from './schema';

/** One recipient of one job, as the sender works on it. */
export interface LogRow {
  id: number;
  jobId: number;
  subscriberId: number;
  email: string;
  topic: string;
  /** The state when claimed: `sending` means a previous holder stopped mid-send (in doubt). */
  state: RowState;
  attempts: number;
}

export interface NewRecipient {
  subscriberId: number;
  email: string;
  topic: string;
}

const INSERT_CHUNK = 150;

/**
 * Adds recipients to a job's log. A subscriber already in it is left alone, so copying the
 * recipients again after a crash, or from two instances at once, adds nobody twice.
 */
export async function addRecipients(knex: Knex, jobId: number, recipients: NewRecipient[]): Promise<void> {
  for (let i = 0; i < recipients.length; i += INSERT_CHUNK) {
    const rows = recipients.slice(i, i + INSERT_CHUNK).map((r) => ({ job_id: jobId, subscriber_id: r.subscriberId, email: r.email, topic: r.topic }));
    await knex(SEND_TABLES.log).insert(rows).onConflict(['job_id', 'subscriber_id']).ignore();
  }
}

export function isPostgres(knex: Knex): boolean {
  return (knex.client as { dialect?: string }).dialect === 'postgresql';
}

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []) as Array<Record<string, unknown>>;
}

/**
 * Takes up to `limit` rows of a job to send: pending ones whose time has come, and `sending` ones
 * whose holder's lease ran out (it died mid-send). One statement; on PostgreSQL the rows are
 * locked with SKIP LOCKED, so two instances claiming at the same moment get disjoint rows.
 */
export async function claimRows(knex: Knex, claim: { jobId: number; owner: string; now: number; leaseMs: number; limit: number }): Promise<LogRow[]> {
  const lock = isPostgres(knex) ? 'for update skip locked' : '';
  const result = await knex.raw(
    `update ${SEND_TABLES.log} set lease_owner = ?, lease_until = ?, in_doubt = case when state = 'sending' then 1 else in_doubt end
     where id in (
       select id from ${SEND_TABLES.log}
       where job_id = ? and state in ('pending', 'sending') and next_attempt_at <= ? and lease_until <= ?
       order by id limit ? ${lock})
     returning id, job_id, subscriber_id, email, topic, state, attempts`,
    [claim.owner, claim.now + claim.leaseMs, claim.jobId, claim.now, claim.now, claim.limit],
  );
  return rowsOf(result)
    .map((r) => ({
      id: Number(r.id),
      jobId: Number(r.job_id),
      subscriberId: Number(r.subscriber_id),
      email: String(r.email),
      topic: String(r.topic),
      state: r.state as RowState,
      attempts: Number(r.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * The mark written just before the SMTP transaction. Fenced by the lease: if another instance
 * took the row over (this one was too slow), nothing is written and the row is not sent here.
 */
export async function markSending(knex: Knex, rowId: number, { owner, now, ms }: Lease): Promise<boolean> {
  const changed = await knex(SEND_TABLES.log)
    .where({ id: rowId, lease_owner: owner })
    .whereIn('state', ['pending', 'sending'])
    .update({ state: 'sending', attempts: knex.raw('attempts + 1'), lease_until: now + ms });
  return changed > 0;
}

/** The mark written as soon as the server accepted the message (the window to keep tiny). */
export async function markSent(knex: Knex, rowId: number, now: number): Promise<void> {
  // lease_owner stays: the instance that sent it, for the record.
  await knex(SEND_TABLES.log).where({ id: rowId }).update({ state: 'sent', sent_at: now, error: null, lease_until: 0 });
}

/** Rows the journal of a stopped process says the server accepted (see journal.ts). */
export async function markSentIds(knex: Knex, rowIds: number[], now: number): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rowIds.length; i += 500) {
    changed += await knex(SEND_TABLES.log)
      .whereIn('id', rowIds.slice(i, i + 500))
      .whereIn('state', ['pending', 'sending'])
      .update({ state: 'sent', sent_at: now, error: null, lease_owner: null, lease_until: 0 });
  }
  return changed;
}

export async function markFailed(knex: Knex, rowId: number, error: string): Promise<void> {
  await knex(SEND_TABLES.log).where({ id: rowId }).update({ state: 'failed', error: error.slice(0, 500), lease_owner: null, lease_until: 0 });
}

/** Back to pending, to be tried at `nextAttemptAt`; `countAttempt: false` when the fault was ours or the server's, not the address's. */
export async function markRetry(knex: Knex, rowId: number, retry: { nextAttemptAt: number; error: string; countAttempt: boolean }): Promise<void> {
  await knex(SEND_TABLES.log)
    .where({ id: rowId })
    .update({
      state: 'pending',
      next_attempt_at: retry.nextAttemptAt,
      error: retry.error.slice(0, 500),
      lease_owner: null,
      lease_until: 0,
      ...(retry.countAttempt ? {} : { attempts: knex.raw('case when attempts > 0 then attempts - 1 else 0 end') }),
    });
}

/** Gives back rows this instance claimed but did not start (a clean stop). */
export async function releaseUnstarted(knex: Knex, owner: string, rowIds: number[]): Promise<void> {
  for (let i = 0; i < rowIds.length; i += 500) {
    await knex(SEND_TABLES.log)
      .whereIn('id', rowIds.slice(i, i + 500))
      .where({ lease_owner: owner, state: 'pending' })
      .update({ lease_owner: null, lease_until: 0 });
  }
}

/**
 * On SQLite only one CMS process uses the database: at start, leases left by a killed process
 * can be dropped at once instead of waiting for them to run out.
 */
export async function dropAllLeases(knex: Knex): Promise<void> {
  await knex(SEND_TABLES.log).whereIn('state', ['pending', 'sending']).where('lease_until', '>', 0).update({ lease_until: 0 });
  await knex(SEND_TABLES.jobs).where('state', 'preparing').update({ lease_until: 0 });
}

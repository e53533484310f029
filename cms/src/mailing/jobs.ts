import type { Knex } from 'knex';
import { SEND_TABLES, type JobState, type Lease } from './schema';

export type JobKindName = 'newsletter' | 'alert' | 'digest';

export interface Job {
  id: number;
  key: string;
  kind: JobKindName;
  state: JobState;
  /** Parsed `content` column. */
  content: unknown;
  requestedBy: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

interface JobRow {
  id: number | string;
  key: string;
  kind: JobKindName;
  state: JobState;
  content: string;
  requested_by: string | null;
  created_at: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

function toJob(row: JobRow): Job {
  return {
    id: Number(row.id),
    key: row.key,
    kind: row.kind,
    state: row.state,
    content: JSON.parse(row.content),
    requestedBy: row.requested_by,
    createdAt: Number(row.created_at),
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
  };
}

/**
 * Creates the job unless one with the same key exists (another click, another CMS instance, a
 * replayed event). Returns the new job's id, or null when the key was taken.
 */
export async function createJob(
  knex: Knex,
  job: { key: string; kind: JobKindName; content: unknown; requestedBy?: string | null; now: number },
): Promise<number | null> {
  const inserted = (await knex(SEND_TABLES.jobs)
    .insert({ key: job.key, kind: job.kind, state: 'preparing', content: JSON.stringify(job.content), requested_by: job.requestedBy ?? null, created_at: job.now })
    .onConflict('key')
    .ignore()
    .returning('id')) as Array<{ id: number } | number>;
  const first = inserted[0];
  if (first === undefined) return null;
  return Number(typeof first === 'object' ? first.id : first);
}

export async function jobByKey(knex: Knex, key: string): Promise<Job | null> {
  const row = await knex<JobRow>(SEND_TABLES.jobs).where({ key }).first();
  return row ? toJob(row) : null;
}

export async function jobById(knex: Knex, id: number): Promise<Job | null> {
  const row = await knex<JobRow>(SEND_TABLES.jobs).where({ id }).first();
  return row ? toJob(row) : null;
}

/** Jobs still to prepare or to send, oldest first. */
export async function unfinishedJobs(knex: Knex): Promise<Job[]> {
  const rows = await knex<JobRow>(SEND_TABLES.jobs).whereIn('state', ['preparing', 'sending']).orderBy('id');
  return rows.map(toJob);
}

/** The most recent job of a kind (the previous digest, to know where the next one starts). */
export async function latestJobOfKind(knex: Knex, kind: JobKindName): Promise<Job | null> {
  const row = await knex<JobRow>(SEND_TABLES.jobs).where({ kind }).orderBy('id', 'desc').first();
  return row ? toJob(row) : null;
}

/** Takes the preparation of a job for the lease's time (one instance copies the recipients at a time). */
export async function leaseJob(knex: Knex, jobId: number, { owner, now, ms }: Lease): Promise<boolean> {
  const changed = await knex(SEND_TABLES.jobs)
    .where({ id: jobId, state: 'preparing' })
    .andWhere((q) => q.where('lease_until', '<=', now).orWhere('lease_owner', owner))
    .update({ lease_owner: owner, lease_until: now + ms });
  return changed > 0;
}

export async function markJobSending(knex: Knex, jobId: number, now: number): Promise<void> {
  await knex(SEND_TABLES.jobs).where({ id: jobId, state: 'preparing' }).update({ state: 'sending', started_at: now, lease_owner: null, lease_until: 0 });
}

/** Done once no row is left to send or to try again. */
export async function finishJobIfDrained(knex: Knex, jobId: number, now: number): Promise<boolean> {
  const changed = await knex(SEND_TABLES.jobs)
    .where({ id: jobId, state: 'sending' })
    .whereNotExists((q) => q.select(knex.raw('1')).from(SEND_TABLES.log).where('job_id', jobId).whereIn('state', ['pending', 'sending']))
    .update({ state: 'done', finished_at: now });
  return changed > 0;
}

export interface Progress {
  total: number;
  sent: number;
  failed: number;
  /** Not sent yet, including those waiting for another attempt. */
  remaining: number;
  /** Among the remaining: refused for now, to be tried again later. */
  retrying: number;
  /** Sent again after their process died mid-send: these few may have got two copies. */
  inDoubt: number;
}

export async function progressOf(knex: Knex, jobId: number): Promise<Progress> {
  const rows = (await knex(SEND_TABLES.log)
    .where({ job_id: jobId })
    .groupBy('state')
    .select('state')
    .count({ n: '*' })
    .select(knex.raw('sum(case when attempts > 0 then 1 else 0 end) as tried'))
    .select(knex.raw('sum(in_doubt) as doubt'))) as Array<{ state: string; n: number | string; tried: number | string | null; doubt: number | string | null }>;
  const progress: Progress = { total: 0, sent: 0, failed: 0, remaining: 0, retrying: 0, inDoubt: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    progress.total += n;
    progress.inDoubt += Number(row.doubt ?? 0);
    if (row.state === 'sent') progress.sent += n;
    else if (row.state === 'failed') progress.failed += n;
    else {
      progress.remaining += n;
      if (row.state === 'pending') progress.retrying += Number(row.tried ?? 0);
    }
  }
  return progress;
}

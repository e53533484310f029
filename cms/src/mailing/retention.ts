import type { Knex } from 'knex';
import { parisDay } from '@hub/integrations/paris-time';
import { SEND_TABLES } from './schema';

const DAY_MS = 86_400_000;

interface SendLogPurgeDeps {
  knex: Knex;
  /** `newsletterSendLog` of the retention periods (RETENTION_NEWSLETTER_SEND_LOG_DAYS). */
  days: number;
  now: () => number;
  pollMs: number;
  log: { info(message: string): void; error(message: string): void };
}

/**
 * Deletes who received what (the per-recipient rows of hub_send_log: address, topic, outcome) of
 * the mailings finished more than `days` days ago. The mailing itself (hub_send_jobs: what was
 * sent, when) stays. Rows of an unfinished mailing are never touched: the worker still sends them.
 */
export async function purgeSendLog(knex: Knex, days: number, now: number): Promise<number> {
  const before = now - days * DAY_MS;
  return knex(SEND_TABLES.log)
    .whereIn('job_id', (q) => q.select('id').from(SEND_TABLES.jobs).where('state', 'done').where('finished_at', '<', before))
    .delete();
}

/**
 * Runs the purge once per Paris day in this CMS process (at start, then checked every `pollMs`).
 * Two CMS instances may both run it the same day: deleting what is already gone changes nothing.
 */
export function createSendLogPurge(deps: SendLogPurgeDeps) {
  let timer: NodeJS.Timeout | null = null;
  let doneDay = '';
  async function check(): Promise<void> {
    const now = deps.now();
    const day = parisDay(new Date(now));
    if (day === doneDay) return;
    const deleted = await purgeSendLog(deps.knex, deps.days, now);
    doneDay = day;
    if (deleted) deps.log.info(`retention: ${deleted} send log rows older than ${deps.days} days deleted`);
  }
  const run = () => void check().catch((error) => deps.log.error(`retention: send log purge failed: ${(error as Error).message}`));
  return {
    start() {
      run();
      timer = setInterval(run, deps.pollMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
    check,
  };
}

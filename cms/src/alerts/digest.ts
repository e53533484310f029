import type { Knex } from 'knex';
import { personalise, type MessageContext } from '../mailing/broadcast';
import { jobByKey, latestJobOfKind, type Job } from '../mailing/jobs';
import type { Mailing } from '../mailing';
import type { NewRecipient } from '../mailing/log';
import type { JobKind, SenderLog } from '../mailing/worker';
import { recipientsOf } from '../subscriptions/recipients';
import { latestDigestTime } from './clock';
import { renderDigest, type AlertMailOptions } from './render';
import { addDigestEntries, alertsBetween, digestAlertIds, type StoredAlert } from './store';

/** A digest job: the alerts recorded in (from, to] for the daily subscribers of their topics. */
export interface DigestContent {
  day: string;
  from: number;
  to: number;
}

const DAY_MS = 24 * 3600_000;
const PAGE = 1000;

/**
 * Once a day, at `hour` Paris time, one digest job (key `digest:<day>`, so one per day whatever
 * the number of instances). It covers everything since the previous digest: a CMS that was off at
 * the digest hour catches up with one e-mail, not several. `now` is injected (tests move it).
 */
export function createDigestScheduler(deps: { knex: Knex; mailing: Mailing; hour: number; now: () => number; pollMs: number; log: SenderLog }) {
  let timer: NodeJS.Timeout | null = null;

  async function check(): Promise<void> {
    const due = latestDigestTime(deps.now(), deps.hour);
    const key = `digest:${due.day}`;
    if (await jobByKey(deps.knex, key)) return;
    const previous = await latestJobOfKind(deps.knex, 'digest');
    const from = previous ? (previous.content as DigestContent).to : due.at - DAY_MS;
    if (from >= due.at) return;
    const content: DigestContent = { day: due.day, from, to: due.at };
    if ((await deps.mailing.enqueue({ key, kind: 'digest', content })) !== null) deps.log.info(`alerts: digest of ${due.day} started`);
  }

  const run = () => void check().catch((error) => deps.log.error(`alerts: digest check failed: ${(error as Error).message}`));
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

/** Sending a digest: who gets which alerts (copied once), then one e-mail per subscriber. */
export function digestKind(ctx: MessageContext, options: AlertMailOptions, priority: number): JobKind {
  let cached: { jobId: number; alerts: Map<number, StoredAlert> } | null = null;
  const alertsOf = async (job: Job) => {
    if (cached?.jobId !== job.id) {
      const content = job.content as DigestContent;
      const alerts = await alertsBetween(ctx.knex, content.from, content.to);
      cached = { jobId: job.id, alerts: new Map(alerts.map((a) => [a.id, a])) };
    }
    return cached.alerts;
  };

  return {
    priority,
    async snapshot(job, add) {
      for (const alert of (await alertsOf(job)).values()) {
        // Someone who takes one of the alert's topics « à chaque publication » had it at once: not again in the digest.
        const immediate = new Set<number>();
        const daily = new Map<number, NewRecipient>();
        for (const topic of alert.topics) {
          for (let after = 0; ; ) {
            const page = await recipientsOf(ctx.knex, [topic], after, PAGE);
            for (const r of page) {
              if (r.frequency === 'immediate') immediate.add(r.subscriberId);
              else if (!daily.has(r.subscriberId)) daily.set(r.subscriberId, { subscriberId: r.subscriberId, email: r.email, topic });
            }
            if (page.length < PAGE) break;
            after = page[page.length - 1]!.subscriberId;
          }
        }
        const recipients = [...daily.values()].filter((r) => !immediate.has(r.subscriberId));
        await addDigestEntries(ctx.knex, recipients.map((r) => ({ jobId: job.id, subscriberId: r.subscriberId, alertId: alert.id })));
        await add(recipients);
      }
    },
    async compose(job, row) {
      const alerts = await alertsOf(job);
      const mine = (await digestAlertIds(ctx.knex, job.id, row.subscriberId)).map((id) => alerts.get(id)!).filter(Boolean);
      const template = renderDigest(
        mine.map((a) => a.payload),
        new Date((job.content as DigestContent).to),
        options,
      );
      return personalise(ctx, job, row, template);
    },
  };
}

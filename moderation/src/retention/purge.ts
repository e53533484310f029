import { parisDay } from '@hub/integrations/paris-time';
import { retentionCutoff, type RetentionPeriods } from '@hub/integrations/privacy';
import { audit } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { purgeLetterbox } from './letterbox.ts';
import { anonymiseClaims, claimDay, clearAuditDetails, purgeItems, purgeOncall, purgeVisitorHashes } from './store.ts';

/** Rows purged or anonymised per kind by one run: what the audit entry and the log say. */
export interface PurgeCounts {
  queueItems: number;
  refusedItems: number;
  contactMessages: number;
  itemEvents: number;
  visitorHashes: number;
  claimPersonalFields: number;
  oncallEmails: number;
  oncallNotices: number;
  auditDetails: number;
  /** E-mails of the demo letterbox (no SMTP_URL), after the longest of the mail periods. */
  letterboxEmails: number;
}

/** Settled items: never new, held or escalated ones (a moderator has not decided yet). */
const PUBLIC_STATES = ['approved', 'answered'];
const REFUSED_STATES = ['rejected', 'hidden', 'deleted'];
const CONTACT = 'site_contact';

/** Runs every purge once, with the cutoffs of `now`. */
export async function purgeAll(db: Db, periods: RetentionPeriods, now: Date, letterbox?: string): Promise<PurgeCounts> {
  const before = (key: Parameters<typeof retentionCutoff>[1]) => retentionCutoff(periods, key, now).toISOString();
  const published = await purgeItems(db, { states: PUBLIC_STATES, sources: { except: [CONTACT] }, before: before('queueItems') });
  const refused = await purgeItems(db, { states: REFUSED_STATES, sources: { except: [CONTACT] }, before: before('refusedItems') });
  const contact = await purgeItems(db, { states: [...PUBLIC_STATES, ...REFUSED_STATES], sources: { only: [CONTACT] }, before: before('contactMessages') });
  const oncall = await purgeOncall(db, before('oncallEmails'));
  return {
    queueItems: published.items,
    refusedItems: refused.items,
    contactMessages: contact.items,
    itemEvents: published.events + refused.events + contact.events,
    visitorHashes: await purgeVisitorHashes(db, retentionCutoff(periods, 'visitorHashes', now)),
    claimPersonalFields: await anonymiseClaims(db, before('claimPersonalFields')),
    oncallEmails: oncall.deliveries,
    oncallNotices: oncall.notices,
    auditDetails: await clearAuditDetails(db, before('auditDetails')),
    // On-call alerts and tenants' e-mails share the folder: the longer of their periods.
    letterboxEmails: letterbox ? purgeLetterbox(letterbox, new Date(Math.min(retentionCutoff(periods, 'oncallEmails', now).getTime(), retentionCutoff(periods, 'newsletterSendLog', now).getTime()))) : 0,
  };
}

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  periods: RetentionPeriods;
  /** The demo letterbox's folder (HUB_DATA_DIR/letterbox), purged too. */
  letterbox?: string;
}

/**
 * The daily purge. `runToday` claims the Paris day in `retention_runs` first: with several
 * moderation processes on one PostgreSQL, exactly one purges each day, the others return null.
 * A process that dies mid-run leaves its day claimed: the next day's cutoffs cover what it missed.
 */
export function createRetention({ db, clock, periods, letterbox }: RetentionDeps) {
  return {
    async runToday(): Promise<PurgeCounts | null> {
      const now = clock();
      const at = now.toISOString();
      const day = parisDay(now);
      if (!(await claimDay(db, day, at))) return null;
      const counts = await purgeAll(db, periods, now, letterbox);
      const finishedAt = clock().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('retention_runs').set({ finished_at: finishedAt, counts: JSON.stringify(counts) }).where('day', '=', day).execute();
        // A day with nothing to purge is recorded in retention_runs only: the journal keeps what changed.
        if (Object.values(counts).some((n) => n > 0)) await audit(trx, { actor: 'system', action: 'retention.purge', targetType: 'retention', targetId: day, after: counts, at: finishedAt });
      });
      return counts;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;

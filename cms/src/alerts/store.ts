import type { Knex } from 'knex';
import type { BroadcastContent } from '../mailing/broadcast';
import { createJob } from '../mailing/jobs';
import type { MailTemplate } from '../mailing/template';
import type { AlertEvent, AlertPayload } from './events';
import { ALERT_TABLES } from './schema';

export interface StoredAlert {
  id: number;
  topics: string[];
  payload: AlertPayload;
  createdAt: number;
}

interface AlertRow {
  id: number | string;
  topics: string;
  payload: string;
  created_at: number | string;
}

const toAlert = (r: AlertRow): StoredAlert => ({ id: Number(r.id), topics: JSON.parse(r.topics), payload: JSON.parse(r.payload), createdAt: Number(r.created_at) });

/**
 * Records the event and the job that sends it to immediate subscribers, in one transaction: a
 * crash leaves either both or neither. Returns the alert id, or null when the event was already
 * recorded (a second publication, another instance).
 */
export async function recordAlert(knex: Knex, event: AlertEvent, template: MailTemplate, now: number): Promise<number | null> {
  return knex.transaction(async (trx) => {
    const inserted = (await trx(ALERT_TABLES.alerts)
      .insert({ key: event.key, kind: event.payload.kind, topics: JSON.stringify(event.topics), payload: JSON.stringify(event.payload), created_at: now })
      .onConflict('key')
      .ignore()
      .returning('id')) as Array<{ id: number } | number>;
    const first = inserted[0];
    if (first === undefined) return null;
    const alertId = Number(typeof first === 'object' ? first.id : first);
    const content: BroadcastContent & { alertId: number } = { alertId, topics: event.topics, frequency: 'immediate', template };
    await createJob(trx, { key: `alert:${alertId}`, kind: 'alert', content, now });
    return alertId;
  });
}

/** Alerts recorded in (from, to], oldest first: what a digest covers. */
export async function alertsBetween(knex: Knex, from: number, to: number): Promise<StoredAlert[]> {
  const rows = await knex<AlertRow>(ALERT_TABLES.alerts).where('created_at', '>', from).andWhere('created_at', '<=', to).orderBy('id');
  return rows.map(toAlert);
}

export async function addDigestEntries(knex: Knex, entries: Array<{ jobId: number; subscriberId: number; alertId: number }>): Promise<void> {
  for (let i = 0; i < entries.length; i += 300) {
    const rows = entries.slice(i, i + 300).map((e) => ({ job_id: e.jobId, subscriber_id: e.subscriberId, alert_id: e.alertId }));
    await knex(ALERT_TABLES.digestEntries).insert(rows).onConflict(['job_id', 'subscriber_id', 'alert_id']).ignore();
  }
}

export async function digestAlertIds(knex: Knex, jobId: number, subscriberId: number): Promise<number[]> {
  const rows = await knex(ALERT_TABLES.digestEntries).where({ job_id: jobId, subscriber_id: subscriberId }).orderBy('alert_id').select('alert_id');
  return rows.map((r: { alert_id: number | string }) => Number(r.alert_id));
}

import type { Knex } from 'knex';
import type { MailMessage } from '@hub/integrations/mail';
import { preferencesUrl, recipientsOf, unsubscribeUrl, type SubscriptionLinks } from '../subscriptions/recipients';
import type { Job } from './jobs';
import type { LogRow, NewRecipient } from './log';
import { fillTemplate, type MailTemplate } from './template';
import type { JobKind } from './worker';
import type { Clock } from '../hub/clock';

/** A newsletter issue or an alert: one message for everyone subscribed to its topics. */
export interface BroadcastContent {
  /** In order of preference: a subscriber of several gets it once, under the first. */
  topics: string[];
  /** Only subscribers who chose this frequency (alerts: 'immediate'; the daily ones get the digest). */
  frequency?: 'immediate' | 'daily';
  template: MailTemplate;
}

const PAGE = 1000;

/** Pages through the topic's active subscribers (keyset on subscriber id) into the log. */
export async function snapshotTopics(
  knex: Knex,
  topics: string[],
  frequency: 'immediate' | 'daily' | undefined,
  add: (recipients: NewRecipient[]) => Promise<void>,
): Promise<void> {
  for (const topic of topics) {
    for (let after = 0; ; ) {
      const page = await recipientsOf(knex, [topic], after, PAGE);
      const wanted = frequency ? page.filter((r) => r.frequency === frequency) : page;
      if (wanted.length) await add(wanted.map((r) => ({ subscriberId: r.subscriberId, email: r.email, topic })));
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.subscriberId;
    }
  }
}

/** `Message-ID` made of the job and the subscriber: a copy sent again after a crash carries the same id, which many mail apps fold into one. */
export function messageIdFor(job: Job, row: LogRow, fromAddress: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(fromAddress)?.[1] ?? 'hub.invalid';
  return `<hub-${job.kind}-${job.id}-${row.subscriberId}@${domain}>`;
}

export interface MessageContext {
  knex: Knex;
  links: SubscriptionLinks;
  from: string;
  clock: Clock;
}

/** The headers and links every message to a subscriber carries. */
export function personalise(ctx: MessageContext, job: Job, row: LogRow, template: MailTemplate): MailMessage {
  const unsubscribe = unsubscribeUrl(ctx.links, row.subscriberId, row.topic);
  const filled = fillTemplate(template, { unsubscribe, preferences: preferencesUrl(ctx.links, row.subscriberId, ctx.clock()) });
  return {
    to: row.email,
    subject: filled.subject,
    text: filled.text,
    html: filled.html,
    unsubscribeUrl: unsubscribe,
    headers: { 'Message-ID': messageIdFor(job, row, ctx.from), 'X-Hub-Mailing': `${job.kind}-${job.id}` },
  };
}

export function broadcastKind(ctx: MessageContext, priority: number): JobKind {
  return {
    priority,
    snapshot: (job, add) => {
      const content = job.content as BroadcastContent;
      return snapshotTopics(ctx.knex, content.topics, content.frequency, add);
    },
    compose: (job, row) => personalise(ctx, job, row, (job.content as BroadcastContent).template),
  };
}

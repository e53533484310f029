import path from 'node:path';
import { createMailer } from '@hub/integrations/mail';
import { createCalendarBook, isOfficeHours } from '../calendar/index.ts';
import type { Clock } from '../clock.ts';
import type { ModerationConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { createRoster } from '../oncall/roster.ts';
import type { Delivery } from '../outbox/worker.ts';
import { remembered } from '../settings/store.ts';
import { onCallEmailDelivery, onCallWebhookDelivery } from './deliveries.ts';
import { createEscalation } from './service.ts';
import { createEscalationSettings } from './settings-book.ts';

/** How long values read for every new item are remembered (calendar, escalation settings, on-call). */
const REREAD_MS = 3_000;

interface EscalationWiring {
  db: Db;
  config: ModerationConfig;
  clock: Clock;
  logger: Logger;
  /** Where the on-call e-mail and webhook are registered (the outbox's deliveries). */
  deliveries: Record<string, Delivery>;
  /** Wakes the outbox worker. */
  kick: () => void;
}

/**
 * The weekend crisis procedure: the office calendar, the on-call roster (provisioned from
 * ONCALL_ROSTER), the escalation settings, the escalation of new items, the on-call deliveries
 * and the timer that calls level 2.
 */
export async function wireEscalation({ db, config, clock, logger, deliveries, kick }: EscalationWiring) {
  const calendar = createCalendarBook({ db, clock, log: (m) => logger.warn(m) });
  const roster = createRoster({ db, clock });
  const provisioned = await roster.provision(config.ONCALL_ROSTER);
  if (provisioned.added || provisioned.updated) logger.info({ subsystem: 'oncall', ...provisioned }, 'on-call roster provisioned from ONCALL_ROSTER');
  if (!config.ONCALL_WEBHOOK_SECRET && (await roster.list()).some((m) => m.webhookUrl)) {
    logger.warn(
      { subsystem: 'oncall' },
      'ONCALL_WEBHOOK_SECRET n’est pas défini : les webhooks d’astreinte (SMS, chat) ne seront pas envoyés, seuls les e-mails partiront. Définissez ONCALL_WEBHOOK_SECRET.',
    );
  }
  const escalationSettings = createEscalationSettings({ db, clock });
  // Read for every new item: remembered a few seconds (an edit on another worker applies within them).
  const calendarNow = remembered(REREAD_MS, () => calendar.current());
  const settingsNow = remembered(REREAD_MS, () => escalationSettings.read());
  const onCall = [remembered(REREAD_MS, () => roster.onCallAt(clock(), 1)), remembered(REREAD_MS, () => roster.onCallAt(clock(), 2))] as const;
  const escalation = createEscalation({
    db,
    clock,
    isOfficeHours: async (at) => isOfficeHours(at, await calendarNow.get()),
    onCallAt: (_at, level) => onCall[level - 1]!.get(),
    readSettings: () => settingsNow.get(),
    kick,
  });
  const mailer = createMailer({ url: config.SMTP_URL, from: config.MAIL_FROM, letterbox: path.join(config.HUB_DATA_DIR, 'letterbox') });
  const onCallDeliveries = { escalation, mailer, clock, consoleUrl: config.MODERATION_PUBLIC_URL, ackSecret: escalationSettings.ackSecret, webhookSecret: config.ONCALL_WEBHOOK_SECRET, ackLinkHours: config.ONCALL_ACK_LINK_HOURS };
  deliveries.oncall_email = onCallEmailDelivery(onCallDeliveries);
  deliveries.oncall_webhook = onCallWebhookDelivery(onCallDeliveries);
  // Level 2 for crises left unacknowledged: a worker's job (MODERATION_ROLES).
  const timer = config.MODERATION_ROLES.workers ? setInterval(() => void escalation.tick().catch((error) => logger.warn({ err: error }, 'escalation tick failed')), config.ESCALATION_TICK_SECONDS * 1000) : undefined;
  timer?.unref();

  return {
    calendar,
    roster,
    escalation,
    escalationSettings,
    stop() {
      clearInterval(timer);
      mailer.close();
    },
  };
}

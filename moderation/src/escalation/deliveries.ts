import { signedHeaders } from '@hub/integrations/contracts';
import type { Mailer } from '@hub/integrations/mail';
import type { OutboxTable } from '../db/schema.ts';
import { IntegrationError } from '@hub/integrations/errors';
import type { Delivery } from '../outbox/worker.ts';
import { ACK_LINK_HOURS, ackToken } from './ack.ts';
import { onCallMessage } from './message.ts';
import type { Escalation } from './service.ts';
import type { Clock } from '../clock.ts';

export interface OnCallDeliveryDeps {
  escalation: Escalation;
  mailer: Mailer;
  /** The console's public address (links in the messages). */
  consoleUrl: string;
  ackSecret: () => Promise<string>;
  webhookSecret: string;
  clock: Clock;
  /** How long the acknowledgement links work (ONCALL_ACK_LINK_HOURS, 72 by default). */
  ackLinkHours?: number;
}

interface PagePayload {
  crisisId: string;
  level: number;
  memberId: string;
  name: string;
}

async function compose(deps: OnCallDeliveryDeps, row: OutboxTable) {
  const payload = JSON.parse(row.payload ?? '{}') as PagePayload;
  const crisis = await deps.escalation.crisis(payload.crisisId);
  if (!crisis) throw new IntegrationError('Crise introuvable.', { retryable: false });
  const items = await deps.escalation.items(crisis.id);
  const base = deps.consoleUrl.replace(/\/+$/, '');
  const ackUrl = `${base}/astreinte/prise-en-charge?jeton=${encodeURIComponent(ackToken(await deps.ackSecret(), { crisisId: crisis.id, memberId: payload.memberId, level: payload.level }, new Date(deps.clock().getTime() + (deps.ackLinkHours ?? ACK_LINK_HOURS) * 3_600_000)))}`;
  const consoleUrl = `${base}/#/crises/${crisis.id}`;
  const emergencyClaim = items.some((i) => i.request_category) && JSON.parse(crisis.reasons).includes('emergency');
  return { payload, crisis, items, ackUrl, consoleUrl, emergencyClaim };
}

/** The on-call e-mail. A crisis acknowledged or closed meanwhile is not sent any more. */
export function onCallEmailDelivery(deps: OnCallDeliveryDeps): Delivery {
  return async (row) => {
    const c = await compose(deps, row);
    if (c.crisis.state !== 'open' || (c.crisis.acknowledged_at && c.payload.level > 1)) return { resultExternalId: null, note: 'superseded' };
    const message = onCallMessage({ crisis: c.crisis, items: c.items, level: c.payload.level, name: c.payload.name, consoleUrl: c.consoleUrl, ackUrl: c.ackUrl, emergencyClaim: c.emergencyClaim });
    try {
      const sent = await deps.mailer.send({ to: row.target_external_id, subject: message.subject, text: message.text, html: message.html, headers: { 'X-Hub-Crisis': c.crisis.id } });
      return { resultExternalId: sent.messageId };
    } catch (error) {
      const permanent = (error as { permanent?: boolean }).permanent === true;
      throw new IntegrationError((error as Error).message, { retryable: !permanent, cause: error });
    }
  };
}

/** Why an on-call webhook is not sent: unsigned, its receiver could not tell it from a forged one. */
export const ONCALL_WEBHOOK_SECRET_MISSING = 'Webhook d’astreinte non envoyé : ONCALL_WEBHOOK_SECRET n’est pas défini, le message ne pourrait pas être signé. Définissez-le (et donnez-le au fournisseur SMS ou chat) ; les e-mails d’astreinte partent toujours.';

/**
 * The generic webhook (SMS gateway, chat): JSON signed like the hub's other notices
 * (`X-Hub-Timestamp`, `X-Hub-Signature-256` = HMAC-SHA256 of `timestamp.body`), with an
 * `Idempotency-Key` that stays the same across retries so the provider can drop a repeat. Without
 * ONCALL_WEBHOOK_SECRET nothing is sent: the delivery fails for good (never signed with an empty key).
 */
export function onCallWebhookDelivery(deps: OnCallDeliveryDeps): Delivery {
  return async (row, context) => {
    const c = await compose(deps, row);
    if (c.crisis.state !== 'open') return { resultExternalId: null, note: 'superseded' };
    if (!deps.webhookSecret) throw new IntegrationError(ONCALL_WEBHOOK_SECRET_MISSING, { kind: 'refused', retryable: false });
    const message = onCallMessage({ crisis: c.crisis, items: c.items, level: c.payload.level, name: c.payload.name, consoleUrl: c.consoleUrl, ackUrl: c.ackUrl, emergencyClaim: c.emergencyClaim });
    const body = JSON.stringify({
      type: 'astreinte.alerte',
      crisisId: c.crisis.id,
      level: c.payload.level,
      to: c.payload.name,
      title: message.subject,
      summary: message.text.split('\n').slice(0, 8).join('\n'),
      itemCount: c.crisis.item_count,
      ackUrl: c.ackUrl,
      consoleUrl: c.consoleUrl,
    });
    let res: Response;
    try {
      res = await fetch(row.target_external_id, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': row.idempotency_key,
          ...signedHeaders(deps.webhookSecret, body, deps.clock()),
        },
        body,
        // 10 s, and sooner if the outbox worker abandons the delivery (its deadline, a lost lease).
        signal: context ? AbortSignal.any([AbortSignal.timeout(10_000), context.signal]) : AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new IntegrationError(`Webhook d’astreinte injoignable : ${(error as Error).message}`, { retryable: true, cause: error });
    }
    await res.body?.cancel();
    if (res.ok) return { resultExternalId: null };
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new IntegrationError(`Webhook d’astreinte : réponse ${res.status}`, { retryable });
  };
}

/**
 * Outside office hours, an urgent tenant request becomes a claim at once: the escalation writes
 * an `open_claim` row in the item's transaction, and this opens the claim (idempotent per item).
 */
export function openClaimDelivery(claims: { openFromItem(itemId: string, options: { actor: string; emergency?: boolean }): Promise<{ reference: string }> }): Delivery {
  return async (row) => {
    const claim = await claims.openFromItem(row.target_external_id, { actor: 'astreinte', emergency: true });
    return { resultExternalId: claim.reference };
  };
}

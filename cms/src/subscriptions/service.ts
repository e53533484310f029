import type { Knex } from 'knex';
import type {
  ConfirmAnswer,
  ConsentAnswer,
  EraseAnswer,
  PreferencesAnswer,
  PreferencesLinkAnswer,
  SubscribeAnswer,
  UnsubscribeAnswer,
  UpdateAnswer,
} from '@hub/integrations/contracts';
import type { Mailer } from '@hub/integrations/mail';
import type { TopicCatalog } from './catalog';
import { CONSENT_TEXTS, CURRENT_CONSENT_VERSION, isKnownConsentVersion } from './consent';
import { normalizeEmail } from './email-address';
import { SubscriptionError } from './errors';
import { createLimiter, LIMITS, type Limit } from './limits';
import { confirmationMail, preferencesLinkMail, type MailContent } from './messages';
import { PREFERENCES_LINK_DAYS, preferencesUrl, unsubscribeUrl, type SubscriptionLinks } from './recipients';
import * as store from './store';
import { expiryAfter, signToken, verifyToken } from './tokens';
import { allowsDigest, parseTopic, type Frequency } from './topics';
import { classifyRefusal } from '../mailing/refusals';

/** How long a confirmation link stays valid. */
export const CONFIRM_LINK_HOURS = 48;
/** Unsubscribe link meaning « every topic » (the preferences-link e-mail carries it). */
export const ALL_TOPICS = '*';

export interface SubscriptionDeps {
  knex: Knex;
  links: SubscriptionLinks;
  mailer: Pick<Mailer, 'send'>;
  catalog: TopicCatalog;
  /** The landlord's name, as e-mails sign. */
  siteName: string;
  /** Requests per IP address and per hour (LIMITS.perIp by default). */
  perIpPerHour?: number;
  now: () => Date;
  log?: { info(message: string): void; warn(message: string): void };
}

export interface SubscriptionView {
  topic: string;
  label: string;
  status: 'pending' | 'active';
  frequency: Frequency;
  /** Whether a daily digest can be chosen (alerts only). */
  digest: boolean;
}

function readFrequency(topic: string, value: unknown): Frequency {
  if (value === undefined || value === null || value === '') return 'immediate';
  if (value !== 'immediate' && value !== 'daily') throw new SubscriptionError('invalid_frequency');
  return allowsDigest(topic) ? value : 'immediate';
}

function readEmail(value: unknown): string {
  const check = normalizeEmail(value);
  if (check.ok) return check.email;
  throw new SubscriptionError(check.reason === 'missing' ? 'missing_email' : check.reason === 'too_long' ? 'email_too_long' : 'invalid_email');
}

/**
 * The use cases behind the site's forms and links. Every input is checked here; the answers are
 * the contract's (@hub/integrations/contracts, subscriptions.ts), which the site parses.
 */
export function createSubscriptionService(deps: SubscriptionDeps) {
  const { knex, links, mailer, catalog, siteName } = deps;
  const { now } = deps;
  const log = deps.log ?? { info() {}, warn() {} };
  const secret = links.secret;
  const limiter = createLimiter(knex, secret);
  const siteUrl = links.publicSiteUrl.replace(/\/+$/, '');
  const perIp = { ...LIMITS.perIp, max: deps.perIpPerHour ?? LIMITS.perIp.max };

  function open() {
    if (!secret) throw new SubscriptionError('closed');
  }

  async function limited(limit: Limit, key: string) {
    if (!(await limiter.hit(limit, key, now()))) throw new SubscriptionError('too_many_requests');
  }

  const preferencesToken = (subscriberId: number) =>
    signToken(secret, { p: 'preferences', s: subscriberId, x: expiryAfter(now(), PREFERENCES_LINK_DAYS * 24) });

  async function send(to: string, content: MailContent, unsubscribe: string) {
    await mailer.send({ to, subject: content.subject, text: content.text, html: content.html, unsubscribeUrl: unsubscribe, headers: { 'X-Hub-Mail': 'subscription' } });
  }

  async function labelOrFallback(topic: string) {
    return (await catalog.labelOf(topic)) ?? (topic.startsWith('worksite:') ? 'Alertes d’un chantier qui n’est plus en ligne' : topic);
  }

  function verified<P extends 'confirm' | 'unsubscribe' | 'preferences'>(token: unknown, purpose: P) {
    open();
    const check = verifyToken(secret, token, purpose, now());
    if (check.ok) return check.payload;
    if (check.reason === 'expired') throw new SubscriptionError(purpose === 'confirm' ? 'confirm_link_expired' : 'preferences_link_expired');
    throw new SubscriptionError('link_invalid');
  }

  async function subscriberOf(token: unknown) {
    const payload = verified(token, 'preferences');
    const subscriber = await store.subscriberById(knex, payload.s);
    if (!subscriber) throw new SubscriptionError('link_outdated');
    return subscriber;
  }

  return {
    /** The consent sentence shown next to the forms, and its version. */
    consent(): ConsentAnswer {
      return { version: CURRENT_CONSENT_VERSION, text: CONSENT_TEXTS[CURRENT_CONSENT_VERSION]! };
    },

    /**
     * A form sent: checks everything, then either « already subscribed » (nothing sent), or the
     * pending subscription and one confirmation e-mail (at most one per address and topic
     * every 10 minutes). Nothing is stored for an invalid request or a flood.
     */
    async subscribe(input: { email: unknown; topic: unknown; frequency?: unknown; consentVersion: unknown; ip: string }): Promise<SubscribeAnswer> {
      open();
      await limited(perIp, input.ip || 'unknown');
      const email = readEmail(input.email);
      const topic = typeof input.topic === 'string' && parseTopic(input.topic) ? input.topic : null;
      if (!topic) throw new SubscriptionError('unknown_topic');
      const frequency = readFrequency(topic, input.frequency);
      if (!isKnownConsentVersion(input.consentVersion)) throw new SubscriptionError('unknown_consent');
      const label = await catalog.labelOf(topic);
      if (!label) throw new SubscriptionError('unknown_topic');
      await limited(LIMITS.perEmail, email);

      const subscriber = await store.subscriberByEmail(knex, email);
      const existing = subscriber ? await store.subscription(knex, subscriber.id, topic) : null;
      if (subscriber?.status === 'active' && existing?.status === 'active') return { state: 'already', label };

      const throttle = `${email} ${topic}`;
      // Already sent a moment ago (double click, impatient reload): say so, send nothing.
      if (!(await limiter.hit(LIMITS.confirmation, throttle, now()))) return { state: 'sent', label };
      const at = now();
      const { subscriberId, createdSubscriber } = await store.requestSubscription(knex, { email, topic, frequency, consentVersion: input.consentVersion, at });
      const confirmToken = signToken(secret, { p: 'confirm', s: subscriberId, t: topic, x: expiryAfter(at, CONFIRM_LINK_HOURS) });
      const content = confirmationMail({
        siteName,
        label,
        hours: CONFIRM_LINK_HOURS,
        confirmUrl: `${siteUrl}/abonnements/confirmation?jeton=${encodeURIComponent(confirmToken)}`,
        unsubscribeUrl: unsubscribeUrl(links, subscriberId, topic),
        preferencesUrl: preferencesUrl(links, subscriberId, now()),
      });
      try {
        await send(email, content, unsubscribeUrl(links, subscriberId, topic));
      } catch (error) {
        await limiter.release(LIMITS.confirmation, throttle, at);
        // An address that cannot receive the confirmation is not kept.
        if (createdSubscriber) await store.forget(knex, subscriberId);
        const permanent = classifyRefusal(error).kind === 'permanent';
        log.warn(`subscriptions: confirmation for ${topic} not sent (subscriber #${subscriberId}): ${permanent ? 'refused' : 'temporary failure'}`);
        throw new SubscriptionError(permanent ? 'mail_refused' : 'mail_unavailable');
      }
      log.info(`subscriptions: confirmation sent for ${topic} (subscriber #${subscriberId})`);
      return { state: 'sent', label };
    },

    /** The confirmation link: `apply` false only says what a click would do (the page shows a button). */
    async confirm(input: { token: unknown; apply: boolean }): Promise<ConfirmAnswer> {
      const payload = verified(input.token, 'confirm');
      const subscriber = await store.subscriberById(knex, payload.s);
      const row = subscriber ? await store.subscription(knex, payload.s, payload.t) : null;
      if (!subscriber || !row || row.status === 'unsubscribed') throw new SubscriptionError('link_outdated');
      const label = await labelOrFallback(payload.t);
      const token = preferencesToken(payload.s);
      if (row.status === 'active' && subscriber.status === 'active') return { state: 'already', label, preferencesToken: token };
      if (!input.apply) return { state: 'ready', label };
      await store.confirmSubscription(knex, payload.s, payload.t, now());
      log.info(`subscriptions: ${payload.t} confirmed (subscriber #${payload.s})`);
      return { state: 'confirmed', label, preferencesToken: token };
    },

    /** The unsubscribe link (also RFC 8058 one-click). Works forever; twice is harmless. Never answers with a preferences token. */
    async unsubscribe(input: { token: unknown; apply: boolean }): Promise<UnsubscribeAnswer> {
      const payload = verified(input.token, 'unsubscribe');
      const all = payload.t === ALL_TOPICS;
      const rows = (await store.subscriptionsOf(knex, payload.s)).filter((r) => (all || r.topic === payload.t) && r.status !== 'unsubscribed');
      const label = all ? 'Tous vos abonnements' : await labelOrFallback(payload.t);
      if (rows.length === 0) return { state: 'already', label };
      if (!input.apply) return { state: 'ready', label };
      for (const row of rows) await store.unsubscribe(knex, payload.s, row.topic, now());
      log.info(`subscriptions: ${payload.t} unsubscribed (subscriber #${payload.s})`);
      // No preferences link here: whoever holds the unsubscribe link (a forwarded newsletter) must
      // not reach the address, its export or its erasure. sendManagementLink mails one to the address.
      return { state: 'unsubscribed', label };
    },

    /**
     * « Recevoir un lien de gestion par e-mail », offered after unsubscribing: the preferences link
     * goes to the subscriber's own address, never to whoever clicked. The answer is the same
     * whatever happens (unknown or erased subscriber, limit reached, mail failure).
     */
    async sendManagementLink(input: { token: unknown }): Promise<PreferencesLinkAnswer> {
      const payload = verified(input.token, 'unsubscribe');
      const subscriber = await store.subscriberById(knex, payload.s);
      if (!subscriber || !(await limiter.hit(LIMITS.preferencesLink, subscriber.email, now()))) return { state: 'sent' };
      const content = preferencesLinkMail({ siteName, preferencesUrl: preferencesUrl(links, subscriber.id, now()), days: PREFERENCES_LINK_DAYS });
      try {
        await send(subscriber.email, content, unsubscribeUrl(links, subscriber.id, ALL_TOPICS));
        log.info(`subscriptions: management link sent after unsubscribe (subscriber #${subscriber.id})`);
      } catch (error) {
        log.warn(`subscriptions: management link not sent (subscriber #${subscriber.id}): ${(error as Error).name}`);
      }
      return { state: 'sent' };
    },

    /** The preferences page: the address and its current subscriptions. */
    async preferences(input: { token: unknown }): Promise<PreferencesAnswer> {
      const subscriber = await subscriberOf(input.token);
      const rows = (await store.subscriptionsOf(knex, subscriber.id)).filter((r) => r.status !== 'unsubscribed');
      const subscriptions: SubscriptionView[] = [];
      for (const r of rows) {
        subscriptions.push({ topic: r.topic, label: await labelOrFallback(r.topic), status: r.status as 'pending' | 'active', frequency: r.frequency, digest: allowsDigest(r.topic) });
      }
      return { email: subscriber.email, subscriptions };
    },

    async update(input: { token: unknown; topic: unknown; action: unknown; frequency?: unknown }): Promise<UpdateAnswer> {
      const subscriber = await subscriberOf(input.token);
      const topic = typeof input.topic === 'string' ? input.topic : '';
      const row = topic ? await store.subscription(knex, subscriber.id, topic) : null;
      if (!row || row.status === 'unsubscribed') throw new SubscriptionError('unknown_topic');
      const label = await labelOrFallback(topic);
      if (input.action === 'unsubscribe') {
        await store.unsubscribe(knex, subscriber.id, topic, now());
        return { state: 'unsubscribed', label };
      }
      if (input.action !== 'frequency') throw new SubscriptionError('bad_request');
      if (!allowsDigest(topic) || (input.frequency !== 'immediate' && input.frequency !== 'daily')) throw new SubscriptionError('invalid_frequency');
      await store.setFrequency(knex, subscriber.id, topic, input.frequency);
      return { state: 'updated', label };
    },

    /** Everything stored about the address, with the consent texts it agreed to. */
    async exportData(input: { token: unknown }) {
      const subscriber = await subscriberOf(input.token);
      const data = (await store.exportOf(knex, subscriber.id))!;
      const versions = new Set(data.consents.map((c) => c.consent_version).filter((v): v is string => typeof v === 'string'));
      return {
        exportedAt: now().toISOString(),
        ...data,
        consentTexts: Object.fromEntries([...versions].map((v) => [v, CONSENT_TEXTS[v] ?? null])),
      };
    },

    /** Erases the address and everything about it; only an anonymous trace of the erasure stays. */
    async erase(input: { token: unknown; confirm: unknown }): Promise<EraseAnswer> {
      const subscriber = await subscriberOf(input.token);
      if (input.confirm !== true) throw new SubscriptionError('erase_not_confirmed');
      await store.erase(knex, subscriber.id, now());
      log.info(`subscriptions: subscriber #${subscriber.id} erased on request`);
      return { state: 'erased' };
    },

    /**
     * « I lost my link »: a fresh preferences link by e-mail. The answer is the same whether the
     * address is known or not, so the form tells nobody who is subscribed.
     */
    async sendPreferencesLink(input: { email: unknown; ip: string }): Promise<PreferencesLinkAnswer> {
      open();
      await limited(perIp, input.ip || 'unknown');
      const email = readEmail(input.email);
      const subscriber = await store.subscriberByEmail(knex, email);
      if (!subscriber || !(await limiter.hit(LIMITS.preferencesLink, email, now()))) return { state: 'sent' };
      const content = preferencesLinkMail({ siteName, preferencesUrl: preferencesUrl(links, subscriber.id, now()), days: PREFERENCES_LINK_DAYS });
      try {
        await send(email, content, unsubscribeUrl(links, subscriber.id, ALL_TOPICS));
        log.info(`subscriptions: preferences link sent (subscriber #${subscriber.id})`);
      } catch (error) {
        log.warn(`subscriptions: preferences link not sent (subscriber #${subscriber.id}): ${(error as Error).name}`);
      }
      return { state: 'sent' };
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;

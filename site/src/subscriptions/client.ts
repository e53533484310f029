import {
  confirmAnswerSchema,
  consentAnswerSchema,
  eraseAnswerSchema,
  exportAnswerSchema,
  preferencesAnswerSchema,
  preferencesLinkAnswerSchema,
  refusalSchema,
  subscribeAnswerSchema,
  unsubscribeAnswerSchema,
  updateAnswerSchema,
  type ConsentAnswer,
  type EraseRequest,
  type LinkActionRequest,
  type PreferencesAnswer,
  type PreferencesLinkRequest,
  type SubscribeRequest,
  type SubscriptionFrequency,
  type TokenRequest,
  type UpdateRequest,
} from '@hub/integrations/contracts';
import type { z } from 'zod';
import { config } from '../config.ts';

/**
 * The site's calls to the CMS's subscription routes (/api/hub/subscriptions/*), server to
 * server, authenticated by HUB_SUBSCRIPTIONS_TOKEN. The CMS checks everything and answers in
 * French; the site only shows its messages. The requests and the answers' schemas are the
 * contract's (@hub/integrations/contracts, subscriptions.ts), shared with the CMS.
 */
export class SubscriptionsUnavailableError extends Error {
  override name = 'SubscriptionsUnavailableError';
}

/** A refusal the visitor can act on: a stable code, the field it concerns, a French message. */
export interface Refusal {
  ok: false;
  status: number;
  code: string;
  field: string | null;
  message: string;
}
export type Answer<T> = { ok: true; data: T } | Refusal;


// Subscribing sends the confirmation e-mail before answering: give SMTP its time.
const TIMEOUT_MS = 15_000;

type Request = SubscribeRequest | TokenRequest | LinkActionRequest | UpdateRequest | EraseRequest | PreferencesLinkRequest;

async function call<T>(path: string, schema: z.ZodType<T>, body?: Request): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(`${config.CMS_URL}/api/hub/subscriptions${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', 'x-hub-subscriptions-token': config.HUB_SUBSCRIPTIONS_TOKEN },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new SubscriptionsUnavailableError(`CMS injoignable (${path}) : ${(error as Error).message}`);
  }
  const json: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SubscriptionsUnavailableError(`réponse inattendue du CMS (${path})`);
    return { ok: true, data: parsed.data };
  }
  const error = refusalSchema.safeParse(json);
  // Our own misconfiguration (401) or a CMS failure: not the visitor's to fix.
  if (res.status === 401 || (res.status >= 500 && res.status !== 503) || !error.success) {
    throw new SubscriptionsUnavailableError(`CMS : HTTP ${res.status} sur ${path}`);
  }
  return { ok: false, status: res.status, ...error.data.error };
}

export type Consent = ConsentAnswer;
export type Frequency = SubscriptionFrequency;
export type Preferences = PreferencesAnswer;

export const subscriptionsApi = {
  consent: () => call('/consent', consentAnswerSchema),
  subscribe: (input: SubscribeRequest) => call('/subscribe', subscribeAnswerSchema, input),
  confirm: (token: string, apply: boolean) => call('/confirm', confirmAnswerSchema, { token, apply } satisfies LinkActionRequest),
  unsubscribe: (token: string, apply: boolean) => call('/unsubscribe', unsubscribeAnswerSchema, { token, apply } satisfies LinkActionRequest),
  /** After unsubscribing: the CMS mails a preferences link to the subscriber's own address. */
  sendManagementLink: (token: string) => call('/unsubscribe/link', preferencesLinkAnswerSchema, { token } satisfies TokenRequest),
  preferences: (token: string) => call('/preferences', preferencesAnswerSchema, { token } satisfies TokenRequest),
  update: (input: UpdateRequest) => call('/preferences/update', updateAnswerSchema, input),
  exportData: (token: string) => call('/preferences/export', exportAnswerSchema, { token } satisfies TokenRequest),
  erase: (token: string, confirm: boolean) => call('/preferences/erase', eraseAnswerSchema, { token, confirm } satisfies EraseRequest),
  requestLink: (email: string, ip: string) => call('/preferences/link', preferencesLinkAnswerSchema, { email, ip } satisfies PreferencesLinkRequest),
};

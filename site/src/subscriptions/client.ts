import { z } from 'zod';
import { config } from '../config.ts';

/**
 * The site's calls to the CMS's subscription routes (/api/hub/subscriptions/*), server to
 * server, authenticated by HUB_SUBSCRIPTIONS_TOKEN. The CMS checks everything and answers in
 * French; the site only shows its messages.
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

const refusal = z.object({ error: z.object({ code: z.string(), field: z.string().nullable(), message: z.string() }) });

// Subscribing sends the confirmation e-mail before answering: give SMTP its time.
const TIMEOUT_MS = 15_000;

async function call<T>(path: string, schema: z.ZodType<T>, body?: Record<string, unknown>): Promise<Answer<T>> {
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
  const error = refusal.safeParse(json);
  // Our own misconfiguration (401) or a CMS failure: not the visitor's to fix.
  if (res.status === 401 || (res.status >= 500 && res.status !== 503) || !error.success) {
    throw new SubscriptionsUnavailableError(`CMS : HTTP ${res.status} sur ${path}`);
  }
  return { ok: false, status: res.status, ...error.data.error };
}

const consent = z.object({ version: z.string(), text: z.string() });
export type Consent = z.infer<typeof consent>;
const outcome = <S extends [string, ...string[]]>(...states: S) =>
  z.object({ state: z.enum(states), label: z.string().optional(), preferencesToken: z.string().optional() });
const frequency = z.enum(['immediate', 'daily']);
export type Frequency = z.infer<typeof frequency>;
const preferences = z.object({
  email: z.string(),
  subscriptions: z.array(z.object({ topic: z.string(), label: z.string(), status: z.enum(['pending', 'active']), frequency, digest: z.boolean() })),
});
export type Preferences = z.infer<typeof preferences>;

export const subscriptionsApi = {
  consent: () => call('/consent', consent),
  subscribe: (input: { email: string; topic: string; frequency?: string; consentVersion: string; ip: string }) => call('/subscribe', outcome('sent', 'already'), input),
  confirm: (token: string, apply: boolean) => call('/confirm', outcome('ready', 'confirmed', 'already'), { token, apply }),
  unsubscribe: (token: string, apply: boolean) => call('/unsubscribe', outcome('ready', 'unsubscribed', 'already'), { token, apply }),
  preferences: (token: string) => call('/preferences', preferences, { token }),
  update: (input: { token: string; topic: string; action: 'frequency' | 'unsubscribe'; frequency?: string }) =>
    call('/preferences/update', outcome('updated', 'unsubscribed'), input),
  exportData: (token: string) => call('/preferences/export', z.record(z.string(), z.unknown()), { token }),
  erase: (token: string, confirm: boolean) => call('/preferences/erase', outcome('erased'), { token, confirm }),
  requestLink: (email: string, ip: string) => call('/preferences/link', outcome('sent'), { email, ip }),
};

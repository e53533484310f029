import { readForm } from '../lib/forms.ts';
import { subscriptionsApi, SubscriptionsUnavailableError, type Refusal } from './client.ts';

/** What the visitor is told when the CMS cannot be reached. */
export const UNAVAILABLE = 'Les abonnements sont momentanément indisponibles. Merci de réessayer dans quelques minutes.';

/** An error to show above a form and next to its field. */
export interface FormError {
  message: string;
  /** The form field it concerns (`email`, `frequence`…), to link the message to the input. */
  field: string | null;
}

/** CMS field names → the form's input names. */
const FIELD_NAMES: Record<string, string> = { email: 'email', frequency: 'frequence', topic: 'sujet', consent: 'sujet', confirm: 'confirmer' };

export function formError(refusal: Pick<Refusal, 'message' | 'field'>): FormError {
  return { message: refusal.message, field: refusal.field ? (FIELD_NAMES[refusal.field] ?? null) : null };
}

/** A site path to come back to after subscribing; anything else (another site, a trick) becomes the home page. */
export function safeReturnPath(value: string | undefined): string {
  return value && /^\/(?!\/)[a-zA-Z0-9\-_/]{0,200}$/.test(value) ? value : '/';
}

/** The token of a signed link, as found in the query or a posted form. */
export function readToken(value: string | null | undefined): string {
  return typeof value === 'string' && value.length <= 1000 ? value : '';
}

export type SubscribeOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; status: number; error: FormError; values: Record<string, string> };

/**
 * A subscription form posted from any page: forwarded to the CMS, which sends the confirmation
 * e-mail. Success redirects (303) to the result page; a refusal re-renders the form with the
 * message next to the field and what was typed.
 */
export async function postSubscribe(request: Request, clientAddress: string): Promise<SubscribeOutcome> {
  const values = await readForm(request);
  const back = safeReturnPath(values.retour);
  const done = (state: string) => ({ kind: 'redirect' as const, location: `/abonnements/inscription?etat=${state}&retour=${encodeURIComponent(back)}` });
  // The hidden field robots fill in: they are told it worked, and nothing is sent.
  if (values.site_web) return done('envoye');
  try {
    const answer = await subscriptionsApi.subscribe({
      email: values.email ?? '',
      topic: values.sujet ?? '',
      frequency: values.frequence,
      consentVersion: values.consentement_version ?? '',
      ip: clientAddress,
    });
    if (answer.ok) return done(answer.data.state === 'already' ? 'deja' : 'envoye');
    return { kind: 'error', status: answer.status, error: formError(answer), values };
  } catch (error) {
    if (!(error instanceof SubscriptionsUnavailableError)) throw error;
    return { kind: 'error', status: 503, error: { message: UNAVAILABLE, field: null }, values };
  }
}

import { confirmRightsRequest, ModerationUnavailableError, sendRightsRequest, visitorKey } from '../moderation/client.ts';
import { readForm } from './forms.ts';

export type RightsOutcome = { kind: 'sent'; text: string } | { kind: 'error'; status: number; text: string; values: Record<string, string> };

const UNAVAILABLE = 'Votre demande n’a pas pu être enregistrée pour le moment. Merci de réessayer dans quelques minutes.';

/** The « Mes données » form, forwarded to the moderation service, which e-mails the confirmation link. */
export async function postRightsRequest(request: Request, clientAddress: string): Promise<RightsOutcome> {
  const values = await readForm(request);
  try {
    const result = await sendRightsRequest({
      email: values.email ?? '',
      kind: (values.demande ?? '') as 'access',
      message: values.precisions || undefined,
      website: values.site_web ?? '',
      clientKey: visitorKey(clientAddress),
    });
    return result.ok ? { kind: 'sent', text: result.message } : { kind: 'error', status: 400, text: result.message, values };
  } catch (error) {
    if (!(error instanceof ModerationUnavailableError)) throw error;
    return { kind: 'error', status: 503, text: UNAVAILABLE, values };
  }
}

/** The confirmation button of the e-mailed link (a POST: a mail scanner opening the link confirms nothing). */
export async function postRightsConfirmation(token: string): Promise<RightsOutcome> {
  try {
    const result = await confirmRightsRequest(token);
    return result.ok ? { kind: 'sent', text: result.message } : { kind: 'error', status: 400, text: result.message, values: {} };
  } catch (error) {
    if (!(error instanceof ModerationUnavailableError)) throw error;
    return { kind: 'error', status: 503, text: UNAVAILABLE, values: {} };
  }
}

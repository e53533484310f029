import { ModerationUnavailableError, sendContact, visitorKey } from '../moderation/client.ts';
import { readForm } from './forms.ts';

export type ContactOutcome = { kind: 'sent'; text: string } | { kind: 'error'; status: number; text: string; values: Record<string, string> };

/** The contact form, forwarded to the moderation queue as a contact item. */
export async function postContact(request: Request, clientAddress: string): Promise<ContactOutcome> {
  const values = await readForm(request);
  try {
    const result = await sendContact({
      name: values.nom ?? '',
      contact: values.coordonnees ?? '',
      residence: values.residence ?? '',
      subject: values.objet ?? '',
      message: values.message ?? '',
      consent: values.consentement === 'oui',
      website: values.site_web ?? '',
      clientKey: visitorKey(clientAddress),
    });
    return result.ok ? { kind: 'sent', text: result.message } : { kind: 'error', status: 400, text: result.message, values };
  } catch (error) {
    if (!(error instanceof ModerationUnavailableError)) throw error;
    return { kind: 'error', status: 503, text: 'Votre message n’a pas pu être envoyé pour le moment. Merci de réessayer dans quelques minutes.', values };
  }
}

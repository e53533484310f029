import { readForm } from '../lib/forms.ts';
import { subscriptionsApi, SubscriptionsUnavailableError } from './client.ts';
import { readToken, UNAVAILABLE } from './forms.ts';

/** What a confirmation or unsubscribe page shows. */
export type LinkPage =
  | { kind: 'ready'; label: string; token: string }
  | {
      kind: 'done';
      title: string;
      message: string;
      /** Confirmation only (its link came to the address itself): a link to the preferences page. */
      preferencesToken?: string;
      /** Unsubscribe only: the link's token, to ask for a management link sent to the address. */
      managementLinkToken?: string;
    }
  | { kind: 'error'; status: number; title: string; message: string };

type Action = 'confirm' | 'unsubscribe';

const DONE: Record<Action, Record<string, (label: string) => { title: string; message: string }>> = {
  confirm: {
    confirmed: (label) => ({ title: 'Abonnement confirmé', message: `Merci, votre abonnement est confirmé : ${label}.` }),
    already: (label) => ({ title: 'Abonnement déjà confirmé', message: `Votre abonnement était déjà confirmé : ${label}. Il n’y a rien d’autre à faire.` }),
  },
  unsubscribe: {
    unsubscribed: (label) => ({ title: 'Désabonnement effectué', message: `C’est fait : vous ne recevrez plus ces e-mails (${label}).` }),
    already: (label) => ({ title: 'Déjà désabonné', message: `Vous n’êtes plus abonné à ces e-mails (${label}). Il n’y a rien d’autre à faire.` }),
  },
};

const ERROR_TITLE = 'Lien non valable';

/** The form under an unsubscribe result posts this `action`: mail a management link to the address. */
export const MANAGEMENT_LINK_ACTION = 'lien';
const MANAGEMENT_LINK_SENT = {
  title: 'Lien envoyé',
  message: 'Un lien pour gérer vos abonnements vient d’être envoyé à l’adresse abonnée. Il n’est valable que depuis cette boîte e-mail.',
};

/**
 * The two signed links of the e-mails. GET shows what a click on the button will do (mail
 * scanners that open links change nothing); POST does it. The unsubscribe POST is also RFC 8058's
 * one-click: a mail client posts `List-Unsubscribe=One-Click` to the very same address.
 */
export async function linkPage(action: Action, request: Request, url: URL): Promise<LinkPage> {
  const apply = request.method === 'POST';
  const posted = apply ? await readForm(request) : {};
  const token = readToken(url.searchParams.get('jeton') ?? posted.jeton);
  if (!token) return { kind: 'error', status: 400, title: ERROR_TITLE, message: 'Ce lien est incomplet. Vérifiez qu’il a été copié en entier depuis l’e-mail.' };
  try {
    if (action === 'unsubscribe' && apply && posted.action === MANAGEMENT_LINK_ACTION) {
      const sent = await subscriptionsApi.sendManagementLink(token);
      if (!sent.ok) return { kind: 'error', status: sent.status, title: ERROR_TITLE, message: sent.message };
      return { kind: 'done', ...MANAGEMENT_LINK_SENT };
    }
    const answer = await (action === 'confirm' ? subscriptionsApi.confirm(token, apply) : subscriptionsApi.unsubscribe(token, apply));
    if (!answer.ok) return { kind: 'error', status: answer.status, title: ERROR_TITLE, message: answer.message };
    const { state, label = '', preferencesToken } = answer.data;
    if (state === 'ready') return { kind: 'ready', label, token };
    const done = DONE[action][state]!(label);
    // An unsubscribe link may have been forwarded: it never opens the preferences (the address,
    // its export, its erasure); it only offers to mail a management link to the address.
    if (action === 'unsubscribe') return { kind: 'done', ...done, managementLinkToken: token };
    return { kind: 'done', ...done, preferencesToken };
  } catch (error) {
    if (!(error instanceof SubscriptionsUnavailableError)) throw error;
    return { kind: 'error', status: 503, title: 'Service momentanément indisponible', message: UNAVAILABLE };
  }
}

import { readForm } from '../lib/forms.ts';
import { subscriptionsApi, SubscriptionsUnavailableError, type Answer, type Preferences } from './client.ts';
import { formError, readToken, UNAVAILABLE, type FormError } from './forms.ts';

/** What the preferences page (/abonnements) does with one request. */
export type PreferencesOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'download'; body: string; filename: string }
  | { kind: 'page'; status: number; token: string; view: Preferences | null; notice: string | null; error: FormError | null; values: Record<string, string> };

const NOTICES: Record<string, string> = {
  lien: 'Si cette adresse est abonnée, un e-mail contenant un nouveau lien vient de lui être envoyé. Il est valable 60 jours.',
  frequence: 'C’est enregistré : vos alertes arriveront à la fréquence choisie.',
  desabonne: 'C’est fait : vous ne recevrez plus ces e-mails.',
  efface: 'Toutes les données liées à votre adresse ont été effacées. Vous ne recevrez plus aucun e-mail de notre part.',
};

const withToken = (token: string, state: string) => `/abonnements?jeton=${encodeURIComponent(token)}&etat=${state}`;

async function view(token: string, base: { notice: string | null; error: FormError | null; values: Record<string, string>; status: number }): Promise<PreferencesOutcome> {
  if (!token) return { kind: 'page', token, view: null, ...base };
  const answer = await subscriptionsApi.preferences(token);
  if (answer.ok) return { kind: 'page', token, view: answer.data, ...base };
  // A bad or expired link: say why, and offer to send a fresh one.
  return { kind: 'page', status: answer.status, token: '', view: null, notice: null, error: { message: answer.message, field: null }, values: base.values };
}

async function act(request: Request, clientAddress: string): Promise<PreferencesOutcome> {
  const values = await readForm(request);
  const token = readToken(values.jeton);
  const refused = (answer: Extract<Answer<unknown>, { ok: false }>) => view(token, { notice: null, error: formError(answer), values, status: answer.status });
  switch (values.action) {
    case 'lien': {
      const answer = await subscriptionsApi.requestLink(values.email ?? '', clientAddress);
      return answer.ok ? { kind: 'redirect', location: '/abonnements?etat=lien' } : refused(answer);
    }
    case 'frequence':
    case 'desabonner': {
      const unsubscribe = values.action === 'desabonner';
      const answer = await subscriptionsApi.update({ token, topic: values.sujet ?? '', action: unsubscribe ? 'unsubscribe' : 'frequency', frequency: values.frequence });
      return answer.ok ? { kind: 'redirect', location: withToken(token, unsubscribe ? 'desabonne' : 'frequence') } : refused(answer);
    }
    case 'telecharger': {
      const answer = await subscriptionsApi.exportData(token);
      if (!answer.ok) return refused(answer);
      return { kind: 'download', body: JSON.stringify(answer.data, null, 2), filename: 'mes-donnees-abonnements.json' };
    }
    case 'effacer': {
      const answer = await subscriptionsApi.erase(token, values.confirmer === 'oui');
      return answer.ok ? { kind: 'redirect', location: '/abonnements?etat=efface' } : refused(answer);
    }
    default:
      return view(token, { notice: null, error: { message: 'La demande est incomplète. Rechargez la page, puis recommencez.', field: null }, values, status: 400 });
  }
}

/** GET shows the page (with `jeton`: the subscriptions; without: the form to get a link); POST acts, then redirects (303). */
export async function preferencesPage(request: Request, url: URL, clientAddress: string): Promise<PreferencesOutcome> {
  try {
    if (request.method === 'POST') return await act(request, clientAddress);
    const notice = NOTICES[url.searchParams.get('etat') ?? ''] ?? null;
    return await view(readToken(url.searchParams.get('jeton')), { notice, error: null, values: {}, status: 200 });
  } catch (error) {
    if (!(error instanceof SubscriptionsUnavailableError)) throw error;
    return { kind: 'page', status: 503, token: '', view: null, notice: null, error: { message: UNAVAILABLE, field: null }, values: {} };
  }
}

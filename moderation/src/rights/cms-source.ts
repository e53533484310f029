import { HubError } from '../errors.ts';
import type { PersonalDataSource } from './service.ts';

/** How long the CMS may take to answer one rights request before the administrator is told. */
const TIMEOUT_MS = 15_000;

export interface CmsSourceOptions {
  /** The CMS's base URL (CMS_URL). */
  url: string;
  /** CMS_PRIVACY_TOKEN, held by the CMS and this service only. */
  token: string;
  fetch?: typeof fetch;
}

// Before an erasure the search asks every source: a CMS that does not answer stops it before anything is erased.
const unavailable = (path: 'find' | 'erase', detail: string) =>
  new HubError('RIGHTS_SOURCE_UNAVAILABLE', { detail, message: path === 'find' ? undefined : 'Le CMS ne répond pas : ses abonnements n’ont pas été effacés (le reste l’est). Relancez l’effacement dans quelques minutes.' });

/** The CMS's subscriptions, consents and send log of a person's addresses (cms/src/privacy). */
export function cmsSource({ url, token, fetch: fetcher = fetch }: CmsSourceOptions): PersonalDataSource {
  async function call<T>(path: 'find' | 'erase', emails: string[]): Promise<T> {
    let res: Response;
    try {
      res = await fetcher(new URL(`/api/hub/privacy/${path}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-privacy-token': token },
        body: JSON.stringify({ emails }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw unavailable(path, `CMS privacy ${path}: ${(error as Error).message}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw unavailable(path, `CMS privacy ${path}: HTTP ${res.status}`);
    }
    return (await res.json()) as T;
  }
  return {
    name: 'cms',
    label: 'Site et lettres d’information (CMS)',
    find: (emails) => call<Record<string, unknown[]>>('find', emails),
    erase: (emails) => call<Record<string, number>>('erase', emails),
  };
}

import { createHmac } from 'node:crypto';
import { publishedCommentsSchema, type CommentPayload, type ContactPayload, type PublishedComment, type RightsRequestPayload } from '@hub/integrations/contracts';
import { currentRequestId, REQUEST_ID_HEADER } from '@hub/integrations/request-id';
import { config } from '../config.ts';

/**
 * The site's calls to the moderation service: post a comment or a contact message, read the
 * published comments. A visitor is known only by a keyed hash of their address.
 */
export class ModerationUnavailableError extends Error {
  override name = 'ModerationUnavailableError';
}

export function visitorKey(address: string): string {
  return createHmac('sha256', config.MODERATION_SITE_TOKEN || 'hub').update(address).digest('hex').slice(0, 32);
}

export type { PublishedComment };

/** The visit's id (site/server.ts), so that moderation's log lines for this call carry it. */
const requestIdHeader = (): Record<string, string> => {
  const id = currentRequestId();
  return id ? { [REQUEST_ID_HEADER]: id } : {};
};

export async function call(path: string, init: RequestInit = {}) {
  try {
    return await fetch(`${config.MODERATION_URL}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', 'x-hub-site-token': config.MODERATION_SITE_TOKEN, ...requestIdHeader(), ...init.headers },
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new ModerationUnavailableError((error as Error).message);
  }
}

export async function publishedComments(articleSlug: string): Promise<PublishedComment[]> {
  const res = await call(`/public/comments?article=${encodeURIComponent(articleSlug)}`);
  if (!res.ok) throw new ModerationUnavailableError(`HTTP ${res.status}`);
  const body = publishedCommentsSchema.safeParse(await res.json());
  if (!body.success) throw new ModerationUnavailableError('réponse inattendue');
  return body.data.comments;
}

/** The service's answer: a French message, and whether it was accepted. */
export interface Submission {
  ok: boolean;
  message: string;
  /** published: shown now; pending: after review; private: never shown (personal data). */
  state?: 'published' | 'pending' | 'private';
}

async function submit(path: string, payload: CommentPayload | ContactPayload | RightsRequestPayload | { token: string }): Promise<Submission> {
  const res = await call(path, { method: 'POST', body: JSON.stringify(payload) });
  const body = (await res.json().catch(() => ({}))) as { message?: string; state?: string; error?: { message?: string } };
  if (res.ok) return { ok: true, message: body.message ?? 'Merci.', state: body.state as Submission['state'] };
  if (res.status >= 500) throw new ModerationUnavailableError(`HTTP ${res.status}`);
  return { ok: false, message: body.error?.message ?? 'Votre envoi n’a pas pu être enregistré.' };
}

/** The payloads are the contract's (public-items.ts): moderation parses them with its schemas. */
export const sendComment = (payload: CommentPayload) => submit('/public/comments', payload);
export const sendContact = (payload: ContactPayload) => submit('/public/contact', payload);
/** A tenant's request for their data, then its confirmation from the e-mailed link (moderation/src/rights/requests.ts). */
export const sendRightsRequest = (payload: RightsRequestPayload) => submit('/public/rights-requests', payload);
export const confirmRightsRequest = (token: string) => submit('/public/rights-requests/confirm', { token });

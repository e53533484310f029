import { createHmac } from 'node:crypto';
import { z } from 'zod';
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

const reply = z.object({ text: z.string(), at: z.string() });
const comment = z.object({ id: z.string(), authorName: z.string(), text: z.string(), createdAt: z.string(), replies: z.array(reply).default([]) });
export type PublishedComment = z.infer<typeof comment>;

export async function call(path: string, init: RequestInit = {}) {
  try {
    return await fetch(`${config.MODERATION_URL}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', 'x-hub-site-token': config.MODERATION_SITE_TOKEN, ...init.headers },
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new ModerationUnavailableError((error as Error).message);
  }
}

export async function publishedComments(articleSlug: string): Promise<PublishedComment[]> {
  const res = await call(`/public/comments?article=${encodeURIComponent(articleSlug)}`);
  if (!res.ok) throw new ModerationUnavailableError(`HTTP ${res.status}`);
  const body = z.object({ comments: z.array(comment) }).safeParse(await res.json());
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

async function submit(path: string, payload: Record<string, unknown>): Promise<Submission> {
  const res = await call(path, { method: 'POST', body: JSON.stringify(payload) });
  const body = (await res.json().catch(() => ({}))) as { message?: string; state?: string; error?: { message?: string } };
  if (res.ok) return { ok: true, message: body.message ?? 'Merci.', state: body.state as Submission['state'] };
  if (res.status >= 500) throw new ModerationUnavailableError(`HTTP ${res.status}`);
  return { ok: false, message: body.error?.message ?? 'Votre envoi n’a pas pu être enregistré.' };
}

export const sendComment = (payload: Record<string, unknown>) => submit('/public/comments', payload);
export const sendContact = (payload: Record<string, unknown>) => submit('/public/contact', payload);

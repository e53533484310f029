import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import { OutboundFailure, type OutboundAdapter } from './types.ts';

export interface FacebookPageAccount {
  id: string;
  name: string;
  accessToken: string;
}

const RATE_LIMIT_CODES = [4, 17, 32, 613];

interface GraphError {
  name?: string;
  status?: number;
  message?: string;
  response?: { code?: number; error_subcode?: number; message?: string; is_transient?: boolean };
}

/** Graph's refusal as an `OutboundFailure` (French message, retryable or not). */
export function facebookFailure(error: unknown): OutboundFailure {
  const e = error as GraphError;
  if (e?.name !== 'FacebookRequestError') return new OutboundFailure(`Facebook injoignable : ${e?.message ?? String(error)}`, { retryable: true, cause: error });
  const code = e.response?.code;
  const detail = e.response?.message ?? e.message ?? '';
  if (code !== undefined && RATE_LIMIT_CODES.includes(code)) return new OutboundFailure(`Facebook limite les appels (code ${code}).`, { retryable: true, retryAfterMs: 60_000, cause: error });
  if (code === 190) return new OutboundFailure(`Le jeton de la Page a expiré ou est invalide : ${detail}`, { retryable: true, cause: error });
  const status = e.status ?? 0;
  const retryable = status >= 500 || status === 0 || e.response?.is_transient === true || code === 1 || code === 2;
  return new OutboundFailure(`Facebook a répondu ${status || '?'} : ${detail}`, { retryable, cause: error });
}

/** A Facebook Page through the real SDK (`api.call`), at `graphUrl` (Graph or its emulator). */
export function createFacebookOutbound(page: FacebookPageAccount, graphUrl = 'https://graph.facebook.com'): OutboundAdapter {
  const api = new FacebookAdsApi(page.accessToken, undefined, false);
  const base = graphUrl.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string[], params: Record<string, unknown> = {}): Promise<T> => {
    try {
      return await api.call<T>(method, path, params, {}, false, base);
    } catch (error) {
      throw facebookFailure(error);
    }
  };
  const isGone = (error: unknown) => error instanceof OutboundFailure && (error.cause as GraphError)?.response?.code === 100;

  return {
    async hide(target, hidden) {
      await call('POST', [target], { is_hidden: hidden });
    },
    async delete(target) {
      try {
        await call('DELETE', [target]);
      } catch (error) {
        // Already deleted (by the author, or by us before a crash): nothing left to do.
        if (!isGone(error)) throw error;
      }
    },
    async reply(target, text) {
      const answer = await call<{ id: string }>('POST', [target, 'comments'], { message: text });
      return { externalId: answer.id };
    },
    async findReply(target, _key, matches) {
      type Page = { data: { id: string; message?: string; from?: { id: string } }[]; paging?: { next?: string } };
      let answer = await call<Page>('GET', [target, 'comments'], { fields: 'id,message,from{id,name}', filter: 'stream', order: 'reverse_chronological', limit: 100 });
      for (let pages = 0; pages < 20; pages += 1) {
        const found = answer.data.find((c) => c.from?.id === page.id && matches(c.message ?? ''));
        if (found) return found.id;
        if (!answer.paging?.next) return null;
        try {
          answer = await api.call<Page>('GET', answer.paging.next);
        } catch (error) {
          throw facebookFailure(error);
        }
      }
      return null;
    },
    async publish(post) {
      // Graph builds the link preview (title, cover image) from the article's page itself.
      const answer = await call<{ id: string }>('POST', [page.id, 'feed'], { message: `${post.message}${post.marker}`, link: post.link });
      return { externalId: answer.id };
    },
    async findPublished(_key, matches) {
      // The Page's own recent posts (newest first): an uncertain attempt is among the first ones.
      type Posts = { data: { id: string; message?: string; from?: { id: string } }[] };
      const answer = await call<Posts>('GET', [page.id, 'published_posts'], { fields: 'id,message,from{id,name}', limit: 100 });
      return answer.data.find((p) => (!p.from || p.from.id === page.id) && matches(p.message ?? ''))?.id ?? null;
    },
  };
}

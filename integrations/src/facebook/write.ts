import { FacebookAdsApi } from 'facebook-nodejs-business-sdk';
import { IntegrationError } from '../errors/index.ts';
import { facebookFailure, readGraphError } from './errors.ts';
import type { OutboundAdapter } from '../social/outbound.ts';

/** A Page the hub reads and writes on, with its Page access token (sensitive). */
export interface FacebookPageAccount {
  id: string;
  name: string;
  accessToken: string;
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
  const isGone = (error: unknown) => error instanceof IntegrationError && readGraphError(error.cause).kind === 'gone';

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

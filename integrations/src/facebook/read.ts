/**
 * Reads a Facebook Page through facebook-nodejs-business-sdk: its feed's recent posts (visitor
 * posts become items) and every comment and reply on them since the cursor, following paging.
 * One `FacebookAdsApi` instance per Page (the SDK's default api is global and is never set here).
 *
 * Cursor: `{"t": <ms>}`, the newest creation time seen. Each read goes back OVERLAP_MS before it
 * (items created while the last read was running) and reads posts up to POST_LOOKBACK_MS old for
 * new comments; what is read twice is dropped by the queue's idempotent ingest, unless its text
 * changed (an edit: the poller hands it to the queue's `update`). An edit of a comment older than
 * the overlap is not re-read here: the Page webhooks (moderation/src/connectors/webhook.ts) carry it.
 */
import type { SocialItem } from '../social/item.ts';
import { FacebookAdsApi, Page, PagePost } from 'facebook-nodejs-business-sdk';
import { retryTransient } from '../social/retry.ts';
import { classifyFacebookError } from './errors.ts';
import type { FacebookPageAccount } from './write.ts';

export interface FacebookSourceOptions {
  /** Graph's base URL without version (tests and the demo: the emulator). */
  graphUrl?: string;
  pageSize?: number;
}

export type FacebookIncomingItem = SocialItem<'facebook_comment' | 'facebook_post'>;

type FbRecord = Record<string, unknown> & { id: string };
type FbCursor = FbRecord[] & { next(): Promise<FbCursor>; hasNext(): boolean };

export const OVERLAP_MS = 10 * 60_000;
export const POST_LOOKBACK_MS = 30 * 24 * 3600_000;

let redirectedTo: string | undefined;
/** Points the SDK's static GRAPH getter at `url` (it is read by name on the class). */
function redirect(url: string | undefined) {
  if (!url || url === redirectedTo) return;
  const base = url.replace(/\/+$/, '');
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => base, configurable: true });
  redirectedTo = url;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  return retryTransient(async () => {
    try {
      return await fn();
    } catch (error) {
      throw classifyFacebookError(error);
    }
  });
}

async function readAll(first: () => Promise<unknown>): Promise<FbRecord[]> {
  const cursor = (await call(first)) as FbCursor;
  const out = [...cursor];
  while (cursor.hasNext()) {
    // A failed next() leaves the cursor where it was: retrying is safe.
    await call(() => cursor.next());
    out.push(...cursor);
  }
  return out;
}

export function parseFacebookCursor(cursor: string | null): number | null {
  if (!cursor) return null;
  try {
    const t = (JSON.parse(cursor) as { t?: unknown }).t;
    return typeof t === 'number' && Number.isFinite(t) ? t : null;
  } catch {
    return null;
  }
}

const from = (record: FbRecord) => (record.from ?? {}) as { id?: string; name?: string };

export function createFacebookSource(page: FacebookPageAccount, options: FacebookSourceOptions = {}) {
  const limit = options.pageSize ?? 100;
  const api = new FacebookAdsApi(page.accessToken, 'fr_FR', false);
  return {
    accountId: page.id,
    async fetchNew(cursor: string | null): Promise<{ items: FacebookIncomingItem[]; cursor: string | null }> {
      redirect(options.graphUrl);
      const last = parseFacebookCursor(cursor);
      const postSince = last === null ? undefined : Math.floor((last - POST_LOOKBACK_MS) / 1000);
      const commentSince = last === null ? undefined : Math.floor((last - OVERLAP_MS) / 1000);
      const posts = await readAll(() =>
        Promise.resolve(new Page(page.id, {}, undefined, api).getFeed(['id', 'message', 'created_time', 'updated_time', 'from', 'permalink_url'], { limit, ...(postSince !== undefined ? { since: postSince } : {}) })),
      );
      const items: FacebookIncomingItem[] = [];
      let newest = last ?? 0;
      for (const post of posts) {
        const created = Date.parse(String(post.created_time));
        const author = from(post);
        if (author.id && author.id !== page.id && typeof post.message === 'string' && (last === null || created >= last - OVERLAP_MS)) {
          items.push({ source: 'facebook_post', externalId: post.id, authorName: author.name ?? '', authorExternalId: author.id, text: post.message, createdAt: new Date(created), permalink: (post.permalink_url as string) ?? null, parentExternalId: null, updatedAt: post.updated_time ? new Date(Date.parse(String(post.updated_time))) : null });
          newest = Math.max(newest, created);
        }
        const comments = await readAll(() =>
          Promise.resolve(
            new PagePost(post.id, {}, undefined, api).getComments(['id', 'message', 'created_time', 'from', 'permalink_url', 'parent{id}'], {
              filter: 'stream',
              order: 'chronological',
              limit,
              ...(commentSince !== undefined ? { since: commentSince } : {}),
            }),
          ),
        );
        for (const comment of comments) {
          const who = from(comment);
          if (who.id === page.id) continue; // the Page's own replies are not moderated
          const createdAt = Date.parse(String(comment.created_time));
          const parent = (comment.parent as { id?: string } | undefined)?.id ?? null;
          items.push({ source: 'facebook_comment', externalId: comment.id, authorName: who.name ?? '', authorExternalId: who.id ?? '', text: String(comment.message ?? ''), createdAt: new Date(createdAt), permalink: (comment.permalink_url as string) ?? null, parentExternalId: parent });
          newest = Math.max(newest, createdAt);
        }
      }
      // Parents before replies, so the queue links them.
      items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      return { items, cursor: newest > 0 ? JSON.stringify({ t: newest }) : cursor };
    },
  };
}

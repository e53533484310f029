import { createHmac, timingSafeEqual } from 'node:crypto';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { sleep } from '../http-util.ts';
import type { GraphChange } from './store.ts';
import type { WebhookDelivery } from './types.ts';

/** `sha256=<hex HMAC-SHA256(appSecret, raw body)>`, the value Meta puts in `X-Hub-Signature-256`. */
export function signWebhookBody(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Checks `X-Hub-Signature-256` against the raw body (the bytes as received: re-serialising the
 * parsed JSON would change them). Constant-time comparison; false on any malformed header.
 */
export function verifyWebhookSignature(appSecret: string, rawBody: string | Buffer, header: string | null | undefined): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(signWebhookBody(appSecret, rawBody));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The connector's side of Meta's subscription handshake: Meta sends
 * `GET callback?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` and expects the challenge
 * echoed with 200 when the token is the one configured in the app; anything else is refused (403).
 */
export function answerVerificationChallenge(
  query: URLSearchParams | Record<string, string | undefined>,
  verifyToken: string,
): { status: 200; body: string } | { status: 403; body: string } {
  const get = (name: string): string | undefined => (query instanceof URLSearchParams ? (query.get(name) ?? undefined) : query[name]);
  const token = get('hub.verify_token');
  const challenge = get('hub.challenge');
  const sameToken = token !== undefined && token.length === verifyToken.length && timingSafeEqual(Buffer.from(token), Buffer.from(verifyToken));
  if (get('hub.mode') === 'subscribe' && sameToken && challenge !== undefined) return { status: 200, body: challenge };
  return { status: 403, body: '' };
}

export interface PageWebhookChange {
  field: 'feed';
  value: Record<string, unknown>;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The `feed` change Meta sends for a change of the store, and the Page it is for. */
export function webhookChange(change: GraphChange): { pageId: string; value: PageWebhookChange } {
  if (change.kind === 'comment') {
    const { comment, post } = change;
    const value: Record<string, unknown> = {
      from: { ...comment.from },
      post: {
        status_type: post.link ? 'shared_story' : 'mobile_status_update',
        is_published: true,
        updated_time: new Date(post.updatedTime).toISOString().replace(/\.\d{3}Z$/, '+0000'),
        permalink_url: `https://www.facebook.com/${post.pageId}/posts/${post.shortId}`,
        promotion_status: 'inactive',
        id: post.id,
      },
      ...(change.verb === 'remove' ? {} : { message: comment.message }),
      post_id: post.id,
      comment_id: comment.id,
      created_time: seconds(comment.createdTime),
      item: 'comment',
      // As on Graph: a top-level comment's parent is the post.
      parent_id: comment.parentId ?? post.id,
      verb: change.verb,
    };
    return { pageId: comment.pageId, value: { field: 'feed', value } };
  }
  const { post } = change;
  const visitor = post.from.id !== post.pageId;
  const value: Record<string, unknown> = {
    from: { ...post.from },
    ...(post.message !== undefined && change.verb !== 'remove' ? { message: post.message } : {}),
    ...(post.link !== undefined ? { link: post.link } : {}),
    post_id: post.id,
    created_time: seconds(post.createdTime),
    item: visitor ? 'post' : 'status',
    published: 1,
    verb: change.verb,
  };
  return { pageId: post.pageId, value: { field: 'feed', value } };
}

export interface WebhookSubscription {
  url: string;
  unsubscribe(): void;
}

export interface WebhookDispatcher {
  /** Every change is POSTed to `url`, signed with `appSecret`. */
  subscribe(url: string, appSecret: string): WebhookSubscription;
  /** Meta's GET handshake against `url`; true when the callback echoed the challenge. */
  verifyCallback(url: string, verifyToken: string): Promise<boolean>;
  /** Resolves once every delivery started so far has ended (success or last retry). */
  flush(): Promise<void>;
  readonly deliveries: readonly WebhookDelivery[];
  /** @internal called by the emulator. */
  emit(pageId: string, change: PageWebhookChange, timeSeconds: number): void;
}

interface Subscription {
  url: string;
  appSecret: string;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : request;
    const req = send(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error('webhook receiver timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : request;
    const req = send(target, { method: 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Delivery like Meta's, simplified: one change per POST, JSON body, `X-Hub-Signature-256` (and the
 * legacy sha1 `X-Hub-Signature`), retried `retries` times `retryDelayMs` apart on a non-2xx answer
 * or a network error (Meta retries for hours with backoff).
 */
export function createWebhookDispatcher(options: { retries?: number; retryDelayMs?: number } = {}): WebhookDispatcher {
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 50;
  const subscriptions: Subscription[] = [];
  const deliveries: WebhookDelivery[] = [];
  const pending = new Set<Promise<void>>();

  async function deliver(subscription: Subscription, body: string): Promise<void> {
    const record: WebhookDelivery = { url: subscription.url, body, status: undefined, attempts: 0 };
    deliveries.push(record);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature': `sha1=${createHmac('sha1', subscription.appSecret).update(body).digest('hex')}`,
      'x-hub-signature-256': signWebhookBody(subscription.appSecret, body),
    };
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs);
      record.attempts++;
      try {
        record.status = await post(subscription.url, body, headers);
        delete record.error;
        if (record.status >= 200 && record.status < 300) return;
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
    }
  }

  return {
    deliveries,
    subscribe(url, appSecret) {
      const subscription = { url, appSecret };
      subscriptions.push(subscription);
      return {
        url,
        unsubscribe() {
          const index = subscriptions.indexOf(subscription);
          if (index >= 0) subscriptions.splice(index, 1);
        },
      };
    },
    async verifyCallback(url, verifyToken) {
      const challenge = String(Math.floor(Math.random() * 1e9));
      const target = new URL(url);
      target.searchParams.set('hub.mode', 'subscribe');
      target.searchParams.set('hub.verify_token', verifyToken);
      target.searchParams.set('hub.challenge', challenge);
      const answer = await get(target.toString());
      return answer.status === 200 && answer.body === challenge;
    },
    async flush() {
      while (pending.size) await Promise.all([...pending]);
    },
    emit(pageId, change, timeSeconds) {
      if (!subscriptions.length) return;
      const body = JSON.stringify({ object: 'page', entry: [{ id: pageId, time: timeSeconds, changes: [change] }] });
      for (const subscription of [...subscriptions]) {
        const delivery = deliver(subscription, body).finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
    },
  };
}

/**
 * Facebook Page webhooks: Meta pushes every comment change on the configured Pages, so a new
 * comment reaches the queue within a second instead of at the next poll, and edits and removals
 * of old comments (beyond the poller's overlap) are seen too.
 *
 * - `GET /webhooks/facebook`: Meta's subscription handshake (`hub.mode=subscribe`,
 *   `hub.verify_token` = FACEBOOK_VERIFY_TOKEN → the `hub.challenge` as text/plain; else 403).
 * - `POST /webhooks/facebook`: the raw body (≤ 1 MB) is checked against `X-Hub-Signature-256`
 *   (HMAC-SHA256 with FACEBOOK_APP_SECRET, constant-time compare) → 401 when wrong; the JSON is
 *   validated, **stored** in the inbox (`inbox.ts`, one row per delivery, Meta's retries once),
 *   and answered 200 only once the insert is committed; 503 when it fails (Meta tries again).
 *   The inbox's drain then applies the stored deliveries in arrival order:
 *   `feed` / `comment`: add → ingest (Page looked up among FACEBOOK_PAGES, unknown Page ignored),
 *   edited → the queue's `update` (text, re-judged), remove → `update` (removed); hide / unhide
 *   record nothing (our own outbox's hides come back this way). Visitor posts likewise.
 *
 * What the drain fails to apply is tried again (resuming after the changes already applied), and
 * kept as failed with its error after a few attempts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { HubError } from '../errors.ts';
import { readRawBody } from '../http/body.ts';
import { sendJson, sendText } from '../http/respond.ts';
import type { Handler, Route } from '../http/routes.ts';
import type { ItemChange, NewItem } from '../queue/service.ts';
import type { ItemSource } from '../queue/states.ts';
import type { Clock } from '../clock.ts';
import type { Db, Dialect } from '../db/database.ts';
import { createWebhookInbox, PartialApply, type WebhookInboxOptions } from './inbox.ts';

export const WEBHOOK_PATH = '/webhooks/facebook';
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/** The part of the queue the webhook drives. */
export interface WebhookQueue {
  ingest(item: NewItem): Promise<unknown>;
  update(source: ItemSource, accountId: string, externalId: string, change: ItemChange): Promise<unknown>;
}

export interface FacebookWebhookDeps {
  appSecret: string;
  verifyToken: string;
  pages: readonly { id: string }[];
  queue: WebhookQueue;
  clock: Clock;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
  /** Where deliveries are stored before the 200 (the service's database). */
  db: Db;
  dialect: Dialect;
  /** The inbox drain's tuning (lease, attempts, backoff, poll interval). */
  inbox?: Pick<WebhookInboxOptions, 'leaseMs' | 'maxAttempts' | 'backoff' | 'random' | 'pollMs' | 'keepDoneMs'>;
  /** Longest wait for the insert before answering 503 (a retry of a late insert is stored once). */
  storeTimeoutMs?: number;
}

const unixOrDate = z.union([z.number(), z.string()]).optional();

const changeValue = z.object({
  item: z.string(),
  verb: z.string(),
  comment_id: z.string().optional(),
  post_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().max(100_000).optional(),
  created_time: unixOrDate,
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});

const payloadSchema = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        id: z.string(),
        time: z.number().optional(),
        changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
      }),
    )
    .max(1000),
});

export type FacebookWebhookPayload = z.infer<typeof payloadSchema>;
type ChangeValue = z.infer<typeof changeValue>;

/** `sha256=<hex>` against HMAC-SHA256(secret, raw bytes), in constant time; false when malformed. */
export function validSignature(appSecret: string, rawBody: Buffer, header: string | string[] | undefined): boolean {
  if (!appSecret || typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function sameSecret(given: string | null, expected: string): boolean {
  if (!expected || given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function toDate(value: number | string | undefined, fallback: Date): Date {
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string') {
    const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isFinite(parsed)) return new Date(parsed);
  }
  return fallback;
}

/** The webhook's refusals: `{ error: { message } }`, without a code (as Meta's examples). */
const refuse = (res: ServerResponse, status: number, message: string) => sendJson(res, status, { error: { message } });

export function createFacebookWebhook({ appSecret, verifyToken, pages, queue, clock, log = () => undefined, db, dialect, inbox: tuning, storeTimeoutMs = 10_000 }: FacebookWebhookDeps) {
  const pageIds = new Set(pages.map((p) => p.id));

  /** Meta's GET handshake. */
  function verify(query: URLSearchParams): { status: 200 | 403; body: string } {
    const challenge = query.get('hub.challenge');
    if (query.get('hub.mode') === 'subscribe' && sameSecret(query.get('hub.verify_token'), verifyToken) && challenge !== null) return { status: 200, body: challenge };
    return { status: 403, body: 'Vérification refusée : le jeton de vérification ne correspond pas.' };
  }

  /** One change of one Page, applied to the queue. */
  async function applyChange(pageId: string, field: string, rawValue: unknown, time: Date): Promise<void> {
    if (field !== 'feed') return;
    const parsed = changeValue.safeParse(rawValue);
    if (!parsed.success) {
      log('warn', 'Changement de webhook Facebook illisible, ignoré', { pageId });
      return;
    }
    const value: ChangeValue = parsed.data;
    const isComment = value.item === 'comment';
    const isPost = value.item === 'post' || value.item === 'status';
    if (!isComment && !isPost) return;
    const source: ItemSource = isComment ? 'facebook_comment' : 'facebook_post';
    const externalId = isComment ? value.comment_id : value.post_id;
    if (!externalId) return;
    // The Page's own comments and posts are not moderated (as in the poller).
    if (value.from?.id === pageId) return;
    const asNew = (): NewItem | null =>
      value.from && value.message !== undefined
        ? {
            source,
            accountId: pageId,
            externalId,
            authorName: value.from.name ?? '',
            authorExternalId: value.from.id,
            text: value.message,
            createdAt: toDate(value.created_time, time),
            permalink: null,
            // As on Graph, a top-level comment's parent is the post: no parent item then.
            parentExternalId: isComment && value.parent_id && value.parent_id !== value.post_id ? value.parent_id : null,
          }
        : null;
    switch (value.verb) {
      case 'add': {
        const item = asNew();
        if (item) await queue.ingest(item);
        return;
      }
      case 'edited': {
        if (value.message === undefined) return;
        const done = await queue.update(source, pageId, externalId, { text: value.message, editedAt: time });
        if (done === null) {
          // Never seen (its add was missed): the edited text is its first version.
          const item = asNew();
          if (item) await queue.ingest(item);
        }
        return;
      }
      case 'remove':
        await queue.update(source, pageId, externalId, { removed: true, at: time });
        return;
      default:
        // hide / unhide: nothing recorded (our own outbox's hides come back this way).
        return;
    }
  }

  /**
   * The changes of a verified payload from the `from`-th on (counted over every entry), in order;
   * unknown Pages are ignored. A change that throws stops there: `PartialApply` says how many
   * are applied, so that the inbox resumes after them.
   */
  async function apply(payload: FacebookWebhookPayload, from = 0): Promise<void> {
    if (payload.object !== 'page') return;
    let index = 0;
    for (const entry of payload.entry) {
      const known = pageIds.has(entry.id);
      if (!known && index >= from) log('info', 'Webhook Facebook pour une Page non configurée, ignoré', { pageId: entry.id });
      const time = entry.time ? new Date(entry.time * 1000) : clock();
      for (const change of entry.changes) {
        const at = index++;
        if (!known || at < from) continue;
        try {
          await applyChange(entry.id, change.field, change.value, time);
        } catch (error) {
          log('warn', 'Changement de webhook Facebook non appliqué', { pageId: entry.id, error: error instanceof Error ? error.message : String(error) });
          throw new PartialApply(at, error);
        }
      }
    }
  }

  /** Deliveries stored before the answer, applied by the drain. */
  const inbox = createWebhookInbox({
    db,
    dialect,
    clock,
    source: 'facebook',
    log,
    ...tuning,
    // Stored only once validated: a stored payload that no longer parses is a bug, kept as failed.
    apply: (stored, from) => apply(payloadSchema.parse(JSON.parse(stored)), from),
  });

  /** The insert, or a rejection after `storeTimeoutMs` (a database waiting on a lock). */
  function storeInTime(raw: Buffer): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`pas de réponse de la base en ${storeTimeoutMs} ms`)), storeTimeoutMs);
    });
    return Promise.race([inbox.store(raw), late]).finally(() => clearTimeout(timer));
  }

  /** Meta's GET handshake, as text. */
  const handshake: Handler = (_req, res, { url }) => {
    const { status, body } = verify(url.searchParams);
    sendText(res, status, body);
  };

  /** A POST delivery: stored, then answered; applied by the drain. */
  const delivery: Handler = async (req, res) => {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, MAX_WEBHOOK_BYTES);
    } catch (error) {
      if (error instanceof HubError && error.code === 'TOO_LARGE') return refuse(res, 413, error.publicMessage);
      throw error;
    }
    if (!validSignature(appSecret, raw, req.headers['x-hub-signature-256'])) {
      log('warn', 'Webhook Facebook refusé : signature invalide');
      return refuse(res, 401, 'Signature du webhook invalide.');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(res, 400, 'Le contenu envoyé n’est pas du JSON valide.');
    }
    const payload = payloadSchema.safeParse(json);
    if (!payload.success) return refuse(res, 400, 'Le contenu du webhook n’a pas la forme attendue.');
    // Stored (committed) before the 200: a crash or a restart after it loses nothing.
    try {
      const stored = await storeInTime(raw);
      if (!stored) log('info', 'Webhook Facebook déjà reçu (nouvel essai de Meta), ignoré');
    } catch (error) {
      log('warn', 'Webhook Facebook non enregistré, Meta réessaiera', { error: error instanceof Error ? error.message : String(error) });
      return refuse(res, 503, 'Le webhook n’a pas pu être enregistré, réessayez plus tard.');
    }
    inbox.kick();
    sendText(res, 200, 'EVENT_RECEIVED');
  };

  /** The HTTP side; another method gets 405 (`Allow: GET, POST`). */
  const routes: Route[] = [
    { method: 'GET', path: WEBHOOK_PATH, caller: 'meta', otherMethods: 'method-not-allowed', handler: handshake },
    { method: 'POST', path: WEBHOOK_PATH, caller: 'meta', otherMethods: 'method-not-allowed', handler: delivery },
  ];

  return {
    verify,
    apply,
    routes,
    /** The stored deliveries: `store`, `claim`, `runOnce`, `purge` (tests, console). */
    inbox,
    /** Starts the drain (it first takes what a previous process left). */
    start: () => inbox.start(),
    /** Stops the drain after its current row; what is stored stays for the next start. */
    stop: () => inbox.stop(),
    /** Resolves when nothing stored so far is left to apply here (tests, shutdown). */
    idle: () => inbox.idle(),
  };
}

export type FacebookWebhook = ReturnType<typeof createFacebookWebhook>;

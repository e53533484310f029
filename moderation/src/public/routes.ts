import { createHash, randomUUID } from 'node:crypto';
import { commentSchema, contactSchema, rightsConfirmSchema, rightsRequestSchema, type PublishedCommentsAnswer } from '@hub/integrations/contracts';
import type { IncomingMessage } from 'node:http';
import { BlockList } from 'node:net';
import { HubError } from '../errors.ts';
import { parseJson, readBody } from '../http/body.ts';
import { siteToken } from '../http/guards.ts';
import { sendJson } from '../http/respond.ts';
import type { Handler, Route } from '../http/routes.ts';
import { PUBLIC_STATES } from '../queue/states.ts';
import type { Services } from '../services.ts';
import { REQUEST_MESSAGES } from '../rights/requests.ts';
import { firstProblem } from './input.ts';
import { createDbRateLimiter, PUBLIC_FORMS_LIMIT, visitorOf } from './rate-limit.ts';
import type { Clock } from '../clock.ts';

const MAX_BODY = 64 * 1024;
const SITE_ACCOUNT = 'site';

const MESSAGES = {
  approved: 'Merci, votre commentaire est publié.',
  pending: 'Merci, votre commentaire sera publié après relecture.',
  contact: 'Merci, votre message a bien été transmis à nos équipes. Nous vous répondrons rapidement.',
  personalData:
    'Merci. Pour protéger votre vie privée, votre commentaire ne sera pas publié : il contient des informations personnelles (téléphone, adresse, e-mail, numéro de contrat…). Pour une demande qui vous concerne, utilisez le formulaire de contact : nos équipes vous répondront en privé.',
};

/** The author's key on the site: a hash, so the queue never stores a visitor's address. */
const authorKey = (clientKey: string) => createHash('sha256').update(`site:${clientKey}`).digest('hex').slice(0, 24);

/**
 * What the public site calls (server to server, with its token): post a comment, send a
 * contact message, read the published comments of an article. Any other `/public/…` path or
 * method gets 404, after the token check.
 */
export function createPublicRoutes(services: Services, token: string, clock: Clock, trustedProxies: BlockList = new BlockList()): Route[] {
  // In the database: every moderation process counts the same visitor's posts.
  const limiter = createDbRateLimiter({ db: services.db, clock });
  const allow = (req: IncomingMessage, clientKey: string) => limiter.hit(PUBLIC_FORMS_LIMIT, visitorOf(req, clientKey, trustedProxies));

  async function read(req: IncomingMessage) {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) throw new HubError('INVALID_INPUT', { message: 'Format attendu : JSON.' });
    return parseJson(await readBody(req, MAX_BODY));
  }

  const postComment: Handler = async (req, res) => {
    const parsed = commentSchema.safeParse(await read(req));
    if (!parsed.success) throw new HubError('INVALID_INPUT', { message: firstProblem(parsed.error) });
    const input = parsed.data;
    if (input.website) return sendJson(res, 201, { state: 'held', message: MESSAGES.pending });
    if (!(await allow(req, input.clientKey))) throw new HubError('RATE_LIMITED');
    const { item } = await services.queue.ingest({
      source: 'site_comment',
      accountId: SITE_ACCOUNT,
      externalId: randomUUID(),
      authorName: input.authorName,
      authorExternalId: authorKey(input.clientKey),
      text: input.text,
      createdAt: clock(),
      articleSlug: input.articleSlug,
      worksiteSlug: input.worksiteSlug ?? null,
      permalink: `/articles/${input.articleSlug}`,
    });
    const published = PUBLIC_STATES.includes(item.state as never);
    const personalData = (JSON.parse(item.personal_data) as string[]).length > 0;
    if (personalData && !published) return sendJson(res, 201, { state: 'private', message: MESSAGES.personalData });
    sendJson(res, 201, { state: published ? 'published' : 'pending', message: published ? MESSAGES.approved : MESSAGES.pending });
  };

  const postContact: Handler = async (req, res) => {
    const parsed = contactSchema.safeParse(await read(req));
    if (!parsed.success) throw new HubError('INVALID_INPUT', { message: firstProblem(parsed.error) });
    const input = parsed.data;
    if (input.website) return sendJson(res, 201, { message: MESSAGES.contact });
    if (!(await allow(req, input.clientKey))) throw new HubError('RATE_LIMITED');
    await services.queue.ingest({
      source: 'site_contact',
      accountId: SITE_ACCOUNT,
      externalId: randomUUID(),
      authorName: input.name,
      authorExternalId: authorKey(input.clientKey),
      text: `${input.subject}\n\n${input.message}`,
      createdAt: clock(),
      residence: input.residence || null,
      privateDetails: { contact: input.contact, ...(input.residence ? { residence: input.residence } : {}) },
    });
    sendJson(res, 201, { message: MESSAGES.contact });
  };

  // A tenant's request for their data (rights/requests.ts): counted as a form post, confirmed by e-mail.
  const postRightsRequest: Handler = async (req, res) => {
    const parsed = rightsRequestSchema.safeParse(await read(req));
    if (!parsed.success) throw new HubError('INVALID_INPUT', { message: firstProblem(parsed.error) });
    const input = parsed.data;
    if (input.website) return sendJson(res, 201, { message: REQUEST_MESSAGES.sent });
    if (!(await allow(req, input.clientKey))) throw new HubError('RATE_LIMITED');
    sendJson(res, 201, await services.rightsRequests.ask({ email: input.email, kind: input.kind, message: input.message }));
  };

  const confirmRightsRequest: Handler = async (req, res) => {
    const parsed = rightsConfirmSchema.safeParse(await read(req));
    if (!parsed.success) throw new HubError('INVALID_INPUT', { message: firstProblem(parsed.error) });
    sendJson(res, 200, await services.rightsRequests.confirm(parsed.data.token));
  };

  const listComments: Handler = async (_req, res, { url }) => {
    const slug = url.searchParams.get('article') ?? '';
    if (!/^[a-z0-9-]{1,160}$/.test(slug)) throw new HubError('INVALID_INPUT', { message: 'Article inconnu.' });
    const rows = await services.items.publicForArticle(slug, PUBLIC_STATES);
    const replies = await services.publicReplies(rows.map((r) => r.id));
    sendJson(res, 200, {
      comments: rows.map((r) => ({ id: r.id, authorName: r.author_name, text: r.text, createdAt: r.created_at, replies: replies.get(r.id) ?? [] })),
    } satisfies PublishedCommentsAnswer);
  };

  const auth = siteToken(token);
  return [
    { method: 'POST', path: '/public/comments', caller: 'site', auth, handler: postComment },
    { method: 'GET', path: '/public/comments', caller: 'site', auth, handler: listComments },
    { method: 'POST', path: '/public/contact', caller: 'site', auth, handler: postContact },
    { method: 'POST', path: '/public/rights-requests', caller: 'site', auth, handler: postRightsRequest },
    { method: 'POST', path: '/public/rights-requests/confirm', caller: 'site', auth, handler: confirmRightsRequest },
    {
      method: '*',
      path: '/public/*',
      caller: 'site',
      auth,
      handler: () => {
        throw new HubError('NOT_FOUND');
      },
    },
  ];
}

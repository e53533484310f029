import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList } from 'node:net';
import { claimStatusUpdateSchema } from '@hub/integrations/contracts';
import { HubError } from '../errors.ts';
import { parseJson, readBody } from '../http/body.ts';
import { sendJson } from '../http/respond.ts';
import type { Handler, Route } from '../http/routes.ts';
import { siteToken } from '../http/guards.ts';
import type { Db } from '../db/database.ts';
import { CLAIM_LOOKUP_LIMIT, createDbRateLimiter, visitorOf } from '../public/rate-limit.ts';
import type { Claims } from './service.ts';
import { checkSignature } from './signature.ts';
import type { Clock } from '../clock.ts';

export const CLAIM_STATUS_PATH = '/claims/status';
const PUBLIC_PATH = '/public/claims/*reference';
const MAX_BODY_BYTES = 16 * 1024;
const noProxies = new BlockList();

export interface ClaimsRoutesOptions {
  claims: Claims;
  /** Where the /suivi lookups are counted, so that every moderation process shares one allowance. */
  db: Db;
  /** CLAIMS_WEBHOOK_SECRET: signs the CRM's updates. */
  secret: string;
  /** MODERATION_SITE_TOKEN: the site's calls to /public. */
  siteToken: string;
  clock: Clock;
  /** MODERATION_TRUSTED_PROXIES, parsed: whose X-Forwarded-For is believed (by default nobody's). */
  trustedProxies?: BlockList;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * `POST /claims/status`: the CRM reports a status change, signed like the hub's pushes (the
 * contract's claimStatusUpdateSchema: each field checked on its own so the answer names the problem).
 * `GET /public/claims/<reference>`: the site's /suivi page (site token), status and dates only.
 * Another method on `/claims/status` gets 404; on `/public/claims/…`, public/routes.ts's 404.
 */
export function createClaimsRoutes(options: ClaimsRoutesOptions): Route[] {
  const { clock } = options;
  // A reference is six digits a visitor could try in turn: each visitor gets a few looks, counted
  // in the database so that a bot spreading its guesses over several processes gets no more.
  const lookups = createDbRateLimiter({ db: options.db, clock });

  const statusUpdate: Handler = async (req, res) => {
    const body = await readBody(req, MAX_BODY_BYTES);
    const signed = { timestamp: header(req, 'x-hub-timestamp'), signature: header(req, 'x-hub-signature-256'), body };
    const check = checkSignature(options.secret, signed, clock().getTime());
    if (!check.ok) {
      options.log?.warn({ detail: check.detail }, 'claim status update refused');
      throw new HubError('CLAIM_SIGNATURE_INVALID', { detail: check.detail });
    }
    const parsed = claimStatusUpdateSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'corps'))].join(', ');
      throw new HubError('INVALID_INPUT', { message: `Mise à jour de réclamation invalide (champs : ${fields}).` });
    }
    const { reference, status, note, crmReference } = parsed.data;
    // The same signed request twice (a replay, the CRM's own retry) is applied once.
    const dedupeKey = `crm:${createHash('sha256').update(`${signed.timestamp}.${body}`).digest('hex')}`;
    const claim = await options.claims.setStatus(reference, status, { actor: 'crm', note, crmReference, dedupeKey });
    options.log?.info({ reference: claim.reference, status: claim.status }, 'claim status from the CRM');
    sendJson(res, 200, { ok: true, reference: claim.reference, status: claim.status, statusLabel: claim.statusLabel });
  };

  const publicLookup: Handler = async (req, res, { params }) => {
    // The visitor's key from the site; without one, the caller's address, not one bucket for all.
    const visitor = visitorOf(req, header(req, 'x-hub-client-key'), options.trustedProxies ?? noProxies);
    if (!(await lookups.hit(CLAIM_LOOKUP_LIMIT, visitor))) throw new HubError('RATE_LIMITED', { message: 'Vous avez consulté beaucoup de références en peu de temps. Merci de patienter quelques minutes.' });
    let reference: string;
    try {
      reference = decodeURIComponent(params.reference ?? '');
    } catch {
      throw new HubError('CLAIM_REFERENCE_INVALID');
    }
    sendJson(res, 200, await options.claims.publicStatus(reference));
  };

  return [
    { method: 'POST', path: CLAIM_STATUS_PATH, caller: 'crm', handler: statusUpdate },
    { method: 'GET', path: PUBLIC_PATH, caller: 'site', auth: siteToken(options.siteToken), handler: publicLookup },
  ];
}

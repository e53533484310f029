import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERRORS, HubError } from '../errors.ts';
import { readBody } from '../http/body.ts';
import type { Route } from '../http/routes.ts';
import { readAckToken } from './ack.ts';
import type { Escalation } from './service.ts';
import { frenchDateTime } from '@hub/integrations/paris-time';
import { escapeHtml } from './html.ts';
import type { Clock } from '../clock.ts';

export const ACK_PATH = '/astreinte/prise-en-charge';

const LINK_EXPIRED = 'Ce lien de prise en charge a expiré. Ouvrez la console de modération pour suivre la crise et la prendre en charge.';
const NOT_ON_CALL = 'Ce lien de prise en charge a été envoyé à une personne qui n’est plus d’astreinte à ce niveau : il ne peut plus servir. Ouvrez la console de modération pour suivre la crise.';

/** What the route needs to know of the member a link was sent to (null once removed from the roster). */
export interface AckMember {
  name: string;
  level: number;
  active: boolean;
}

function page(res: ServerResponse, status: number, title: string, body: string) {
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} — Astreinte</title>
<style>body{font-family:system-ui,Arial,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}button{font:inherit;background:#000091;color:#fff;border:0;padding:.75rem 1.25rem;border-radius:4px;cursor:pointer}button:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex', 'referrer-policy': 'no-referrer', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" });
  res.end(html);
}

/**
 * The acknowledgement link of an on-call message. GET shows the crisis and a button; only the
 * POST acknowledges, so that a mail client or antivirus opening links does not take the crisis
 * in the on-call person's name. Any method is read (a forged link gets its page); another method
 * than GET, HEAD or POST on a valid link gets 404. A link works until its expiry (signed in it),
 * and only for a member still in the roster, active, at the level the link was sent for: anything
 * else gets its French page, without the crisis's details.
 */
export function createAckRoutes(deps: { escalation: Escalation; ackSecret: () => Promise<string>; onCallMember: (memberId: string) => Promise<AckMember | null>; clock: Clock }): Route[] {
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const token = req.method === 'POST' ? new URLSearchParams(await readBody(req, 4096)).get('jeton') ?? '' : (url.searchParams.get('jeton') ?? '');
    const claim = readAckToken(await deps.ackSecret(), token);
    if (claim && claim.expiresAt.getTime() <= deps.clock().getTime()) {
      page(res, 410, 'Lien expiré', `<p>${escapeHtml(LINK_EXPIRED)}</p>`);
      return;
    }
    const member = claim ? await deps.onCallMember(claim.memberId) : null;
    if (claim && (!member || !member.active || member.level !== claim.level)) {
      page(res, 403, 'Lien refusé', `<p>${escapeHtml(NOT_ON_CALL)}</p>`);
      return;
    }
    const crisis = claim ? await deps.escalation.crisis(claim.crisisId) : undefined;
    if (!claim || !crisis || !member) {
      page(res, 400, 'Lien invalide', `<p>${escapeHtml(ERRORS.ACK_LINK_INVALID)}</p>`);
      return;
    }
    const summary = `<p>${crisis.kind === 'spike' ? `Crise : ${crisis.item_count} messages négatifs sur ${escapeHtml(crisis.scope_label)}` : `Alerte sur ${escapeHtml(crisis.scope_label)}`}, ouverte le ${escapeHtml(frenchDateTime(crisis.opened_at))}.</p>`;
    if (crisis.state !== 'open') {
      page(res, 200, 'Crise close', `${summary}<p>Cette crise a été close par ${escapeHtml(crisis.closed_by ?? 'l’équipe')} : rien à faire.</p>`);
      return;
    }
    if (req.method === 'POST') {
      const name = member.name || 'la personne d’astreinte';
      const taken = await deps.escalation.acknowledge(crisis.id, { actor: `oncall:${claim.memberId}`, name });
      const after = await deps.escalation.crisis(crisis.id);
      page(
        res,
        200,
        taken ? 'Prise en charge enregistrée' : 'Déjà prise en charge',
        `${summary}<p>${taken ? `Merci ${escapeHtml(name)} : personne d’autre ne sera appelé pour cette crise.` : `Cette crise a déjà été prise en charge par ${escapeHtml(after?.acknowledged_by ?? 'quelqu’un')}.`}</p><p>Suivez-la et répondez depuis la console de modération.</p>`,
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HubError('NOT_FOUND');
    const already = crisis.acknowledged_at ? `<p>Déjà prise en charge par ${escapeHtml(crisis.acknowledged_by ?? 'quelqu’un')}.</p>` : '';
    page(
      res,
      200,
      'Prendre la crise en charge',
      `${summary}${already}<form method="post" action="${ACK_PATH}"><input type="hidden" name="jeton" value="${escapeHtml(token)}"><button type="submit">Je prends en charge</button></form>`,
    );
  }

  return [{ method: '*', path: ACK_PATH, caller: 'oncall', handler: (req, res, { url }) => handle(req, res, url) }];
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { parisFormatter } from '@hub/integrations/paris-time';
import type { Mailer } from '@hub/integrations/mail';
import { audit } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { RightsRequestsTable } from '../db/schema.ts';
import { HubError } from '../errors.ts';

/** How long the e-mailed link works: long enough for a tenant who reads mail once a day. */
export const CONFIRM_HOURS = 48;
/** Requests one address may make in a day: a stranger cannot flood someone's mailbox. */
const PER_ADDRESS_PER_DAY = 3;

export type RightsRequestKind = 'access' | 'erasure';

const KIND_WORDS: Record<RightsRequestKind, string> = {
  access: 'une copie de vos données personnelles',
  erasure: 'l’effacement de vos données personnelles',
};

export const REQUEST_MESSAGES = {
  sent: 'Merci. Un e-mail vient de vous être envoyé : ouvrez le lien qu’il contient pour confirmer votre demande. Sans confirmation, elle est oubliée.',
  confirmed: 'Votre demande est confirmée. Le bailleur y répondra par e-mail, dans un délai d’un mois au plus.',
};

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const dayFormat = parisFormatter({ day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/** The confirmation e-mail: what was asked, the link, and what happens without it. */
function confirmationMail(kind: RightsRequestKind, link: string, expiresAt: Date) {
  return {
    subject: 'Confirmez votre demande concernant vos données personnelles',
    text: [
      'Bonjour,',
      '',
      `Une demande a été faite sur notre site, avec cette adresse, pour obtenir ${KIND_WORDS[kind]}.`,
      'Pour la confirmer, ouvrez ce lien :',
      link,
      '',
      `Le lien fonctionne jusqu’au ${dayFormat.format(expiresAt)}. Si vous n’avez rien demandé, ignorez ce message : rien ne sera fait.`,
      '',
      'Le délégué à la protection des données',
    ].join('\n'),
  };
}

export interface RightsRequestsDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  from: string;
  /** The public site: the link leads to its /mes-donnees/confirmation page. */
  publicSiteUrl: string;
}

/**
 * A tenant's request from the site (rights/README.md, « Demandes du site »): recorded, confirmed
 * by a link sent to the address (so nobody asks for someone else's data), then listed for the
 * administrator, who answers it from the « Données personnelles » view.
 */
export function createRightsRequests({ db, clock, mailer, from, publicSiteUrl }: RightsRequestsDeps) {
  return {
    async ask(input: { email: string; kind: RightsRequestKind; message?: string }) {
      const now = clock();
      // An unconfirmed request is forgotten once its link has expired.
      await db.deleteFrom('rights_requests').where('confirmed_at', 'is', null).where('expires_at', '<=', now.toISOString()).execute();
      const dayAgo = new Date(now.getTime() - 24 * 3_600_000).toISOString();
      const recent = await db.selectFrom('rights_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', input.email).where('created_at', '>', dayAgo).executeTakeFirstOrThrow();
      if (Number(recent.n) >= PER_ADDRESS_PER_DAY) throw new HubError('RATE_LIMITED', { message: 'Plusieurs demandes ont déjà été faites pour cette adresse aujourd’hui. Confirmez-les depuis l’e-mail reçu, ou réessayez demain.' });
      const token = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now.getTime() + CONFIRM_HOURS * 3_600_000);
      const id = randomUUID();
      await db
        .insertInto('rights_requests')
        .values({ id, email: input.email, kind: input.kind, message: input.message || null, token_hash: hashOf(token), created_at: now.toISOString(), expires_at: expiresAt.toISOString(), confirmed_at: null, handled_at: null, handled_by: null })
        .execute();
      const link = new URL(`/mes-donnees/confirmation?jeton=${token}`, publicSiteUrl).toString();
      try {
        await mailer.send({ to: input.email, from, ...confirmationMail(input.kind, link, expiresAt) });
      } catch (error) {
        // Nothing was sent: no request either, the tenant tries again.
        await db.deleteFrom('rights_requests').where('id', '=', id).execute();
        throw new HubError('INTERNAL', { message: 'L’e-mail de confirmation n’a pas pu être envoyé. Merci de réessayer dans quelques minutes.', detail: (error as Error).message });
      }
      return { message: REQUEST_MESSAGES.sent };
    },

    /** The tenant's click: the request reaches the administrator. Confirming twice says the same. */
    async confirm(token: string) {
      const now = clock().toISOString();
      const row = await db.selectFrom('rights_requests').selectAll().where('token_hash', '=', hashOf(token)).executeTakeFirst();
      if (!row || (!row.confirmed_at && row.expires_at <= now)) throw new HubError('INVALID_INPUT', { message: `Ce lien de confirmation n’est pas valide ou a expiré (il fonctionne ${CONFIRM_HOURS} heures). Refaites votre demande depuis la page « Mes données ».` });
      if (!row.confirmed_at) {
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('rights_requests').set({ confirmed_at: now }).where('id', '=', row.id).where('confirmed_at', 'is', null).execute();
          await audit(trx, { actor: 'site', action: 'rights.request', targetType: 'rights_request', targetId: row.id, at: now, after: { kind: row.kind } });
        });
      }
      return { message: REQUEST_MESSAGES.confirmed };
    },

    /** Confirmed requests, the unanswered first (oldest first), then the 20 last answered. */
    async list(): Promise<RightsRequestsTable[]> {
      const open = await db.selectFrom('rights_requests').selectAll().where('confirmed_at', 'is not', null).where('handled_at', 'is', null).orderBy('confirmed_at').execute();
      const done = await db.selectFrom('rights_requests').selectAll().where('handled_at', 'is not', null).orderBy('handled_at', 'desc').limit(20).execute();
      return [...open, ...done];
    },

    async markHandled(id: string, actor: string) {
      const now = clock().toISOString();
      const row = await db.selectFrom('rights_requests').selectAll().where('id', '=', id).where('confirmed_at', 'is not', null).executeTakeFirst();
      if (!row) throw new HubError('NOT_FOUND');
      if (row.handled_at) return row;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('rights_requests').set({ handled_at: now, handled_by: actor }).where('id', '=', id).execute();
        await audit(trx, { actor, action: 'rights.request_handled', targetType: 'rights_request', targetId: id, at: now, after: { kind: row.kind } });
      });
      return { ...row, handled_at: now, handled_by: actor };
    },
  };
}

export type RightsRequests = ReturnType<typeof createRightsRequests>;

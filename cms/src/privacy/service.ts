import type { Knex } from 'knex';
import { normalizeEmail } from '../subscriptions/email-address';
import { erase, exportOf, subscriberByEmail } from '../subscriptions/store';
import type { Clock } from '../hub/clock';

/** Addresses one request may name: a person is known by a few, never a list to sweep. */
export const MAX_EMAILS = 20;

/** What the CMS holds about one person, by kind, as the moderation service's rights search shows it. */
export interface PersonRecords {
  subscriptions: Record<string, unknown>[];
  consents: Record<string, unknown>[];
  sendLogs: Record<string, unknown>[];
}

export class PrivacyRequestError extends Error {}

/** The addresses of a request, normalised; a French refusal for anything else. */
export function requestedEmails(input: unknown): string[] {
  if (!Array.isArray(input) || input.length === 0) throw new PrivacyRequestError('Indiquez au moins une adresse e-mail.');
  if (input.length > MAX_EMAILS) throw new PrivacyRequestError(`${MAX_EMAILS} adresses au plus par demande.`);
  const emails = input.map((value) => {
    const check = normalizeEmail(value);
    if (!check.ok) throw new PrivacyRequestError('Adresse e-mail invalide dans la demande.');
    return check.email;
  });
  return [...new Set(emails)];
}

async function subscribersOf(knex: Knex, emails: string[]) {
  const found = await Promise.all(emails.map((email) => subscriberByEmail(knex, email)));
  return found.filter((s) => s !== null);
}

/**
 * The CMS's part of a tenant's rights (moderation/src/rights): the subscriptions, consents and
 * send log of each address, found and erased with the subscription store's own export and erasure,
 * so that the site's « effacer mes données » and the administrator's erasure do the same thing.
 */
export function createPrivacyService(knex: Knex, clock: Clock) {
  return {
    async find(emails: string[]): Promise<PersonRecords> {
      const records: PersonRecords = { subscriptions: [], consents: [], sendLogs: [] };
      for (const subscriber of await subscribersOf(knex, emails)) {
        const data = await exportOf(knex, subscriber.id);
        if (!data) continue;
        records.subscriptions.push(...data.subscriptions.map((s) => ({ email: subscriber.email, ...s })));
        records.consents.push(...data.consents.map((c) => ({ email: subscriber.email, ...c })));
        records.sendLogs.push(...(data.sent ?? []));
      }
      return records;
    },

    /** Erases each address; answers how many records of each kind went. */
    async erase(emails: string[]): Promise<Record<keyof PersonRecords, number>> {
      const found = await this.find(emails);
      for (const subscriber of await subscribersOf(knex, emails)) await erase(knex, subscriber.id, clock());
      return { subscriptions: found.subscriptions.length, consents: found.consents.length, sendLogs: found.sendLogs.length };
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

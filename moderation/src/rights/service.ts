import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { ItemsTable } from '../db/schema.ts';
import { HubError } from '../errors.ts';
import { createApplyEvent } from '../queue/apply.ts';
import type { QueueChange } from '../queue/service.ts';
import type { ItemState } from '../queue/states.ts';
import type { ItemStore } from '../queue/store.ts';
import type { Clock } from '../clock.ts';
import { parseIdentifier, type PersonIdentifier } from './identifier.ts';
import { rightsStore, type PersonRecords } from './store.ts';
import { summarise } from './summary.ts';

/** What replaces the words of a person who asked for erasure. */
export const ERASED = '[effacé à la demande de la personne]';

/** Another package's data about the person (the CMS's subscriptions and send logs). */
export interface PersonalDataSource {
  name: string;
  label: string;
  /** The records found for these e-mail addresses, as plain JSON. */
  find(emails: string[]): Promise<Record<string, unknown[]>>;
  /** Erases them; returns how many records of each kind. */
  erase(emails: string[]): Promise<Record<string, number>>;
}

export interface RightsDeps {
  db: Db;
  items: Pick<ItemStore, 'update' | 'count'>;
  clock: Clock;
  /** The queue's change feed: an erased published comment leaves the site's cache. */
  onChange: (change: QueueChange) => void;
  sources?: PersonalDataSource[];
}

/** Everything found about a person, per package. */
export interface PersonFound {
  identifier: PersonIdentifier;
  /** The addresses the person is known by (typed or read in a contact message). */
  emails: string[];
  moderation: PersonRecords;
  others: { name: string; label: string; records: Record<string, unknown[]> }[];
}

const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** The addresses an item holds: its private details (contact form) and its text. */
function emailsOf(item: ItemsTable): string[] {
  return [...`${item.private_details ?? ''} ${item.text}`.matchAll(EMAIL_IN_TEXT)].map((m) => m[0].toLowerCase());
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** Counts per kind, for the audit log and the console: never the data itself. */
export function countsOf(found: PersonFound): Record<string, number> {
  const { moderation } = found;
  const counts: Record<string, number> = {
    items: moderation.items.length,
    itemEvents: moderation.itemEvents.length,
    claims: moderation.claims.length,
    claimPushes: moderation.claimPushes.length,
    auditEntries: moderation.auditEntries.length,
  };
  for (const other of found.others) for (const [kind, rows] of Object.entries(other.records)) counts[`${other.name}.${kind}`] = rows.length;
  return counts;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * The tenants' rights (RGPD): find everything the hub stores about one person, export it, erase
 * it. Each request and its answer leave an audit entry with counts and the identifier's kind only.
 */
export function createRights({ db, items, clock, onChange, sources = [] }: RightsDeps) {
  const applyEvent = createApplyEvent({ items, enqueueOutbound: async () => undefined });

  /** The person's items: those the identifier names, then those of the same authors or addresses (one step). */
  async function itemsOf(identifier: PersonIdentifier): Promise<ItemsTable[]> {
    let direct: ItemsTable[] = [];
    if (identifier.kind === 'email') direct = await rightsStore.itemsMentioning(db, identifier.value);
    if (identifier.kind === 'handle') direct = await rightsStore.itemsByAuthorNames(db, unique([identifier.value, identifier.value.replace(/^@/, ''), `@${identifier.value.replace(/^@/, '')}`]));
    if (identifier.kind === 'author_id') direct = await rightsStore.itemsByAuthorIds(db, [identifier.value]);
    if (identifier.kind === 'claim_reference') {
      const claim = await rightsStore.claimByReference(db, identifier.value);
      direct = claim ? await rightsStore.itemsByIds(db, [claim.item_id]) : [];
    }
    const byId = new Map(direct.map((i) => [i.id, i]));
    const related = [
      ...(await rightsStore.itemsByAuthorIds(db, unique(direct.map((i) => i.author_external_id)))),
      ...(await rightsStore.itemsByAuthorNames(db, unique(direct.filter((i) => i.source === 'site_contact').map((i) => i.author_name)))),
      ...(await Promise.all(unique(direct.flatMap(emailsOf)).map((e) => rightsStore.itemsMentioning(db, e)))).flat(),
    ];
    for (const item of related) byId.set(item.id, item);
    return [...byId.values()].sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  async function find(input: { kind: string; value: string }): Promise<PersonFound> {
    const identifier = parseIdentifier(input);
    const found = await itemsOf(identifier);
    const emails = unique([...(identifier.kind === 'email' ? [identifier.value] : []), ...found.flatMap(emailsOf)]);
    const terms = unique([...emails, ...found.map((i) => i.author_name), ...(identifier.kind === 'claim_reference' ? [] : [identifier.value])]).filter((t) => t.length >= 3);
    const moderation = await rightsStore.recordsOf(db, found, terms);
    const others = await Promise.all(sources.map(async (s) => ({ name: s.name, label: s.label, records: emails.length ? await s.find(emails) : {} })));
    return { identifier, emails, moderation, others };
  }

  const record = (action: string, options: { actor: string; found: PersonFound; extra?: Record<string, unknown> }) =>
    audit(db, { actor: options.actor, action, targetType: 'person', targetId: null, at: clock().toISOString(), after: { identifierKind: options.found.identifier.kind, counts: countsOf(options.found), ...options.extra } });

  return {
    async search(input: { kind: string; value: string }, actor: string) {
      const found = await find(input);
      await record('rights.search', { actor, found });
      return found;
    },

    /** The JSON of everything found and its French summary, for the person. */
    async export(input: { kind: string; value: string }, options: { actor: string; requestId?: string }) {
      const found = await find(input);
      const at = clock();
      await record('rights.export', { actor: options.actor, found, extra: options.requestId ? { requestId: options.requestId } : undefined });
      const json = JSON.stringify({ generatedAt: at.toISOString(), identifier: found.identifier, packages: { moderation: found.moderation, ...Object.fromEntries(found.others.map((o) => [o.name, o.records])) } }, null, 2);
      return { found, json, summary: summarise(found, at) };
    },

    /** Anonymises everything found, in one transaction for the moderation side; then the other packages. */
    async erase(input: { kind: string; value: string }, options: { actor: string; requestId?: string }) {
      const found = await find(input);
      const counts = countsOf(found);
      if (!total(counts)) throw new HubError('RIGHTS_NOTHING_FOUND');
      const at = clock().toISOString();
      const { moderation } = found;
      const terms = unique([...found.emails, ...moderation.items.map((i) => i.author_name), ...(found.identifier.kind === 'claim_reference' ? [] : [found.identifier.value])]).filter((t) => t.length >= 3 && t !== ERASED);
      const changes: QueueChange[] = [];
      await db.transaction().execute(async (trx) => {
        await rightsStore.forgetEventDetails(trx, moderation.items.map((i) => i.id));
        for (const item of moderation.items) {
          const locked = (await rightsStore.itemsByIds(trx, [item.id]))[0]!;
          const leaves = locked.state !== 'deleted';
          const applied = await applyEvent(trx, locked, {
            at,
            columns: { author_name: ERASED, author_external_id: `erased:${item.id}`, text: ERASED, private_details: null, personal_data: '[]', matched_terms: '[]' },
            events: [{ kind: leaves ? 'decision' : 'note', actor: options.actor, fromState: leaves ? locked.state : null, toState: leaves ? 'deleted' : null, reason: 'Effacé à la demande de la personne (droit à l’effacement)' }],
          });
          changes.push({ itemId: item.id, source: item.source, state: applied.item.state as ItemState, previousState: applied.previous, articleSlug: item.article_slug });
        }
        await rightsStore.anonymiseClaims(trx, moderation.claims.map((c) => c.id), ERASED);
        await rightsStore.scrubAudit(trx, moderation.auditEntries.map((a) => a.id), terms, ERASED);
      });
      for (const change of changes) onChange(change);
      const others = await Promise.all(sources.map(async (s) => [s.name, found.emails.length ? await s.erase(found.emails) : {}] as const));
      await record('rights.erase', { actor: options.actor, found, extra: options.requestId ? { requestId: options.requestId } : undefined });
      return { found, counts, erasedElsewhere: Object.fromEntries(others) };
    },
  };
}

export type Rights = ReturnType<typeof createRights>;

import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { Database, OutboxTable } from '../db/schema.ts';
import { HubError } from '../errors.ts';
import { newOutboxRow } from '../outbox/enqueue.ts';
import type { ItemRow } from '../queue/store.ts';
import type { EscalationSettings } from './settings.ts';
import { addCrisisEvent, attachItem, countNegative, crisisById, crisisEvents, crisisItems, listCrises, openCrisisOn, type CrisisRow } from './store.ts';
import { compileTriggers, countsTowardsSpike, emergencyWordsIn, reasonsFor, scopesOf, type CompiledTriggers, type EscalationReason } from './triggers.ts';
import type { Clock } from '../clock.ts';

/** Who is on call, as the roster says. */
export interface OnCallPerson {
  id: string;
  name: string;
  email: string;
  webhookUrl: string | null;
}

/** What escalation needs from the rest of the service (ports, wired in services.ts). */
export interface EscalationDeps {
  db: Db;
  clock: Clock;
  isOfficeHours(at: Date): Promise<boolean>;
  onCallAt(at: Date, level: 1 | 2): Promise<OnCallPerson | null>;
  readSettings(): Promise<EscalationSettings>;
  /** Something was written to the outbox. */
  kick(): void;
}

/** Read before the ingest transaction (no query may run outside it on SQLite meanwhile). */
export interface EscalationSnapshot {
  now: Date;
  office: boolean;
  triggers: CompiledTriggers;
  level1: OnCallPerson | null;
}

type Trx = Transaction<Database>;

/**
 * The weekend crisis procedure. Each new item is examined in its ingest transaction: it is
 * flagged when it calls for attention; outside office hours it opens (or joins) a crisis and the
 * on-call person of level 1 is notified through the outbox; a crisis nobody acknowledges within
 * `ackMinutes` goes to level 2 (`tick`). One crisis per incident: items of the same scope join
 * the open crisis instead of paging again.
 */
export function createEscalation(deps: EscalationDeps) {
  const { db, clock } = deps;
  let compiled: { json: string; triggers: CompiledTriggers } | undefined;

  async function triggersNow(): Promise<CompiledTriggers> {
    const settings = await deps.readSettings();
    const json = JSON.stringify(settings);
    if (compiled?.json !== json) compiled = { json, triggers: compileTriggers(settings) };
    return compiled.triggers;
  }

  async function prepare(now: Date): Promise<EscalationSnapshot> {
    const [office, triggers] = await Promise.all([deps.isOfficeHours(now), triggersNow()]);
    return { now, office, triggers, level1: office ? null : await deps.onCallAt(now, 1) };
  }

  /** The ingest hook: runs inside the item's transaction. */
  async function record(trx: Trx, item: ItemRow, snapshot: EscalationSnapshot): Promise<void> {
    const { settings } = snapshot.triggers;
    const createdAt = new Date(item.created_at);
    const recent = snapshot.now.getTime() - createdAt.getTime() <= settings.maxAgeMinutes * 60_000;
    const reasons: EscalationReason[] = reasonsFor(item, snapshot.triggers);
    let spike: { key: string; label: string } | undefined;
    if (countsTowardsSpike(item, settings)) {
      for (const scope of scopesOf(item)) {
        const total = await countNegative(trx, scope.key, createdAt, settings.spikeWindowMinutes);
        if (!spike && total >= settings.spikeCount && snapshot.now.getTime() - createdAt.getTime() <= settings.spikeWindowMinutes * 60_000) spike = scope;
      }
    }
    if (spike) reasons.push('spike');
    if (!reasons.length) return;
    const at = snapshot.now.toISOString();
    await trx.updateTable('items').set({ flag: JSON.stringify(reasons) }).where('id', '=', item.id).execute();
    const emergency = reasons.includes('emergency');
    const scope = spike ?? (emergency ? { key: `item:${item.id}`, label: 'un message urgent' } : scopesOf(item)[0]!);
    const page = !snapshot.office && recent;
    const crisis = await joinOrOpen(trx, item, { scope, reasons, kind: spike ? 'spike' : 'alert', page, at, settings });
    if (page && !crisis.paged) await pageLevel(trx, crisis, { level: 1, person: snapshot.level1, at, settings });
    // Outside office hours an urgent request does not wait for Monday: the claim is opened now.
    if (page && emergency && item.request_category) await enqueueClaim(trx, item, at, snapshot.triggers);
  }

  async function joinOrOpen(trx: Trx, item: ItemRow, o: { scope: { key: string; label: string }; reasons: EscalationReason[]; kind: 'alert' | 'spike'; page: boolean; at: string; settings: EscalationSettings }): Promise<CrisisRow> {
    const scopes = o.kind === 'spike' ? scopesOf(item).map((s) => s.key) : [o.scope.key];
    const open = await openCrisisOn(trx, scopes);
    if (open) {
      await attachItem(trx, open.id, item.id, o.at);
      const reasons = [...new Set([...(JSON.parse(open.reasons) as EscalationReason[]), ...o.reasons])];
      const upgrade = o.kind === 'spike' && open.kind !== 'spike';
      await trx
        .updateTable('crises')
        .set({ reasons: JSON.stringify(reasons), ...(upgrade ? { kind: 'spike', scope: o.scope.key, scope_label: await scopeLabel(trx, o.scope) } : {}) })
        .where('id', '=', open.id)
        .execute();
      await addCrisisEvent(trx, open.id, { kind: upgrade ? 'spike' : 'item', actor: 'system', detail: { itemId: item.id, reasons: o.reasons }, at: o.at });
      return (await crisisById(trx, open.id))!;
    }
    const crisis: CrisisRow = {
      id: randomUUID(),
      kind: o.kind,
      scope: o.scope.key,
      scope_label: await scopeLabel(trx, o.scope),
      state: 'open',
      reasons: JSON.stringify(o.reasons),
      paged: 0,
      level: 0,
      opened_at: o.at,
      escalate_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
      closed_at: null,
      closed_by: null,
      item_count: 0,
    };
    await trx.insertInto('crises').values(crisis).execute();
    await addCrisisEvent(trx, crisis.id, { kind: 'opened', actor: 'system', detail: { kind: o.kind, reasons: o.reasons, paged: o.page }, at: o.at });
    if (o.kind === 'spike') {
      // The items that made the spike join it, not only the one that tipped it over.
      const window = new Date(new Date(item.created_at).getTime() - o.settings.spikeWindowMinutes * 60_000).toISOString();
      const earlier = await itemsOfScope(trx, o.scope.key, window);
      for (const row of earlier) if (countsTowardsSpike(row, o.settings)) await attachItem(trx, crisis.id, row.id, o.at);
    }
    await attachItem(trx, crisis.id, item.id, o.at);
    return (await crisisById(trx, crisis.id))!;
  }

  function itemsOfScope(trx: Trx, scope: string, since: string) {
    const [kind, ...rest] = scope.split(':');
    let query = trx.selectFrom('items').selectAll().where('created_at', '>=', since);
    if (kind === 'account') query = query.where('source', 'like', `${rest[0]}%`).where('account_id', '=', rest.slice(1).join(':'));
    else if (kind === 'residence') query = query.where('residence', '=', rest.join(':'));
    else if (kind === 'worksite') query = query.where('worksite_slug', '=', rest.join(':'));
    else return Promise.resolve([] as ItemRow[]);
    return query.limit(500).execute();
  }

  async function scopeLabel(trx: Trx, scope: { key: string; label: string }): Promise<string> {
    const [kind, network, ...id] = scope.key.split(':');
    if (kind !== 'account' || !network) return scope.label;
    const account = await trx.selectFrom('connector_accounts').select('name').where('account_key', '=', `${network}:${id.join(':')}`).executeTakeFirst();
    return account ? `${network === 'facebook' ? 'la Page' : 'le compte X'} « ${account.name} »` : scope.label;
  }

  /** Notifies one level: one outbox row per channel of the person on call; none if nobody is. */
  async function pageLevel(trx: Trx, crisis: CrisisRow, call: { level: 1 | 2; person: OnCallPerson | null; at: string; settings: EscalationSettings }) {
    const { level, person, at, settings } = call;
    const escalateAt = level === 1 ? new Date(new Date(at).getTime() + (person ? settings.ackMinutes * 60_000 : 0)).toISOString() : null;
    await trx.updateTable('crises').set({ paged: 1, level, escalate_at: escalateAt }).where('id', '=', crisis.id).execute();
    if (!person) {
      await addCrisisEvent(trx, crisis.id, { kind: 'notified', actor: 'system', detail: { level, nobody: true }, at });
      return;
    }
    const rows = notificationRows(crisis.id, level, person, at);
    await trx.insertInto('outbox').values(rows).onConflict((oc) => oc.column('idempotency_key').doNothing()).execute();
    await addCrisisEvent(trx, crisis.id, { kind: 'notified', actor: 'system', detail: { level, name: person.name, channels: rows.map((r) => r.network) }, at });
    deps.kick();
  }

  async function enqueueClaim(trx: Trx, item: ItemRow, at: string, triggers: CompiledTriggers) {
    await trx
      .insertInto('outbox')
      .values(newOutboxRow({ kind: 'open_claim', itemId: item.id, network: 'internal', accountId: 'astreinte', target: item.id, payload: JSON.stringify({ emergency: true, words: emergencyWordsIn(item.text, triggers) }), idempotencyKey: `open_claim:${item.id}`, at }))
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
  }

  /** Calls level 2 for the crises level 1 left unacknowledged. Safe with several workers. */
  async function tick(): Promise<number> {
    const now = clock();
    const at = now.toISOString();
    const due = await db
      .selectFrom('crises')
      .selectAll()
      .where('state', '=', 'open')
      .where('paged', '=', 1)
      .where('level', '=', 1)
      .where('acknowledged_at', 'is', null)
      .where('escalate_at', '<=', at)
      .execute();
    let escalated = 0;
    // Read before the transactions: on SQLite a query outside them would wait for their connection.
    const person = due.length ? await deps.onCallAt(now, 2) : null;
    const settings = due.length ? await deps.readSettings() : undefined;
    for (const crisis of due) {
      const done = await db.transaction().execute(async (trx) => {
        const taken = await trx.updateTable('crises').set({ level: 2, escalate_at: null }).where('id', '=', crisis.id).where('level', '=', 1).where('acknowledged_at', 'is', null).executeTakeFirst();
        if (!Number(taken.numUpdatedRows)) return false;
        await addCrisisEvent(trx, crisis.id, { kind: 'escalated', actor: 'system', detail: { level: 2, reason: 'pas de prise en charge au niveau 1' }, at });
        await pageLevel(trx, { ...crisis, level: 2 }, { level: 2, person, at, settings: settings! });
        return true;
      });
      if (done) escalated += 1;
    }
    return escalated;
  }

  /** Someone takes the crisis: escalation stops. Returns false when it was already taken. */
  async function acknowledge(crisisId: string, who: { actor: string; name: string }): Promise<boolean> {
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const crisis = await crisisById(trx, crisisId);
      if (!crisis) throw new HubError('NOT_FOUND');
      if (crisis.acknowledged_at || crisis.state !== 'open') return false;
      await trx.updateTable('crises').set({ acknowledged_at: at, acknowledged_by: who.name, escalate_at: null }).where('id', '=', crisisId).execute();
      await addCrisisEvent(trx, crisisId, { kind: 'acknowledged', actor: who.actor, detail: { name: who.name }, at });
      await audit(trx, { actor: who.actor, action: 'crisis.acknowledge', targetType: 'crisis', targetId: crisisId, before: { acknowledged: false }, after: { acknowledged: true, by: who.name }, at });
      return true;
    });
  }

  async function close(crisisId: string, who: { actor: string; name: string }, note: string): Promise<CrisisRow> {
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const crisis = await crisisById(trx, crisisId);
      if (!crisis) throw new HubError('NOT_FOUND');
      if (crisis.state !== 'open') throw new HubError('CRISIS_CLOSED');
      await trx.updateTable('crises').set({ state: 'closed', closed_at: at, closed_by: who.name, escalate_at: null }).where('id', '=', crisisId).execute();
      await addCrisisEvent(trx, crisisId, { kind: 'closed', actor: who.actor, detail: { name: who.name, note }, at });
      await audit(trx, { actor: who.actor, action: 'crisis.close', targetType: 'crisis', targetId: crisisId, before: { state: 'open' }, after: { state: 'closed', note }, at });
      return (await crisisById(trx, crisisId))!;
    });
  }

  async function note(crisisId: string, who: { actor: string; name: string }, kind: 'note' | 'statement', text: string) {
    const at = clock().toISOString();
    const crisis = await crisisById(db, crisisId);
    if (!crisis) throw new HubError('NOT_FOUND');
    await addCrisisEvent(db, crisisId, { kind, actor: who.actor, detail: { name: who.name, text }, at });
  }

  return {
    prepare,
    record,
    tick,
    acknowledge,
    close,
    note,
    crisis: (id: string) => crisisById(db, id),
    events: (id: string) => crisisEvents(db, id),
    items: (id: string) => crisisItems(db, id),
    list: (openOnly: boolean, limit = 50) => listCrises(db, { openOnly, limit }),
  };
}

export type Escalation = ReturnType<typeof createEscalation>;

/** The outbox rows paging one person: an e-mail, and the webhook when the person has one. */
export function notificationRows(crisisId: string, level: number, person: OnCallPerson, at: string): OutboxTable[] {
  const payload = JSON.stringify({ crisisId, level, memberId: person.id, name: person.name });
  const rows = [newOutboxRow({ kind: 'oncall_email', itemId: `crisis:${crisisId}`, network: 'mail', accountId: person.id, target: person.email, payload, idempotencyKey: `oncall:${crisisId}:${level}:email:${person.id}`, at })];
  if (person.webhookUrl) rows.push(newOutboxRow({ kind: 'oncall_webhook', itemId: `crisis:${crisisId}`, network: 'webhook', accountId: person.id, target: person.webhookUrl, payload, idempotencyKey: `oncall:${crisisId}:${level}:webhook:${person.id}`, at }));
  return rows;
}


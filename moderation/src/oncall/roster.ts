/**
 * The on-call roster (astreinte): people at level 1 and level 2, each taking a week in turn
 * (rotation.ts states the rule). Edited in the console by administrators, or provisioned at
 * start from ONCALL_ROSTER; every change is audited with before and after.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { Database, OncallMembersTable } from '../db/schema.ts';
import { HubError } from '../errors.ts';
import { rotationWeek, shiftWeek, turnOf } from './rotation.ts';
import { audited, toMember, type OnCallMember } from './member.ts';
import { planProvision } from './provision.ts';
import {
  levelSchema,
  memberInputSchema,
  memberPatchSchema,
  parseOrThrow,
  rosterEntrySchema,
  type Level,
  type MemberInput,
  type MemberPatch,
  type RosterEntry,
} from './validation.ts';
import type { Clock } from '../clock.ts';

export type { OnCallMember } from './member.ts';

type Executor = Db | Transaction<Database>;

export interface RotationEntry {
  /** Monday 09:00, Paris. */
  weekStart: Date;
  /** The next Monday 09:00, Paris (excluded). */
  weekEnd: Date;
  level1: OnCallMember | null;
  level2: OnCallMember | null;
}

export const MAX_ROTATION_WEEKS = 52;

const isUniqueViolation = (error: unknown) => /unique/i.test((error as Error).message ?? '') || (error as { code?: string }).code === '23505';
const duplicate = () => new HubError('DUPLICATE', { message: 'Cette adresse e-mail est déjà dans l’astreinte à ce niveau.' });

function rowsOf(executor: Executor, level?: Level) {
  let query = executor.selectFrom('oncall_members').selectAll();
  if (level) query = query.where('level', '=', level);
  return query.orderBy('level').orderBy('rotation_order').orderBy('created_at').orderBy('id').execute();
}

export function createRoster({ db, clock }: { db: Db; clock: Clock }) {
  /** Everyone, by level then rotation order. */
  async function list(): Promise<OnCallMember[]> {
    return (await rowsOf(db)).map(toMember);
  }

  /** Who is on call at `at` for `level`: the active member whose week it is, or null if nobody is active. */
  async function onCallAt(at: Date, level: 1 | 2): Promise<OnCallMember | null> {
    const active = (await rowsOf(db, level)).filter((r) => r.active === 1).map(toMember);
    return turnOf(active, rotationWeek(at).index);
  }

  /** The rotation week containing `from` and the following ones, `weeks` in all (1 to 52). */
  async function rotation(from: Date, weeks: number): Promise<RotationEntry[]> {
    const count = Math.min(Math.max(Math.trunc(weeks), 1), MAX_ROTATION_WEEKS);
    const active = (await list()).filter((m) => m.active);
    const level1 = active.filter((m) => m.level === 1);
    const level2 = active.filter((m) => m.level === 2);
    const first = rotationWeek(from);
    return Array.from({ length: count }, (_, i) => {
      const week = shiftWeek(first, i);
      return { weekStart: week.start, weekEnd: week.end, level1: turnOf(level1, week.index), level2: turnOf(level2, week.index) };
    });
  }

  /** The rotation from the week in progress (the service's clock). */
  function upcoming(weeks: number): Promise<RotationEntry[]> {
    return rotation(clock(), weeks);
  }

  async function find(executor: Executor, id: string): Promise<OnCallMember> {
    const row = await executor.selectFrom('oncall_members').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new HubError('NOT_FOUND', { message: 'Cette personne n’est plus dans l’astreinte.' });
    return toMember(row);
  }

  async function nextOrder(executor: Executor, level: Level): Promise<number> {
    const row = await executor.selectFrom('oncall_members').select((eb) => eb.fn.max('rotation_order').as('last')).where('level', '=', level).executeTakeFirst();
    return row?.last == null ? 0 : Number(row.last) + 1;
  }

  async function emailTaken(executor: Executor, level: Level, email: string, exceptId?: string) {
    let query = executor.selectFrom('oncall_members').select('id').where('level', '=', level).where('email', '=', email);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  /** Adds a member at the end of their level's rotation. */
  async function add(input: MemberInput, actor: string): Promise<OnCallMember> {
    const member = parseOrThrow(memberInputSchema, input);
    const at = clock().toISOString();
    try {
      return await db.transaction().execute(async (trx) => {
        if (await emailTaken(trx, member.level, member.email)) throw duplicate();
        const row: OncallMembersTable = {
          id: randomUUID(),
          level: member.level,
          name: member.name,
          email: member.email,
          webhook_url: member.webhookUrl,
          rotation_order: await nextOrder(trx, member.level),
          active: member.active ? 1 : 0,
          created_at: at,
          updated_at: at,
        };
        await trx.insertInto('oncall_members').values(row).execute();
        const added = toMember(row);
        await audit(trx, { actor, action: 'oncall.add', targetType: 'oncall_member', targetId: row.id, after: audited(added), at });
        return added;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? duplicate() : error;
    }
  }

  /** Changes the fields given; a member moved to the other level goes to the end of its rotation. */
  async function update(id: string, patch: MemberPatch, actor: string): Promise<OnCallMember> {
    const changes = parseOrThrow(memberPatchSchema, patch);
    const at = clock().toISOString();
    try {
      return await db.transaction().execute(async (trx) => {
        const before = await find(trx, id);
        const level = changes.level ?? before.level;
        const email = changes.email ?? before.email;
        if ((level !== before.level || email !== before.email) && (await emailTaken(trx, level, email, id))) throw duplicate();
        const set = {
          level,
          name: changes.name ?? before.name,
          email,
          webhook_url: changes.webhookUrl === undefined ? before.webhookUrl : changes.webhookUrl,
          active: (changes.active ?? before.active) ? 1 : 0,
          rotation_order: level === before.level ? before.rotationOrder : await nextOrder(trx, level),
          updated_at: at,
        };
        await trx.updateTable('oncall_members').set(set).where('id', '=', id).execute();
        const after = await find(trx, id);
        await audit(trx, { actor, action: 'oncall.update', targetType: 'oncall_member', targetId: id, before: audited(before), after: audited(after), at });
        return after;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? duplicate() : error;
    }
  }

  /** Takes a member out of the roster; the others keep their turns in order. */
  async function remove(id: string, actor: string): Promise<OnCallMember> {
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const before = await find(trx, id);
      await trx.deleteFrom('oncall_members').where('id', '=', id).execute();
      await audit(trx, { actor, action: 'oncall.remove', targetType: 'oncall_member', targetId: id, before: audited(before), at });
      return before;
    });
  }

  /** Sets the rotation order of `level`: `ids` must name each of its members once. */
  async function reorder(level: 1 | 2, ids: string[], actor: string): Promise<OnCallMember[]> {
    parseOrThrow(levelSchema, level);
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const before = (await rowsOf(trx, level)).map(toMember);
      const known = new Set(before.map((m) => m.id));
      if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
        throw new HubError('INVALID_ONCALL', { message: 'Le nouvel ordre doit reprendre chaque personne du niveau une fois, et elles seules. Rechargez la page et recommencez.' });
      }
      for (const [order, id] of ids.entries()) await trx.updateTable('oncall_members').set({ rotation_order: order, updated_at: at }).where('id', '=', id).execute();
      const after = (await rowsOf(trx, level)).map(toMember);
      const names = (members: OnCallMember[]) => members.map((m) => `${m.name} <${m.email}>`);
      await audit(trx, { actor, action: 'oncall.reorder', targetType: 'oncall_level', targetId: String(level), before: names(before), after: names(after), at });
      return after;
    });
  }

  /**
   * ONCALL_ROSTER at start. The people it lists are upserted by (level, e-mail): name, webhook
   * and turn come from the list (its order, before anyone else of the level) and they are made
   * active again. People not in the list stay as the console left them, after the listed ones,
   * in their previous order. Nothing is written (nor audited) when nothing changes.
   */
  async function provision(entries: RosterEntry[], actor = 'system'): Promise<{ added: number; updated: number; unchanged: number }> {
    const wanted = entries.map((entry) => parseOrThrow(rosterEntrySchema, entry));
    const keys = wanted.map((e) => `${e.level}:${e.email}`);
    const twice = keys.find((key, i) => keys.indexOf(key) !== i);
    if (twice) throw new HubError('INVALID_ONCALL', { message: `ONCALL_ROSTER cite deux fois ${twice.slice(2)} au niveau ${twice[0]}.` });
    const counts = { added: 0, updated: 0, unchanged: 0 };
    if (!wanted.length) return counts;
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      const changed: { before: OnCallMember | null; after: OnCallMember }[] = [];
      for (const row of planProvision((await rowsOf(trx)).map(toMember), wanted)) {
        const { existing } = row;
        const same = existing && existing.name === row.name && existing.webhookUrl === row.webhookUrl && existing.rotationOrder === row.rotationOrder && existing.active === row.active;
        if (same) {
          if (row.listed) counts.unchanged++;
          continue;
        }
        const values = { name: row.name, webhook_url: row.webhookUrl, rotation_order: row.rotationOrder, active: row.active ? 1 : 0, updated_at: at };
        // An upsert, so that several workers starting together on PostgreSQL add each person once.
        await trx
          .insertInto('oncall_members')
          .values({ id: existing?.id ?? randomUUID(), level: row.level, email: row.email, created_at: at, ...values })
          .onConflict((oc) => oc.columns(['level', 'email']).doUpdateSet(values))
          .execute();
        if (row.listed) counts[existing ? 'updated' : 'added']++;
        const after = await trx.selectFrom('oncall_members').selectAll().where('level', '=', row.level).where('email', '=', row.email).executeTakeFirstOrThrow();
        changed.push({ before: existing, after: toMember(after) });
      }
      if (!changed.length) return;
      await audit(trx, {
        actor,
        action: 'oncall.provision',
        targetType: 'oncall_roster',
        targetId: 'ONCALL_ROSTER',
        before: changed.flatMap((c) => (c.before ? [audited(c.before)] : [])),
        after: changed.map((c) => audited(c.after)),
        at,
      });
    });
    return counts;
  }


  return { list, onCallAt, rotation, upcoming, add, update, remove, reorder, provision };
}

export type Roster = ReturnType<typeof createRoster>;

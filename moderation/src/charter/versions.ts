import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { HubError } from '../errors.ts';
import { compileCharter, defaultCharter, judge, type CompiledCharter } from './index.ts';
import type { Charter, CharterRule, Verdict } from './types.ts';
import type { Clock } from '../clock.ts';

/**
 * The charter's versions, kept in the database: every edit makes a new version, every decision
 * records the version it was taken under. The compiled form is cached per version.
 */
export function createCharterBook({ db, clock }: { db: Db; clock: Clock }) {
  let cached: { version: number; compiled: CompiledCharter; charter: Charter } | null = null;

  async function latestVersion(): Promise<number | null> {
    const row = await db.selectFrom('charters').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
    return row?.version == null ? null : Number(row.version);
  }

  async function load(version: number) {
    const row = await db.selectFrom('charters').selectAll().where('version', '=', version).executeTakeFirstOrThrow();
    const charter: Charter = { version, rules: JSON.parse(row.rules) as CharterRule[] };
    return { version, compiled: compileCharter(charter), charter };
  }

  /** The charter in force; another worker's edit is picked up at the next item. */
  async function current() {
    const version = await latestVersion();
    if (version === null) throw new Error('no charter: ensureDefault() was not called');
    if (cached?.version !== version) cached = await load(version);
    return cached;
  }

  async function ensureDefault() {
    if ((await latestVersion()) !== null) return;
    await db
      .insertInto('charters')
      .values({ version: 1, rules: JSON.stringify(defaultCharter.rules), created_at: clock().toISOString(), created_by: 'system', note: 'Charte par défaut du hub' })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
  }

  /** Saves `rules` as the next version, after checking that they compile. */
  async function save(actorId: string, rules: CharterRule[], note: string | null) {
    const at = clock().toISOString();
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('charters').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
      const previous = Number(row?.version ?? 0);
      const version = previous + 1;
      try {
        compileCharter({ version, rules });
      } catch (error) {
        throw new HubError('INVALID_CHARTER', { message: `La charte n’est pas valide : ${(error as Error).message}` });
      }
      await trx.insertInto('charters').values({ version, rules: JSON.stringify(rules), created_at: at, created_by: `user:${actorId}`, note }).execute();
      await audit(trx, { actor: `user:${actorId}`, action: 'charter.save', targetType: 'charter', targetId: String(version), before: { version: previous }, after: { version, rules }, at });
      return { version, rules };
    });
  }

  /** What the charter in force would do with `text`, for the console's « essayer » panel. */
  async function tryText(text: string): Promise<Verdict> {
    const { compiled } = await current();
    const now = clock();
    return judge(compiled, { text, authorKey: 'essai', createdAt: now }, { now, recentByAuthor: [] });
  }

  async function history(limit = 20) {
    return db.selectFrom('charters').select(['version', 'created_at', 'created_by', 'note']).orderBy('version', 'desc').limit(limit).execute();
  }

  return { current, ensureDefault, save, tryText, history, judge };
}

export type CharterBook = ReturnType<typeof createCharterBook>;

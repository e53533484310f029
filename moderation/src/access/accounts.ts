import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { UsersTable } from '../db/schema.ts';
import { HubError } from '../errors.ts';
import { DUMMY_HASH, hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords.ts';
import { createLoginThrottle } from './throttle.ts';
import type { Role } from './roles.ts';
import type { Clock } from '../clock.ts';

export interface ConsoleUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  signature: string;
}

const toUser = (row: UsersTable): ConsoleUser => ({ id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, signature: row.signature });
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Console accounts and their sessions: passwords hashed with scrypt, lockout (throttle.ts), expiring sessions. */
export function createAccounts({ db, clock, sessionHours, checkMs = 15_000 }: { db: Db; clock: Clock; sessionHours: number; /** How often `watch` looks at a session in the database. */ checkMs?: number }) {
  const throttle = createLoginThrottle({ db, clock });
  /** Sessions logged out in this process, by token hash. */
  const ended = new EventEmitter();
  ended.setMaxListeners(0);

  async function create(actorId: string, input: { email: string; displayName: string; role: Role; password: string; signature?: string }) {
    const problem = passwordProblem(input.password);
    if (problem) throw new HubError('INVALID_INPUT', { message: problem });
    const email = input.email.trim().toLowerCase();
    const exists = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (exists) throw new HubError('DUPLICATE', { message: 'Un compte existe déjà avec cette adresse.' });
    const at = clock().toISOString();
    const row: UsersTable = {
      id: randomUUID(),
      email,
      display_name: input.displayName.trim(),
      role: input.role,
      password_hash: await hashPassword(input.password),
      signature: input.signature?.trim() || `${input.displayName.trim()}, de l’équipe communication`,
      failed_attempts: 0,
      locked_until: null,
      created_at: at,
      disabled: 0,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(row).execute();
      await audit(trx, { actor: actorId, action: 'user.create', targetType: 'user', targetId: row.id, after: { email, role: input.role }, at });
    });
    return toUser(row);
  }

  /** On an empty database, the administrator named by the deployment. */
  async function ensureFirstAdmin(email: string, password: string) {
    if (!password) return null;
    const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (any) return null;
    return create('system', { email, displayName: 'Administrateur', role: 'admin', password });
  }

  /**
   * Checks the password; after five failures the address typed is locked for fifteen minutes.
   * An unknown (or disabled) address gets the same answers, after the same work (a password
   * hash checked), as a known one. A hash made with older parameters is redone on success.
   * Each login opens a new session under a fresh random token: a cookie sent before it never
   * becomes the session.
   */
  async function login(emailInput: string, password: string): Promise<{ user: ConsoleUser; token: string; expiresAt: Date }> {
    const email = emailInput.trim().toLowerCase();
    const attempt = await throttle.begin(email);
    if (attempt.locked) throw new HubError('LOCKED');
    const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    const known = row && !row.disabled ? row : null;
    const right = await verifyPassword(password, known?.password_hash ?? DUMMY_HASH);
    const now = clock();
    if (!known || !right) {
      const locked = await throttle.failed(attempt);
      if (known) await audit(db, { actor: `user:${known.id}`, action: locked ? 'session.locked' : 'session.failed', targetType: 'user', targetId: known.id, at: now.toISOString() });
      throw new HubError(locked ? 'LOCKED' : 'BAD_CREDENTIALS');
    }
    await throttle.succeeded(attempt);
    const rehashed = needsRehash(known.password_hash) ? await hashPassword(password) : null;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
    await db.transaction().execute(async (trx) => {
      if (rehashed) await trx.updateTable('users').set({ password_hash: rehashed }).where('id', '=', known.id).where('password_hash', '=', known.password_hash).execute();
      await trx.insertInto('sessions').values({ token_hash: tokenHash(token), user_id: known.id, created_at: now.toISOString(), expires_at: expiresAt.toISOString() }).execute();
      await audit(trx, { actor: `user:${known.id}`, action: 'session.login', targetType: 'user', targetId: known.id, at: now.toISOString() });
    });
    return { user: toUser(known), token, expiresAt };
  }

  /** The user behind a session cookie, or null when it is unknown or expired. */
  async function resolve(token: string | undefined): Promise<ConsoleUser | null> {
    if (!token) return null;
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select('sessions.expires_at')
      .where('sessions.token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!row || row.disabled || row.expires_at <= clock().toISOString()) return null;
    return toUser(row);
  }

  async function logout(token: string | undefined) {
    if (!token) return;
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
    ended.emit(tokenHash(token));
  }

  /**
   * Calls `onEnd` once when the session of `token` ends: logged out here (at once), expired (at
   * its expiry), or logged out by another process, account disabled (seen within `checkMs`).
   * Returns how to stop watching. For what outlives a request: the live feed.
   */
  function watch(token: string | undefined, onEnd: () => void): () => void {
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const key = token ? tokenHash(token) : '';
    const stop = () => {
      done = true;
      timers.forEach(clearTimeout);
      ended.off(key, end);
    };
    function end() {
      if (done) return;
      stop();
      onEnd();
    }
    if (!token) {
      queueMicrotask(end);
      return stop;
    }
    ended.on(key, end);
    const check = async () => {
      if (done) return;
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.expires_at', 'users.disabled'])
        .where('sessions.token_hash', '=', key)
        .executeTakeFirst()
        .catch(() => 'unknown' as const);
      if (done) return;
      if (row !== 'unknown' && (!row || row.disabled || row.expires_at <= clock().toISOString())) return end();
      // Next look: within checkMs, or just after the expiry; the database did not answer: later.
      const untilExpiry = row === 'unknown' ? checkMs : Date.parse(row.expires_at) - clock().getTime();
      timers.splice(0).forEach(clearTimeout);
      timers.push(setTimeout(() => void check(), Math.max(0, Math.min(checkMs, untilExpiry + 5))).unref());
    };
    void check();
    return stop;
  }

  async function list() {
    const rows = await db.selectFrom('users').selectAll().where('disabled', '=', 0).orderBy('display_name').execute();
    return rows.map(toUser);
  }

  async function byId(id: string) {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  /** What the lockout holds for an address typed at sign-in (known account or not). */
  const lockoutOf = (emailInput: string) => throttle.stateOf(emailInput.trim().toLowerCase());

  return { create, ensureFirstAdmin, login, resolve, logout, watch, list, byId, lockoutOf };
}

export type Accounts = ReturnType<typeof createAccounts>;

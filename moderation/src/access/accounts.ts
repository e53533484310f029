import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { UsersTable } from '../db/schema.ts';
import { HubError } from '../errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import type { Clock } from '../clock.ts';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

export interface ConsoleUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  signature: string;
}

const toUser = (row: UsersTable): ConsoleUser => ({ id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, signature: row.signature });
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Console accounts and their sessions: passwords hashed with scrypt, lockout, expiring sessions. */
export function createAccounts({ db, clock, sessionHours }: { db: Db; clock: Clock; sessionHours: number }) {
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

  /** Checks the password; after five failures the account is locked for fifteen minutes. */
  async function login(emailInput: string, password: string): Promise<{ user: ConsoleUser; token: string; expiresAt: Date }> {
    const now = clock();
    const email = emailInput.trim().toLowerCase();
    const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (!row || row.disabled) {
      await verifyPassword(password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'); // same cost either way
      throw new HubError('BAD_CREDENTIALS');
    }
    if (row.locked_until && row.locked_until > now.toISOString()) throw new HubError('LOCKED');
    if (!(await verifyPassword(password, row.password_hash))) {
      const failures = row.failed_attempts + 1;
      const locked = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
      await db.updateTable('users').set({ failed_attempts: locked ? 0 : failures, locked_until: locked }).where('id', '=', row.id).execute();
      await audit(db, { actor: `user:${row.id}`, action: locked ? 'session.locked' : 'session.failed', targetType: 'user', targetId: row.id, at: now.toISOString() });
      throw new HubError(locked ? 'LOCKED' : 'BAD_CREDENTIALS');
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
      await trx.insertInto('sessions').values({ token_hash: tokenHash(token), user_id: row.id, created_at: now.toISOString(), expires_at: expiresAt.toISOString() }).execute();
      await audit(trx, { actor: `user:${row.id}`, action: 'session.login', targetType: 'user', targetId: row.id, at: now.toISOString() });
    });
    return { user: toUser(row), token, expiresAt };
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
    if (token) await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
  }

  async function list() {
    const rows = await db.selectFrom('users').selectAll().where('disabled', '=', 0).orderBy('display_name').execute();
    return rows.map(toUser);
  }

  async function byId(id: string) {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  return { create, ensureFirstAdmin, login, resolve, logout, list, byId };
}

export type Accounts = ReturnType<typeof createAccounts>;

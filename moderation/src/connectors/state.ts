import type { Db } from '../db/database.ts';
import type { ConnectorAccountsTable } from '../db/schema.ts';
import { budgetLeft } from './poller.ts';

/** What the console shows of a social account (never a token). */
export interface SocialAccountState {
  key: string;
  network: string;
  accountId: string;
  name: string;
  lastPollAt: string | null;
  lagSeconds: number | null;
  itemsToday: number;
  lastError: string | null;
  tokenState: string;
  rateLimitedUntil: string | null;
  /** X: posts still readable today (Paris day); null for Facebook. */
  budgetLeft: number | null;
}

export function toAccountState(row: ConnectorAccountsTable, now: Date, dailyReadBudget?: number): SocialAccountState {
  const today = now.toISOString().slice(0, 10);
  const limited = row.rate_limited_until && Date.parse(row.rate_limited_until) > now.getTime() ? row.rate_limited_until : null;
  return {
    key: row.account_key,
    network: row.network,
    accountId: row.account_id,
    name: row.name,
    lastPollAt: row.last_poll_at,
    lagSeconds: row.last_success_at ? Math.max(0, Math.round((now.getTime() - Date.parse(row.last_success_at)) / 1000)) : null,
    itemsToday: row.items_day === today ? row.items_today : 0,
    lastError: row.last_error,
    tokenState: row.token_state,
    rateLimitedUntil: limited,
    budgetLeft: budgetLeft(row, dailyReadBudget, now),
  };
}

export async function socialAccountStates(db: Db, now: Date, dailyReadBudget?: number): Promise<SocialAccountState[]> {
  const rows = await db.selectFrom('connector_accounts').selectAll().orderBy('network').orderBy('name').execute();
  return rows.map((row) => toAccountState(row, now, dailyReadBudget));
}

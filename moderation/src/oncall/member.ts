/** An on-call member as the rest of the service sees it, and as the audit log keeps it. */
import type { OncallMembersTable } from '../db/schema.ts';
import { webhookHost, type Level } from './validation.ts';

export interface OnCallMember {
  id: string;
  level: Level;
  name: string;
  email: string;
  /** Where to POST the signed alert (an SMS or chat provider), or null. */
  webhookUrl: string | null;
  rotationOrder: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toMember = (row: OncallMembersTable): OnCallMember => ({
  id: row.id,
  level: row.level as Level,
  name: row.name,
  email: row.email,
  webhookUrl: row.webhook_url,
  rotationOrder: row.rotation_order,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** What the audit log keeps of a member: the webhook's host only, since its path often holds a token. */
export const audited = (m: OnCallMember) => ({ level: m.level, name: m.name, email: m.email, webhook: webhookHost(m.webhookUrl), rotationOrder: m.rotationOrder, active: m.active });

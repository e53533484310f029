/** How ONCALL_ROSTER merges into the roster in the database (the rule is in oncall/README.md). */
import type { OnCallMember } from './member.ts';
import { LEVELS, type Level, type ParsedRosterEntry } from './validation.ts';

export interface PlannedMember {
  level: Level;
  name: string;
  email: string;
  webhookUrl: string | null;
  rotationOrder: number;
  active: boolean;
  /** Named by ONCALL_ROSTER. */
  listed: boolean;
  existing: OnCallMember | null;
}

/**
 * The roster after ONCALL_ROSTER, level by level: the people listed first, in the list's order,
 * active, with the list's name and webhook; then the others, as the console left them, in their
 * previous order.
 */
export function planProvision(existing: OnCallMember[], wanted: ParsedRosterEntry[]): PlannedMember[] {
  return LEVELS.flatMap((level) => {
    const listed = wanted.filter((e) => e.level === level);
    const emails = new Set(listed.map((e) => e.email));
    const others = existing.filter((m) => m.level === level && !emails.has(m.email));
    return [
      ...listed.map((e, i) => ({
        level,
        name: e.name,
        email: e.email,
        webhookUrl: e.webhook,
        rotationOrder: i,
        active: true,
        listed: true,
        existing: existing.find((m) => m.level === level && m.email === e.email) ?? null,
      })),
      ...others.map((m, i) => ({ level, name: m.name, email: m.email, webhookUrl: m.webhookUrl, rotationOrder: listed.length + i, active: m.active, listed: false, existing: m })),
    ];
  });
}

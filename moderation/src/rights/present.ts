import type { PersonFound } from './service.ts';
import { RECORD_LABELS } from './summary.ts';

/** One line of the console's results: what it is, when, and a short extract. */
export interface RecordView {
  id: string;
  at: string | null;
  title: string;
  detail: string | null;
}

export interface GroupView {
  kind: string;
  label: string;
  count: number;
  records: RecordView[];
}

const short = (text: string | null | undefined) => (text ? (text.length > 160 ? `${text.slice(0, 160)}…` : text) : null);

function group(kind: string, records: RecordView[]): GroupView {
  return { kind, label: RECORD_LABELS[kind] ?? kind, count: records.length, records };
}

/** The moderation records as the console shows them, grouped by package then by kind. */
export function presentFound(found: PersonFound) {
  const m = found.moderation;
  const moderation = {
    name: 'moderation',
    label: 'Modération',
    groups: [
      group('items', m.items.map((i) => ({ id: i.id, at: i.created_at, title: `${i.source} · ${i.author_name} · ${i.state}`, detail: short(i.text) }))),
      group('itemEvents', m.itemEvents.map((e) => ({ id: String(e.id), at: e.created_at, title: `${e.kind} · ${e.actor}`, detail: short(e.reason) }))),
      group('claims', m.claims.map((c) => ({ id: c.reference, at: c.created_at, title: `${c.reference} · ${c.status}`, detail: short(c.description) }))),
      group('claimPushes', m.claimPushes.map((p) => ({ id: p.id, at: p.updated_at, title: `${p.target_external_id} · ${p.state}`, detail: null }))),
      group('auditEntries', m.auditEntries.map((a) => ({ id: String(a.id), at: a.at, title: `${a.action} · ${a.actor}`, detail: null }))),
    ],
  };
  const others = found.others.map((o) => ({
    name: o.name,
    label: o.label,
    groups: Object.entries(o.records).map(([kind, rows]) => group(kind, rows.map((row, n) => ({ id: `${kind}-${n + 1}`, at: null, title: JSON.stringify(row).slice(0, 160), detail: null })))),
  }));
  const packages = [moderation, ...others];
  const total = packages.reduce((sum, p) => sum + p.groups.reduce((s, g) => s + g.count, 0), 0);
  return { identifierKind: found.identifier.kind, total, packages };
}

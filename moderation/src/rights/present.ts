import type { PersonFound } from './service.ts';
import { RECORD_LABELS } from './summary.ts';

/**
 * What a record is, fact by fact, as stored: the console writes each in French with its own labels
 * (source, state, event, actor, audit action, claim status, push state); `text` is shown as it is.
 */
export interface RecordFacts {
  source?: string;
  event?: string;
  auditAction?: string;
  text?: string;
  actor?: string;
  claimStatus?: string;
  pushState?: string;
  state?: string;
}

/** One line of the console's results: what it is, when, and a short extract. */
export interface RecordView extends RecordFacts {
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

/** A record from its facts; the title is the same facts in one raw line, for readers without labels. */
function record(id: string, at: string | null, facts: RecordFacts, detail: string | null = null): RecordView {
  return { id, at, title: Object.values(facts).join(' · '), ...facts, detail };
}

function group(kind: string, records: RecordView[]): GroupView {
  return { kind, label: RECORD_LABELS[kind] ?? kind, count: records.length, records };
}

type Row = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** Another package's row, by what its kind is known to hold (cms/src/privacy, letterbox-source.ts); raw JSON otherwise. */
function otherRecord(kind: string, n: number, row: Row): RecordView {
  const id = `${kind}-${n + 1}`;
  switch (kind) {
    case 'subscriptions':
      return record(id, str(row.created_at), { text: [row.email, row.topic, row.status].filter(Boolean).join(' · ') });
    case 'consents':
      return record(id, str(row.at), { text: [row.email, row.action, row.topic].filter(Boolean).join(' · ') });
    case 'sendLogs':
      return record(id, str(row.sent_at), { text: [row.email, row.topic, row.state].filter(Boolean).join(' · ') });
    case 'letters':
      return record(id, str(row.date), { text: `${String(row.to)} · ${String(row.subject)}` });
    default:
      return record(id, null, { text: JSON.stringify(row).slice(0, 160) });
  }
}

/** The moderation records as the console shows them, grouped by package then by kind. */
export function presentFound(found: PersonFound) {
  const m = found.moderation;
  const moderation = {
    name: 'moderation',
    label: 'Modération',
    groups: [
      group('items', m.items.map((i) => record(i.id, i.created_at, { source: i.source, text: i.author_name, state: i.state }, short(i.text)))),
      group('itemEvents', m.itemEvents.map((e) => record(String(e.id), e.created_at, { event: e.kind, actor: e.actor }, short(e.reason)))),
      group('claims', m.claims.map((c) => record(c.reference, c.created_at, { text: c.reference, claimStatus: c.status }, short(c.description)))),
      group('claimPushes', m.claimPushes.map((p) => record(p.id, p.updated_at, { text: p.target_external_id, pushState: p.state }))),
      group('auditEntries', m.auditEntries.map((a) => record(String(a.id), a.at, { auditAction: a.action, actor: a.actor }))),
    ],
  };
  const others = found.others.map((o) => ({
    name: o.name,
    label: o.label,
    groups: Object.entries(o.records).map(([kind, rows]) => group(kind, rows.map((row, n) => otherRecord(kind, n, row as Row)))),
  }));
  const packages = [moderation, ...others];
  const total = packages.reduce((sum, p) => sum + p.groups.reduce((s, g) => s + g.count, 0), 0);
  return { identifierKind: found.identifier.kind, total, packages };
}

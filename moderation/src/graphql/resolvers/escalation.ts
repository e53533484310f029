import type { CrisisRow } from '../../escalation/store.ts';
import { HOLDING_STATEMENTS } from '../../escalation/statements.ts';
import { timelineLabel } from '../../escalation/timeline.ts';
import { REASON_LABELS, type EscalationReason } from '../../escalation/triggers.ts';
import type { EscalationSettings } from '../../escalation/settings.ts';
import { HubError } from '../../errors.ts';
import type { GraphQLContext } from '../context.ts';

const MAX_NOTE = 2000;

/** How a stored crisis reads in GraphQL. */
export const Crisis = {
  scopeLabel: (row: CrisisRow) => row.scope_label,
  reasons: (row: CrisisRow) => (JSON.parse(row.reasons) as EscalationReason[]).map((r) => REASON_LABELS[r]),
  paged: (row: CrisisRow) => row.paged === 1,
  openedAt: (row: CrisisRow) => row.opened_at,
  escalateAt: (row: CrisisRow) => row.escalate_at,
  acknowledgedAt: (row: CrisisRow) => row.acknowledged_at,
  acknowledgedBy: (row: CrisisRow) => row.acknowledged_by,
  closedAt: (row: CrisisRow) => row.closed_at,
  closedBy: (row: CrisisRow) => row.closed_by,
  itemCount: (row: CrisisRow) => row.item_count,
  items: (row: CrisisRow, _: unknown, { services }: GraphQLContext) => services.escalation.items(row.id),
  async timeline(row: CrisisRow, _: unknown, { services }: GraphQLContext) {
    return (await services.escalation.events(row.id)).map((e) => ({ kind: e.kind, actor: e.actor, at: e.at, label: timelineLabel(e) }));
  },
};

function who(ctx: GraphQLContext) {
  return { actor: `user:${ctx.user!.id}`, name: ctx.user!.displayName };
}

async function found(ctx: GraphQLContext, id: string) {
  const crisis = await ctx.services.escalation.crisis(id);
  if (!crisis) throw new HubError('NOT_FOUND');
  return crisis;
}

function note(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new HubError('INVALID_INPUT', { message: 'Écrivez quelques mots.' });
  if (trimmed.length > MAX_NOTE) throw new HubError('TOO_LARGE');
  return trimmed;
}

export const escalationQuery = {
  crises: (_: unknown, args: { openOnly: boolean }, { services }: GraphQLContext) => services.escalation.list(args.openOnly),
  crisis: (_: unknown, args: { id: string }, { services }: GraphQLContext) => services.escalation.crisis(args.id),
  holdingStatements: () => HOLDING_STATEMENTS,
  escalationSettings: (_: unknown, __: unknown, { services }: GraphQLContext) => services.escalationSettings.read(),
};

export const escalationMutation = {
  async acknowledgeCrisis(_: unknown, args: { id: string }, ctx: GraphQLContext) {
    await found(ctx, args.id);
    await ctx.services.escalation.acknowledge(args.id, who(ctx));
    return found(ctx, args.id);
  },
  closeCrisis: (_: unknown, args: { id: string; note: string }, ctx: GraphQLContext) => ctx.services.escalation.close(args.id, who(ctx), note(args.note)),
  async addCrisisNote(_: unknown, args: { id: string; text: string }, ctx: GraphQLContext) {
    await ctx.services.escalation.note(args.id, who(ctx), 'note', note(args.text));
    return found(ctx, args.id);
  },
  async recordHoldingStatement(_: unknown, args: { id: string; statementId: string }, ctx: GraphQLContext) {
    const statement = HOLDING_STATEMENTS.find((s) => s.id === args.statementId);
    if (!statement) throw new HubError('NOT_FOUND');
    await ctx.services.escalation.note(args.id, who(ctx), 'statement', statement.title);
    return found(ctx, args.id);
  },
  saveEscalationSettings: (_: unknown, args: { input: EscalationSettings }, ctx: GraphQLContext) => ctx.services.escalationSettings.save(args.input, `user:${ctx.user!.id}`),
};

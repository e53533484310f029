import { checkWatchedTerms } from '../../charter/preview.ts';
import type { CharterRule } from '../../charter/types.ts';
import { HubError } from '../../errors.ts';
import type { GraphQLContext } from '../context.ts';

interface RuleInput {
  id: string;
  label: string;
  severity: CharterRule['severity'];
  action: CharterRule['action'];
  enabled: boolean;
  params: string;
}

function toRule(input: RuleInput): CharterRule {
  let params: unknown;
  try {
    params = JSON.parse(input.params);
  } catch {
    throw new HubError('INVALID_CHARTER', { message: `Les réglages de la règle « ${input.id} » ne sont pas du JSON valide.` });
  }
  return { ...input, params: params as CharterRule['params'] };
}

async function charterView({ services }: GraphQLContext) {
  const { charter } = await services.charter.current();
  return {
    version: charter.version,
    rules: charter.rules.map((r) => ({ ...r, kind: r.params.kind, params: JSON.stringify(r.params) })),
    history: async () => (await services.charter.history()).map((h) => ({ version: h.version, createdAt: h.created_at, createdBy: h.created_by, note: h.note })),
  };
}

export const charterQuery = {
  charter: (_: unknown, __: unknown, ctx: GraphQLContext) => charterView(ctx),
  async tryCharter(_: unknown, args: { text: string }, { services }: GraphQLContext) {
    if (args.text.length > 20_000) throw new HubError('TOO_LARGE');
    const verdict = await services.charter.tryText(args.text);
    return {
      action: verdict.decision,
      ruleIds: verdict.ruleIds,
      reasons: verdict.matches.map((m) => m.reason),
      requestCategory: verdict.request?.category ?? null,
      negativeScore: verdict.negative.score,
      personalData: verdict.personalData,
    };
  },
  async previewCharter(_: unknown, args: { rules: RuleInput[] }, { services }: GraphQLContext) {
    return services.previewCharter(args.rules.map(toRule));
  },
};

export const charterMutation = {
  async saveCharter(_: unknown, args: { rules: RuleInput[]; note?: string }, ctx: GraphQLContext) {
    const rules = args.rules.map(toRule);
    // The API keeps the watched words as the console does: no term twice, none too long.
    checkWatchedTerms(rules, (await ctx.services.charter.current()).charter.rules);
    await ctx.services.charter.save(ctx.user!.id, rules, args.note ?? null);
    return charterView(ctx);
  },
};

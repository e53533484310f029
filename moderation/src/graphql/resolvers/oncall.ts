import { describeStatus, REGIONS, REGION_CODES, regionLabel, type OfficeCalendar } from '../../calendar/index.ts';
import type { MemberInput, MemberPatch } from '../../oncall/validation.ts';
import { webhookHost } from '../../oncall/validation.ts';
import type { GraphQLContext } from '../context.ts';

const actor = (ctx: GraphQLContext) => `user:${ctx.user!.id}`;
const REGION_CHOICES = REGION_CODES.map((code) => ({ code, label: REGIONS[code].label }));

async function calendarView({ services }: GraphQLContext) {
  const { calendar, updatedAt, updatedBy } = await services.calendar.stored();
  return { ...calendar, regionLabel: regionLabel(calendar.region), updatedAt, updatedBy, regions: REGION_CHOICES };
}

export const oncallQuery = {
  officeCalendar: (_: unknown, __: unknown, ctx: GraphQLContext) => calendarView(ctx),
  isOfficeHoursNow: (_: unknown, __: unknown, { services }: GraphQLContext) => services.calendar.isOpenNow(),
  async officeStatus(_: unknown, __: unknown, { services }: GraphQLContext) {
    const status = await services.calendar.statusNow();
    return { ...status, summary: describeStatus(status) };
  },
  holidays: (_: unknown, args: { year: number; region?: string | null }, { services }: GraphQLContext) => services.calendar.holidays(args.year, args.region),
  oncallRoster: (_: unknown, __: unknown, { services }: GraphQLContext) => services.roster.list(),
  oncallRotation: (_: unknown, args: { weeks: number }, { services }: GraphQLContext) => services.roster.upcoming(args.weeks),
};

export const oncallMutation = {
  async saveOfficeCalendar(_: unknown, args: { input: OfficeCalendar }, ctx: GraphQLContext) {
    await ctx.services.calendar.save(args.input, actor(ctx));
    return calendarView(ctx);
  },
  addOncallMember: (_: unknown, args: { input: MemberInput }, ctx: GraphQLContext) => ctx.services.roster.add(args.input, actor(ctx)),
  updateOncallMember: (_: unknown, args: { id: string; input: MemberPatch }, ctx: GraphQLContext) => ctx.services.roster.update(args.id, args.input, actor(ctx)),
  removeOncallMember: (_: unknown, args: { id: string }, ctx: GraphQLContext) => ctx.services.roster.remove(args.id, actor(ctx)),
  reorderOncallMembers: (_: unknown, args: { level: 1 | 2; ids: string[] }, ctx: GraphQLContext) => ctx.services.roster.reorder(args.level, args.ids, actor(ctx)),
};

/** The webhook's host for everyone; the full address is left to the field's @auth (administrators). */
export const OnCallMember = {
  webhookHost: (member: { webhookUrl: string | null }) => webhookHost(member.webhookUrl),
};

import { invalid, parseDate, type DayInfo } from '@scf/domain';
import { calendarOverrides, clearCalendarDay, setCalendarDay, type CalendarOverrideRow } from '@scf/catalogue';
import type { CountyContext } from '../context.js';
import { requireDirector } from '../items/approval.js';

/** More than ten years of working days is a typo, and would walk the calendar for nothing. */
const MAX_DAYS = 2500;

const SOURCES = { override: 'OVERRIDE', library: 'LIBRARY', 'weekday-rule': 'WEEKDAY_RULE' } as const;
const day = (d: DayInfo) => ({ date: d.date, working: d.working, name: d.name ?? null, source: SOURCES[d.source] });

export const calendarResolvers = {
  Query: {
    async workingDaysAfter(_: unknown, args: { date: string; days: number }, ctx: CountyContext) {
      const date = parseDate(args.date, 'date');
      if (!Number.isInteger(args.days) || args.days < 0) invalid('days', `must be a whole number of working days, 0 or more, got ${args.days}`);
      if (args.days > MAX_DAYS) invalid('days', `${args.days} working days is more than ${MAX_DAYS}; check the figure`);
      return (await ctx.loaders.calendar()).workingDaysAfter(date, args.days);
    },
    async calendarDay(_: unknown, args: { date: string }, ctx: CountyContext) {
      return day((await ctx.loaders.calendar()).dayInfo(parseDate(args.date, 'date')));
    },
    calendarOverrides(_: unknown, args: { year?: number | null }, ctx: CountyContext) {
      if (args.year != null && (args.year < 1900 || args.year > 2200)) invalid('year', `${args.year} is not a year the calendar covers (1900–2200)`);
      return calendarOverrides(ctx.em, args.year ?? undefined);
    },
    async calendarYears(_: unknown, __: unknown, ctx: CountyContext) {
      return (await ctx.loaders.calendar()).coveredYears();
    },
  },
  CalendarOverride: {
    setAt: (o: CalendarOverrideRow) => new Date(o.setAt).toISOString(),
  },
  Mutation: {
    async setCalendarDay(_: unknown, args: { date: string; working: boolean; name?: string | null }, ctx: CountyContext) {
      const date = parseDate(args.date, 'date');
      const { username } = requireDirector(ctx);
      await setCalendarDay(ctx.em, { date, working: args.working, name: args.name }, username);
      return day((await ctx.loaders.calendar(true)).dayInfo(date));
    },
    async clearCalendarDay(_: unknown, args: { date: string }, ctx: CountyContext) {
      const date = parseDate(args.date, 'date');
      const { username } = requireDirector(ctx);
      await clearCalendarDay(ctx.em, date, username);
      return day((await ctx.loaders.calendar(true)).dayInfo(date));
    },
  },
};

import { invalid, parseDate, validateDivisionCode, type DayInfo } from '@scf/domain';
import { calendarOverrides, clearCalendarDay, setCalendarDay, type CalendarOverrideRow } from '@scf/catalogue';
import type { CountyContext } from '../context.js';
import { requireDirector } from '../items/approval.js';

/** More than ten years of working days is a typo, and would walk the calendar for nothing. */
const MAX_DAYS = 2500;

const SOURCES = { override: 'OVERRIDE', library: 'LIBRARY', 'weekday-rule': 'WEEKDAY_RULE' } as const;
const day = (d: DayInfo) => ({ date: d.date, working: d.working, name: d.name ?? null, source: SOURCES[d.source] });

/** The county a calendar question is about: the one named, else the signed-in member of staff's. */
function countyOf(ctx: CountyContext, countyCode: string | null | undefined): string {
  if (countyCode != null) return validateDivisionCode(countyCode, 'COUNTY', 'countyCode');
  if (ctx.actor) return ctx.actor.countyCode;
  return invalid('countyCode', '请指明查询哪个县的工作日历（countyCode，如 140925）：各县的节假日调整各不相同 / name the county (countyCode, e.g. 140925): each county keeps its own calendar entries');
}

export const calendarResolvers = {
  Query: {
    async workingDaysAfter(_: unknown, args: { date: string; days: number; countyCode?: string | null }, ctx: CountyContext) {
      const date = parseDate(args.date, 'date');
      if (!Number.isInteger(args.days) || args.days < 0) invalid('days', `工作日天数须为 0 或以上的整数，现为 ${args.days} / must be a whole number of working days, 0 or more, got ${args.days}`);
      if (args.days > MAX_DAYS) invalid('days', `${args.days} 个工作日超过上限 ${MAX_DAYS} 个工作日，请核对天数 / ${args.days} working days is more than ${MAX_DAYS}; check the figure`);
      return (await ctx.loaders.calendar(countyOf(ctx, args.countyCode))).workingDaysAfter(date, args.days);
    },
    async calendarDay(_: unknown, args: { date: string; countyCode?: string | null }, ctx: CountyContext) {
      const date = parseDate(args.date, 'date');
      return day((await ctx.loaders.calendar(countyOf(ctx, args.countyCode))).dayInfo(date));
    },
    calendarOverrides(_: unknown, args: { year?: number | null; countyCode?: string | null }, ctx: CountyContext) {
      if (args.year != null && (args.year < 1900 || args.year > 2200)) invalid('year', `工作日历只覆盖 1900 至 2200 年，${args.year} 年不在其内 / ${args.year} is not a year the calendar covers (1900–2200)`);
      return calendarOverrides(ctx.em, countyOf(ctx, args.countyCode), args.year ?? undefined);
    },
    async calendarYears(_: unknown, args: { countyCode?: string | null }, ctx: CountyContext) {
      return (await ctx.loaders.calendar(countyOf(ctx, args.countyCode))).coveredYears();
    },
  },
  CalendarOverride: {
    setAt: (o: CalendarOverrideRow) => new Date(o.setAt).toISOString(),
  },
  Mutation: {
    async setCalendarDay(_: unknown, args: { date: string; working: boolean; name?: string | null; countyCode?: string | null }, ctx: CountyContext) {
      const date = parseDate(args.date, 'date');
      // A county's entries are its own director's: another county's director is refused, whatever they name.
      const { username, countyCode } = requireDirector(ctx, args.countyCode == null ? undefined : validateDivisionCode(args.countyCode, 'COUNTY', 'countyCode'));
      await setCalendarDay(ctx.em, countyCode, { date, working: args.working, name: args.name }, username);
      return day((await ctx.loaders.calendar(countyCode, true)).dayInfo(date));
    },
    async clearCalendarDay(_: unknown, args: { date: string; countyCode?: string | null }, ctx: CountyContext) {
      const date = parseDate(args.date, 'date');
      const { username, countyCode } = requireDirector(ctx, args.countyCode == null ? undefined : validateDivisionCode(args.countyCode, 'COUNTY', 'countyCode'));
      await clearCalendarDay(ctx.em, countyCode, date, username);
      return day((await ctx.loaders.calendar(countyCode, true)).dayInfo(date));
    },
  },
};

import { invalid } from './errors';

/**
 * A calendar day in China as `YYYY-MM-DD`. Deadlines, holidays and case numbers are about
 * days at the service centre, not instants, so we never carry a time zone around: the only
 * place an instant becomes a day is `chinaToday`.
 */
export type DateString = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
// China has used UTC+8 all year since 1991 (no DST), so a fixed offset is exact for our purposes.
const CHINA_OFFSET_MS = 8 * 3_600_000;

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Date.UTC rolls 02-30 over into March; a round trip tells us whether the day exists.
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function isValidDate(value: unknown): value is DateString {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Returns the date unchanged (trimmed) or refuses it with INVALID_INPUT naming `field`. */
export function parseDate(value: unknown, field = 'date'): DateString {
  if (typeof value !== 'string') return invalid(field, `须填写日期（格式 YYYY-MM-DD），收到的是 ${typeof value} 类型 / expected a date as YYYY-MM-DD, got ${typeof value}`);
  const trimmed = value.trim();
  if (!DATE_PATTERN.test(trimmed)) return invalid(field, `日期“${value}”的格式不对，请按 YYYY-MM-DD 填写 / "${value}" is not a date (expected YYYY-MM-DD)`);
  if (!isValidDate(trimmed)) return invalid(field, `日期“${value}”不存在，请核对 / "${value}" is not a date`);
  return trimmed;
}

/** Days since 1970-01-01; the arithmetic behind every helper below. */
function toDayNumber(date: DateString, field: string): number {
  const m = DATE_PATTERN.exec(parseDate(date, field));
  // parseDate guarantees the match; the fallback only satisfies noUncheckedIndexedAccess.
  if (!m) return invalid(field, `日期“${date}”不存在，请核对 / "${date}" is not a date`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): DateString {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's date at a centre in China, whatever the server's own time zone is. */
export function chinaToday(now: Date = new Date()): DateString {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: DateString, days: number): DateString {
  if (!Number.isInteger(days)) return invalid('days', `天数须为整数，现为 ${days} / must be a whole number, got ${days}`);
  return fromDayNumber(toDayNumber(date, 'date') + days);
}

/** -1, 0 or 1, for Array.prototype.sort and for readable comparisons. */
export function compareDates(a: DateString, b: DateString): -1 | 0 | 1 {
  const diff = toDayNumber(a, 'a') - toDayNumber(b, 'b');
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

/** Calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: DateString, to: DateString): number {
  return toDayNumber(to, 'to') - toDayNumber(from, 'from');
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(date: DateString): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toDayNumber(date, 'date') + 3) % 7) + 7) % 7) + 1;
}

export function yearOf(date: DateString): number {
  return Number(parseDate(date).slice(0, 4));
}

/** `2026-11-23` → `20261123`, the form used inside case numbers and resident IDs. */
export function toCompactDate(date: DateString): string {
  return parseDate(date).replaceAll('-', '');
}

/** `20261123` → `2026-11-23`, refusing days that do not exist. */
export function fromCompactDate(value: string, field = 'date'): DateString {
  if (!/^\d{8}$/.test(value)) return invalid(field, `日期“${value}”的格式不对，请按 YYYYMMDD 填写 / "${value}" is not a date (expected YYYYMMDD)`);
  const date = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  if (!isValidDate(date)) return invalid(field, `日期“${value}”不存在，请核对 / "${value}" is not a date`);
  return date;
}

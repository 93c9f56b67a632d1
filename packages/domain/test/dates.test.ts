import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaToday,
  compareDates,
  daysBetween,
  fromCompactDate,
  isoWeekday,
  isValidDate,
  parseDate,
  toCompactDate,
} from '../src/dates';
import { caught } from './helpers';

describe('calendar-day strings', () => {
  it('accepts real days, leap days included, and trims surrounding spaces', () => {
    expect(parseDate('2026-11-23')).toBe('2026-11-23');
    expect(parseDate(' 2024-02-29 ')).toBe('2024-02-29');
  });

  it('refuses days that do not exist, quoting the value', () => {
    expect(caught(() => parseDate('2026-02-30', 'acceptedOn')).message).toBe('acceptedOn: 日期“2026-02-30”不存在，请核对 / "2026-02-30" is not a date');
    expect(caught(() => parseDate('2025-02-29')).message).toBe('date: 日期“2025-02-29”不存在，请核对 / "2025-02-29" is not a date');
    expect(caught(() => parseDate('2026-13-01')).message).toBe('date: 日期“2026-13-01”不存在，请核对 / "2026-13-01" is not a date');
  });

  it('refuses anything not shaped YYYY-MM-DD, saying which shape it wants', () => {
    expect(caught(() => parseDate('abc')).message).toBe('date: 日期“abc”的格式不对，请按 YYYY-MM-DD 填写 / "abc" is not a date (expected YYYY-MM-DD)');
    expect(caught(() => parseDate('2026-1-5')).message).toBe('date: 日期“2026-1-5”的格式不对，请按 YYYY-MM-DD 填写 / "2026-1-5" is not a date (expected YYYY-MM-DD)');
    expect(caught(() => parseDate(20261123)).message).toBe('date: 须填写日期（格式 YYYY-MM-DD），收到的是 number 类型 / expected a date as YYYY-MM-DD, got number');
    expect(isValidDate('2026-11-23T00:00:00Z')).toBe(false);
  });

  it('gives today in China: 16:00 UTC is already the next day in Beijing', () => {
    expect(chinaToday(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(chinaToday(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(chinaToday(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(caught(() => addDays('2026-11-23', 1.5)).message).toBe('days: 天数须为整数，现为 1.5 / must be a whole number, got 1.5');
  });

  it('compares and measures dates', () => {
    expect(compareDates('2026-01-09', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(daysBetween('2026-02-14', '2026-02-28')).toBe(14);
    expect(daysBetween('2026-02-28', '2026-02-14')).toBe(-14);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('numbers weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-10-10')).toBe(6);
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(isoWeekday('1969-12-31')).toBe(3);
  });

  it('converts to and from the compact form used in case numbers', () => {
    expect(toCompactDate('2026-11-23')).toBe('20261123');
    expect(fromCompactDate('20261123')).toBe('2026-11-23');
    expect(caught(() => fromCompactDate('20260230', 'caseNo')).message).toBe('caseNo: 日期“20260230”不存在，请核对 / "20260230" is not a date');
  });
});

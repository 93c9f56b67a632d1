import { describe, expect, it } from 'vitest';
import { chinaDate, daysIn, formatFigure, periodProblem, presetPeriod } from '../src/dashboard/data.js';

describe('the dashboard page: periods and figures', () => {
  it('turns a preset into whole months and years', () => {
    expect(presetPeriod('month', '2026-09-30')).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(presetPeriod('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('year', '2028-06-01')).toEqual({ from: '2028-01-01', to: '2028-12-31' });
    expect(daysIn(presetPeriod('year', '2028-06-01'))).toBe(366);
  });

  it('refuses a custom period the API would refuse, in words', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-12-31' })).toBeNull();
    expect(periodProblem({ from: '2028-01-01', to: '2028-12-31' })).toBeNull(); // 366 days
    expect(periodProblem({ from: '2026-01-01', to: '2027-01-01' })).toBeNull(); // 366 days
    expect(periodProblem({ from: '2026-01-01', to: '2027-01-02' })).toMatch(/366/);
    expect(periodProblem({ from: '2026-09-30', to: '2026-09-01' })).toMatch(/早于/);
    expect(periodProblem({ from: '2026-02-30', to: '2026-03-31' })).toMatch(/日期/);
    expect(periodProblem({ from: '', to: '2026-03-31' })).toMatch(/日期/);
  });

  it('counts the day in China, not in the browser’s zone', () => {
    expect(chinaDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(chinaDate(new Date('2026-09-30T15:59:00Z'))).toBe('2026-09-30');
  });

  it('shows counts plainly, rates as percentages with one decimal and nothing to divide by as —', () => {
    expect(formatFigure('received', 1234)).toBe('1234');
    expect(formatFigure('onTimeRate', 2 / 3)).toBe('66.7%');
    expect(formatFigure('onlineShare', 1)).toBe('100.0%');
    expect(formatFigure('satisfactionRate', 0)).toBe('0.0%');
    expect(formatFigure('earlyRate', null)).toBe('—');
    expect(formatFigure('dailyAverage', 7 / 22)).toBe('0.3');
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, light, WorkingCalendar } from '@scf/domain';
import { emptyCounts, rates, yellowUntil } from '../src/index.js';

describe('the yellow boundary the statements compare with', () => {
  it('gives the light light() gives, for every day of 2026 and deadlines from 5 days before to 25 after', () => {
    // With an override too: a centre closed on a Wednesday, and a Saturday worked.
    const calendar = new WorkingCalendar([{ date: '2026-06-10', working: false }, { date: '2026-06-13', working: true }]);
    let compared = 0;
    for (let today = '2026-01-01'; today <= '2026-12-31'; today = addDays(today, 1)) {
      const lastYellow = yellowUntil(calendar, today);
      for (let k = -5; k <= 25; k++) {
        const deadline = addDays(today, k);
        const bySql = deadline < today ? 'RED' : deadline <= lastYellow ? 'YELLOW' : 'GREEN';
        if (bySql !== light(calendar, today, deadline)) expect({ today, deadline, bySql }).toEqual({ today, deadline, bySql: light(calendar, today, deadline) });
        compared++;
      }
    }
    expect(compared).toBe(365 * 31);
  });

  it('reaches over a holiday: on the Thursday before Mid-Autumn, Monday is still yellow', () => {
    const calendar = new WorkingCalendar();
    expect(yellowUntil(calendar, '2026-09-24')).toBe('2026-09-28');
    // The last working day before National Day: the next working day is 8 Oct, the one after 9 Oct.
    expect(yellowUntil(calendar, '2026-09-30')).toBe('2026-10-08');
  });
});

describe('rates', () => {
  it('divides as R37 says, and answers null, not 0, when there is nothing to divide by', () => {
    expect(rates(emptyCounts(), 0)).toEqual({
      immediateRate: null, onTimeRate: null, earlyRate: null, dailyAverage: null, participation: null, satisfaction: null, onlineShare: null,
    });
    // The seed's district: 318,022 received, 314,669 finished, 155,400 on the spot, 162,622 promised all on time.
    const district = { ...emptyCounts(), received: 318_022, finished: 314_669, immediate: 155_400, promisedFinished: 162_622, onTime: 162_622, early: 162_134, evaluated: 200_000, satisfied: 199_000, online: 31_802 };
    const r = rates(district, 249);
    expect(r.immediateRate).toBeCloseTo(0.4886, 4); // per received (the seed's 49.4% is per finished)
    expect(r.onTimeRate).toBe(1);
    expect(r.earlyRate).toBeCloseTo(0.997, 3);
    expect(r.dailyAverage).toBeCloseTo(1277.2, 1);
    expect(r.participation).toBeCloseTo(200_000 / 314_669, 10);
    expect(r.satisfaction).toBe(0.995);
    expect(r.onlineShare).toBeCloseTo(0.1, 4);
  });
});

import { addDays, type DateString, type WorkingCalendar } from '@scf/domain';
import type { Scope } from './query.js';
import type { Dims, Run } from './sql.js';

/**
 * The lights of open cases now (R15), exactly as the `light` resolver of packages/cases shows them on a case:
 * - ACCEPTED and FORWARDED cases run the clock (a forwarded case is still its origin's to answer for, R17):
 *   RED when today is after the deadline, YELLOW with at most one working day left, else GREEN;
 * - a SUSPENDED case's light stands still at the day its special procedure began (`suspended_on`);
 * - a case without a deadline (forwarded before the origin accepted it) has no light.
 *
 * "At most one working day left" needs the calendar, which SQL does not have. For clocked cases "today" is the
 * same for every row, so the calendar is asked once here for the last deadline that is still yellow and the
 * database compares plain date strings. A suspended case has its own "today" (its suspended_on), so those —
 * only the cases in a special procedure right now, a handful — are fetched and lit in JS, by the boundary of
 * their own day. test/lights.test.ts checks the boundary against light() for every day of a year.
 */

export interface OpenAlert {
  caseNo: string;
  pointCode: string;
  itemName: string;
  decidingUnit: string;
  /** ACCEPTED, FORWARDED (away at another level, the origin still answers for it) or SUSPENDED (light frozen). */
  status: string;
  deadline: DateString;
  light: 'RED' | 'YELLOW';
}

export interface OpenAlerts {
  /** Every red and every yellow case of the scope, however many `cases` lists. */
  red: number;
  yellow: number;
  /** Red first, then the earliest deadline (the longest overdue, the nearest due), then case number; capped. */
  cases: OpenAlert[];
}

/** The open statuses whose clock runs (their light moves with today). */
export const CLOCKED = `('ACCEPTED', 'FORWARDED')`;

/**
 * The last deadline whose light is still YELLOW on `today`: the day before the second working day after today.
 * light() is YELLOW when the working days in (today, deadline] are at most 1; that count only grows with the
 * deadline, so "today ≤ deadline ≤ yellowUntil" is the same test. A deadline on a holiday right after the
 * last working day (Friday → Mid-Autumn Friday) is yellow, as light() says.
 */
export function yellowUntil(calendar: WorkingCalendar, today: DateString): DateString {
  return addDays(calendar.workingDaysAfter(today, 2), -1);
}

interface LightRow extends Dims {
  red: number | string;
  yellow: number | string;
}

interface AlertRow {
  case_no: string;
  point_code: string;
  item_name: string;
  deciding_unit: string;
  status: string;
  deadline: string;
}

interface SuspendedRow extends Dims {
  case_no: string;
  deadline: string;
  suspended_on: string;
}

/** Per point/item/unit, the open cases that are red now (overdueNow); the totals of red and yellow; the list. */
export async function openLights(run: Run, scope: Scope): Promise<{ overdueNow: (Dims & { overdueNow: number })[]; alerts: OpenAlerts }> {
  const lastYellow = yellowUntil(scope.calendar, scope.today);

  // Clocked cases, counted. Red ⇔ deadline < today; yellow ⇔ today ≤ deadline ≤ lastYellow.
  const counted = await run<LightRow>(
    `select point_code, item_code, item_name, deciding_unit,
            sum(case when deadline < ? then 1 else 0 end) as red,
            sum(case when deadline >= ? then 1 else 0 end) as yellow
       from case_file
      where status in ${CLOCKED} and deadline <= ? and point_code like ?
      group by point_code, item_code, item_name, deciding_unit`,
    [scope.today, scope.today, lastYellow, scope.like],
  );

  // Clocked cases, listed. For them red ⇔ deadline < today, so deadline order already puts red first.
  const listed = await run<AlertRow>(
    `select case_no, point_code, item_name, deciding_unit, status, deadline
       from case_file
      where status in ${CLOCKED} and deadline <= ? and point_code like ?
      order by deadline, case_no
      limit ${scope.alertLimit}`,
    [lastYellow, scope.like],
  );

  const suspended = await run<SuspendedRow>(
    `select case_no, point_code, item_code, item_name, deciding_unit, deadline, suspended_on
       from case_file
      where status = 'SUSPENDED' and deadline is not null and suspended_on is not null and point_code like ?`,
    [scope.like],
  );

  const overdueNow: (Dims & { overdueNow: number })[] = [];
  let red = 0;
  let yellow = 0;
  for (const r of counted) {
    red += Number(r.red);
    yellow += Number(r.yellow);
    if (Number(r.red) > 0) overdueNow.push({ ...dims(r), overdueNow: Number(r.red) });
  }
  const cases: OpenAlert[] = listed.map((r) => ({
    caseNo: r.case_no, pointCode: r.point_code, itemName: r.item_name, decidingUnit: r.deciding_unit, status: r.status, deadline: r.deadline,
    light: r.deadline < scope.today ? 'RED' : 'YELLOW',
  }));
  // light() on the day each procedure began, by the same boundary as above: one calendar walk per distinct day.
  const boundaries = new Map<string, DateString>();
  for (const s of suspended) {
    let lastYellowThen = boundaries.get(s.suspended_on);
    if (lastYellowThen === undefined) boundaries.set(s.suspended_on, (lastYellowThen = yellowUntil(scope.calendar, s.suspended_on)));
    const frozen = s.deadline < s.suspended_on ? 'RED' : s.deadline <= lastYellowThen ? 'YELLOW' : 'GREEN';
    if (frozen === 'GREEN') continue;
    if (frozen === 'RED') {
      red++;
      overdueNow.push({ ...dims(s), overdueNow: 1 });
    } else yellow++;
    cases.push({ caseNo: s.case_no, pointCode: s.point_code, itemName: s.item_name, decidingUnit: s.deciding_unit, status: 'SUSPENDED', deadline: s.deadline, light: frozen });
  }
  // The clocked list holds the first `alertLimit` clocked cases in this order, so the first `alertLimit` of it
  // together with every suspended alert are the first `alertLimit` of all.
  cases.sort((a, b) => (a.light !== b.light ? (a.light === 'RED' ? -1 : 1) : byText(a.deadline, b.deadline) || byText(a.caseNo, b.caseNo)));
  return { overdueNow, alerts: { red, yellow, cases: cases.slice(0, scope.alertLimit) } };
}

/** Dates from the database are 'YYYY-MM-DD', so their text order is their date order. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dims(r: Dims): Dims {
  return { point_code: r.point_code, item_code: r.item_code, item_name: r.item_name, deciding_unit: r.deciding_unit };
}

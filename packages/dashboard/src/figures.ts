/**
 * The county dashboard's figures for ONE level's database (DOMAIN R37). The county, each township database and
 * each village database answer for the cases they took in; the gateway adds the levels up.
 *
 * WHOSE CASE. A case counts at its origin — the point that took it in (case_file.point_code) — and nowhere
 * else, because that point answers to the applicant until the result is delivered (R7, R17). A case a village
 * forwards to the county is received, finished and (if late) overdue at the village, in the village database;
 * the county sees it only as `delegatedIn`. That is what makes adding the three levels' figures correct: every
 * counter except delegatedIn counts each case once in the whole county. Scope = cases taken in at points whose
 * code starts with `pointPrefix ?? countyCode` (codes nest: a village's code starts with its township's).
 *
 * PERIOD COUNTERS. Each is anchored on ONE date of the case, so a case falls in exactly one period per counter
 * and months add up to the year (forwardedOut aside: a case forwarded in May and again in June, after a
 * return, counts in both):
 * - received — registered_on in the period (收件). Everything taken in, including cases later not accepted or
 *   withdrawn: the window did that work.
 * - accepted — accepted_on in the period (受理, at the origin). A supplement requested from an upper level clears
 *   accepted_on and the re-acceptance sets it again, so a case counts once, at its last acceptance. A case a
 *   village forwards without accepting it itself is never `accepted` at the village.
 * - finished — decided_on in the period (办结): granted or refused. For a forwarded case, the upper level's
 *   decision date, recorded at the origin when the result arrives (so it counts once the result is back).
 * - immediate — received, kind IMMEDIATE (即办件). On the received side so that immediateRate compares like
 *   with like.
 * - promisedFinished — finished, kind other than IMMEDIATE, with a completion timing (i.e. it had a promised
 *   deadline). Why not only kind PROMISED: 联办件 and 报批件 carry a promised date on their acceptance notice too,
 *   and they are the slow ones; leaving them out would flatter the on-time rate. Why not IMMEDIATE: an 即办件's
 *   deadline is its acceptance day, so it is "on time" by construction and would drown the promised ones.
 *   Cases finished without a deadline (forwarded before the origin accepted them) have no timing and are left
 *   out: nothing was promised at the origin.
 * - onTime — of promisedFinished, decided on or before the deadline: timing EARLY or ON_TIME (承诺期内办结). Early
 *   ones are included because 承诺期办结率 is "finished within the promise" (the seed's district: "all on time,
 *   99.7% early"); the cases finished on the deadline day itself are onTime − early.
 * - early — of promisedFinished, timing EARLY (before the deadline day, R14).
 * - overdueFinished — of promisedFinished, timing OVERDUE. onTime + overdueFinished = promisedFinished.
 * - evaluated — of finished, with an evaluation (好差评, R21). Counted over the cases finished in the period,
 *   not the evaluations given in it (the case keeps no evaluation date), so evaluated ≤ finished always. The
 *   price: a case finished in a month and evaluated in the next raises that month's figure afterwards.
 * - satisfied — of evaluated: VERY_SATISFIED, SATISFIED or BASICALLY_SATISFIED (非常满意 + 满意 + 基本满意), as
 *   the national 好差评 counts 满意; DISSATISFIED and VERY_DISSATISFIED are the ones R21 has followed up.
 * - online — received, channel ONLINE (网上申请). APPOINTMENT is not online: the applicant booked a time and
 *   came to the window.
 * - forwardedOut — cases taken in here and forwarded up by their origin point in the period (case_hop
 *   'forward' from the case's own point, by its China day). A case forwarded, returned and forwarded again in
 *   one period counts once. A case a township received from a village and sent on to the county is not the
 *   township's forwardedOut: it is not the township's case (it was its delegatedIn).
 * - delegatedIn — inbound cases (forwarded here by a lower level) received at a point of the scope in the
 *   period, by the China day of their last receipt. This is work done here for other levels' cases: it is the
 *   one counter that must not be summed across levels as "cases".
 *
 * SNAPSHOT COUNTER.
 * - overdueNow — open cases whose light is RED on `today`, whatever the period (see alerts.ts): the dashboard's
 *   "overdue" is about what is late now. It is the supervision sweep's 超时 (R15) plus suspended cases that
 *   were already late when their special procedure began, as the case's own light shows them.
 *
 * ROWS. byPoint per taking-in point; byItem per (itemCode, itemName) — a case keeps the item's name it was
 * taken in under (R3), so a renamed item shows as two rows with one code rather than merging two guides;
 * byUnit per deciding unit (the county's window units for county items). Inbound cases carry no item code; it
 * is read from the catalogue replica by item id (every level holds one, with the county's ids). Only rows with
 * at least one non-zero counter appear: the caller knows its points and pads with zeros if it lists all.
 * daily: received and finished per day, every day of the period, zeros included.
 *
 * COST. Eight statements whatever the number of points, items or days (see levelFigures), all in one
 * transaction, so every figure is of the same moment: a case decided between two statements must not be both
 * overdueNow and finished. The three period statements read nothing but their covering index over the period
 * and aggregate in its order (migration.ts); the others touch forwards, inbound cases and open red/yellow cases
 * only. bench/monthly.ts measures it on a county database of ~540,000 cases (2.7 years at 200,000 a year).
 *
 * NO ROLLUP. Only received is fixed once its day is over. accepted moves when an upper level's supplement
 * request clears accepted_on; finished gains past days when a forwarded case's result arrives carrying the
 * upper level's (earlier) decision date; evaluated and satisfied grow when an evaluation comes in weeks later.
 * A summary table is only right if it changes in the same transaction as each of those writes — in
 * packages/cases, not here. Built any other way (a nightly job, a "recent changes" patch) it is a second
 * truth that is wrong in exactly the cases a supervisor looks for. If the budget is ever missed on real
 * hardware, that transactional daily rollup is the next step; until then the figures come from the cases.
 */
import type { EntityManager as AnyEntityManager } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { addDays, compareDates, EVALUATION_LEVELS, type DateString } from '@scf/domain';
import { addCounts, COUNTERS, emptyCounts, type Counter, type Counts } from './counts.js';
import { openLights, type OpenAlerts } from './alerts.js';
import { scopeOf, type FiguresQuery, type Scope } from './query.js';
import { num, runner, sqlList, type Dims, type Run } from './sql.js';

export interface PointFigures extends Counts {
  pointCode: string;
}

export interface ItemFigures extends Counts {
  itemCode: string;
  itemName: string;
}

export interface UnitFigures extends Counts {
  decidingUnit: string;
}

export interface DayFigures {
  date: DateString;
  received: number;
  finished: number;
}

export interface LevelFigures {
  prefix: string;
  from: DateString;
  to: DateString;
  today: DateString;
  /** Working days of the period up to today: the denominator of the daily average (`rates(counts, workingDays)`). */
  workingDays: number;
  /** The whole scope: the sum of byPoint (and of byItem, and of byUnit). */
  total: Counts;
  byPoint: PointFigures[];
  byItem: ItemFigures[];
  byUnit: UnitFigures[];
  daily: DayFigures[];
  openAlerts: OpenAlerts;
}

/** 满意 in the national 好差评 sense: the top three of the five levels (R21). */
export const SATISFIED_LEVELS = EVALUATION_LEVELS.slice(0, 3);

type Part = Dims & Partial<Record<Counter, number | string>>;
/** A period counter's rows come per day as well: that is how the index hands them over (see below). */
type DayPart = Part & { on_day: string };
const DIMS = 'point_code, item_code, item_name, deciding_unit';

/*
 * The three period statements group by (anchor date, point, item, unit) — the leading columns of their covering
 * index, in its order (migration.ts) — so the database aggregates while it walks the index, without a temporary
 * table: grouping a month's ~17,000 rows by four text columns through a temporary table is what costs, not
 * reading them. The rows come back per day (a few thousand at the busiest county) and are added up here, which
 * also gives the daily figures without another statement.
 */

const RECEIVED: readonly Counter[] = ['received', 'immediate', 'online'];
async function receivedSide(run: Run, s: Scope): Promise<DayPart[]> {
  return run<DayPart>(
    `select registered_on as on_day, ${DIMS},
            count(*) as received,
            sum(case when kind = 'IMMEDIATE' then 1 else 0 end) as immediate,
            sum(case when channel = 'ONLINE' then 1 else 0 end) as online
       from case_file
      where registered_on >= ? and registered_on <= ? and point_code like ?
      group by registered_on, ${DIMS}`,
    [s.from, s.to, s.like],
  );
}

const ACCEPTED: readonly Counter[] = ['accepted'];
async function acceptedSide(run: Run, s: Scope): Promise<DayPart[]> {
  return run<DayPart>(
    `select accepted_on as on_day, ${DIMS}, count(*) as accepted
       from case_file
      where accepted_on >= ? and accepted_on <= ? and point_code like ?
      group by accepted_on, ${DIMS}`,
    [s.from, s.to, s.like],
  );
}

const FINISHED: readonly Counter[] = ['finished', 'promisedFinished', 'onTime', 'early', 'overdueFinished', 'evaluated', 'satisfied'];
async function finishedSide(run: Run, s: Scope): Promise<DayPart[]> {
  const promised = `kind <> 'IMMEDIATE' and timing is not null`;
  return run<DayPart>(
    `select decided_on as on_day, ${DIMS},
            count(*) as finished,
            sum(case when ${promised} then 1 else 0 end) as promisedFinished,
            sum(case when ${promised} and timing in ('EARLY', 'ON_TIME') then 1 else 0 end) as onTime,
            sum(case when ${promised} and timing = 'EARLY' then 1 else 0 end) as early,
            sum(case when ${promised} and timing = 'OVERDUE' then 1 else 0 end) as overdueFinished,
            sum(case when evaluation is not null then 1 else 0 end) as evaluated,
            sum(case when evaluation in ${sqlList(SATISFIED_LEVELS)} then 1 else 0 end) as satisfied
       from case_file
      where decided_on >= ? and decided_on <= ? and point_code like ?
      group by decided_on, ${DIMS}`,
    [s.from, s.to, s.like],
  );
}

const FORWARDED: readonly Counter[] = ['forwardedOut'];
async function forwardedOut(run: Run, s: Scope): Promise<Part[]> {
  return run<Part>(
    `select c.point_code, c.item_code, c.item_name, c.deciding_unit, count(distinct c.id) as forwardedOut
       from case_hop h
       join case_file c on c.case_no = h.case_no
      where h.action = 'forward' and h.at >= ? and h.at < ? and h.from_code = c.point_code and c.point_code like ?
      group by c.point_code, c.item_code, c.item_name, c.deciding_unit`,
    [s.startsAt, s.endsBefore, s.like],
  );
}

const DELEGATED: readonly Counter[] = ['delegatedIn'];
async function delegatedIn(run: Run, s: Scope): Promise<Part[]> {
  const rows = await run<Omit<Part, 'item_code'> & { item_code: string | null; item_id: number }>(
    `select i.point_code, s.code as item_code, i.item_id, i.item_name, i.deciding_unit, count(*) as delegatedIn
       from inbound_case i
       left join service_item s on s.id = i.item_id
      where i.received_at >= ? and i.received_at < ? and i.point_code like ?
      group by i.point_code, s.code, i.item_id, i.item_name, i.deciding_unit`,
    [s.startsAt, s.endsBefore, s.like],
  );
  // Only if the replica had not yet pulled the item: keep the case visible under its id rather than drop it.
  return rows.map(({ item_id, ...r }) => ({ ...r, item_code: r.item_code ?? `#${item_id}` }));
}

function dailyCounts(s: Scope, received: DayPart[], finished: DayPart[]): DayFigures[] {
  const days = new Map<string, DayFigures>();
  for (let d = s.from; compareDates(d, s.to) <= 0; d = addDays(d, 1)) days.set(d, { date: d, received: 0, finished: 0 });
  for (const r of received) days.get(r.on_day)!.received += num(r.received);
  for (const r of finished) days.get(r.on_day)!.finished += num(r.finished);
  return [...days.values()];
}

/**
 * Counts per (point, item, unit). The statements return a combination once per day (and once per statement),
 * so rows are first added into one cell per combination — a few hundred — and only the cells are rolled up.
 * A cell's counts are an array in COUNTERS order: this loop sees every row of the month.
 */
class Tally {
  private readonly cells = new Map<string, { dims: Dims; counts: number[] }>();

  add(rows: readonly Part[], counters: readonly Counter[]): void {
    const slots = counters.map((c) => COUNTERS.indexOf(c));
    for (const r of rows) {
      const key = `${r.point_code}\u0000${r.item_code}\u0000${r.item_name}\u0000${r.deciding_unit}`;
      let cell = this.cells.get(key);
      if (!cell) {
        cell = { dims: { point_code: r.point_code, item_code: r.item_code, item_name: r.item_name, deciding_unit: r.deciding_unit }, counts: COUNTERS.map(() => 0) };
        this.cells.set(key, cell);
      }
      for (let k = 0; k < counters.length; k++) cell.counts[slots[k]!]! += num(r[counters[k]!]);
    }
  }

  rollUp(): Pick<LevelFigures, 'total' | 'byPoint' | 'byItem' | 'byUnit'> {
    const total = emptyCounts();
    const points = new Map<string, PointFigures>();
    const items = new Map<string, ItemFigures>();
    const units = new Map<string, UnitFigures>();
    const into = <R extends Counts>(rows: Map<string, R>, key: string, make: () => R, counts: Counts) => {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = make()));
      addCounts(row, counts);
    };
    for (const { dims: d, counts: array } of this.cells.values()) {
      const counts = Object.fromEntries(COUNTERS.map((c, k) => [c, array[k]!])) as Counts;
      addCounts(total, counts);
      into(points, d.point_code, () => ({ pointCode: d.point_code, ...emptyCounts() }), counts);
      into(items, `${d.item_code}\u0000${d.item_name}`, () => ({ itemCode: d.item_code, itemName: d.item_name, ...emptyCounts() }), counts);
      into(units, d.deciding_unit, () => ({ decidingUnit: d.deciding_unit, ...emptyCounts() }), counts);
    }
    return {
      total,
      byPoint: [...points.values()].sort((a, b) => byKey(a.pointCode, b.pointCode)),
      byItem: [...items.values()].sort((a, b) => byKey(a.itemCode, b.itemCode) || byKey(a.itemName, b.itemName)),
      byUnit: [...units.values()].sort((a, b) => byKey(a.decidingUnit, b.decidingUnit)),
    };
  }
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The figures of one level's database for one county (or one township or village of it) and one period.
 * Eight statements, always: received, accepted, finished, forwarded out, delegated in, and three for the lights
 * (counted, listed, suspended) — none of them repeated per point, item or day.
 */
export async function levelFigures(em: AnyEntityManager, query: FiguresQuery): Promise<LevelFigures> {
  const scope = scopeOf(query);
  return (em as EntityManager).transactional(async (tx) => {
    const run = runner(tx as EntityManager);
    const tally = new Tally();
    const received = await receivedSide(run, scope);
    tally.add(received, RECEIVED);
    const finished = await finishedSide(run, scope);
    tally.add(finished, FINISHED);
    tally.add(await acceptedSide(run, scope), ACCEPTED);
    tally.add(await forwardedOut(run, scope), FORWARDED);
    tally.add(await delegatedIn(run, scope), DELEGATED);
    const { overdueNow, alerts } = await openLights(run, scope);
    tally.add(overdueNow, ['overdueNow']);
    return {
      prefix: scope.prefix,
      from: scope.from,
      to: scope.to,
      today: scope.today,
      workingDays: scope.workingDays,
      ...tally.rollUp(),
      daily: dailyCounts(scope, received, finished),
      openAlerts: alerts,
    };
  });
}

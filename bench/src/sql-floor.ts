// The SQL floor of the county dashboard: the same figures as `countyDashboard`, computed by a handful of GROUP BY
// statements sent straight to the three level databases (in parallel, one connection each, the statements of
// one database one after the other), with no GraphQL, HTTP or gateway on top. What the dashboard through the
// gateway costs beyond this is the price of the API.
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { addDays, type DateString, type WorkingCalendar } from '@scf/domain';
import { parseDatabaseUrl, type Level } from '@scf/kit';
import { LEVELS } from './year.js';

export interface FloorTotals {
  received: number;
  accepted: number;
  finished: number;
  immediate: number;
  promisedFinished: number;
  onTime: number;
  early: number;
  overdueFinished: number;
  evaluated: number;
  satisfied: number;
  online: number;
}

export interface FloorAnswer {
  totals: FloorTotals & { red: number; yellow: number };
  /** Per township (its own cases and its villages'), like `townships { code name totals { received finished } }`. */
  townships: { code: string; name: string; received: number; finished: number }[];
  daily: { date: DateString; received: number; finished: number }[];
  /** Red first, then the nearest deadline; at most 200, like the dashboard's alert list. */
  alerts: { caseNo: string; light: 'RED' | 'YELLOW' }[];
}

const SATISFIED = `('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED')`;
const PROMISED = `kind <> 'IMMEDIATE' and timing is not null`;
const n = (v: unknown) => Number(v ?? 0);

export async function openFloorPools(urls: Record<Level, string>): Promise<{ pools: Record<Level, Pool>; close(): Promise<void> }> {
  const mysql = await import('mysql2/promise');
  const pools = {} as Record<Level, Pool>;
  for (const level of LEVELS) {
    const t = parseDatabaseUrl(urls[level]);
    if (t.driver !== 'mysql') throw new Error('the SQL floor runs on the MariaDB bench databases');
    pools[level] = mysql.createPool({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database, connectionLimit: 2, dateStrings: true });
  }
  return { pools, close: () => Promise.all(LEVELS.map((l) => pools[l].end())).then(() => undefined) };
}

async function rows(c: PoolConnection, sql: string, params: unknown[]): Promise<RowDataPacket[]> {
  const [r] = await c.query<RowDataPacket[]>(sql, params);
  return r;
}

interface LevelPart {
  perPoint: Map<string, FloorTotals>;
  daily: { kind: string; day: string; n: number }[];
  red: number;
  yellow: number;
  alerts: { case_no: string; deadline: string }[];
  townshipNames: { code: string; name: string }[];
}

function blank(): FloorTotals {
  return { received: 0, accepted: 0, finished: 0, immediate: 0, promisedFinished: 0, onTime: 0, early: 0, overdueFinished: 0, evaluated: 0, satisfied: 0, online: 0 };
}

async function levelPart(pool: Pool, level: Level, county: string, from: DateString, to: DateString, today: DateString, lastYellow: DateString): Promise<LevelPart> {
  const c = await pool.getConnection();
  try {
    const like = `${county}%`;
    const perPoint = new Map<string, FloorTotals>();
    const at = (p: string) => perPoint.get(p) ?? (perPoint.set(p, blank()), perPoint.get(p)!);
    for (const r of await rows(c, `select point_code, count(*) received, sum(kind = 'IMMEDIATE') immediate, sum(channel = 'ONLINE') online
        from case_file where registered_on between ? and ? and point_code like ? group by point_code`, [from, to, like])) {
      Object.assign(at(r.point_code), { received: n(r.received), immediate: n(r.immediate), online: n(r.online) });
    }
    for (const r of await rows(c, `select point_code, count(*) accepted from case_file where accepted_on between ? and ? and point_code like ? group by point_code`, [from, to, like])) {
      at(r.point_code).accepted = n(r.accepted);
    }
    for (const r of await rows(c, `select point_code, count(*) finished,
          sum(${PROMISED}) promised, sum(${PROMISED} and timing in ('EARLY', 'ON_TIME')) on_time, sum(${PROMISED} and timing = 'EARLY') early,
          sum(${PROMISED} and timing = 'OVERDUE') overdue, sum(evaluation is not null) evaluated, sum(evaluation in ${SATISFIED}) satisfied
        from case_file where decided_on between ? and ? and point_code like ? group by point_code`, [from, to, like])) {
      Object.assign(at(r.point_code), {
        finished: n(r.finished), promisedFinished: n(r.promised), onTime: n(r.on_time), early: n(r.early), overdueFinished: n(r.overdue),
        evaluated: n(r.evaluated), satisfied: n(r.satisfied),
      });
    }
    const daily = (await rows(c, `select 'received' kind, registered_on day, count(*) n from case_file where registered_on between ? and ? and point_code like ? group by registered_on
        union all select 'finished' kind, decided_on day, count(*) n from case_file where decided_on between ? and ? and point_code like ? group by decided_on`,
      [from, to, like, from, to, like])).map((r) => ({ kind: r.kind as string, day: r.day as string, n: n(r.n) }));
    const [lights] = await rows(c, `select sum(deadline < ?) red, sum(deadline >= ?) yellow from case_file
        where status in ('ACCEPTED', 'FORWARDED') and deadline <= ? and point_code like ?`, [today, today, lastYellow, like]);
    const alerts = (await rows(c, `select case_no, deadline from case_file where status in ('ACCEPTED', 'FORWARDED') and deadline <= ? and point_code like ?
        order by deadline, case_no limit 200`, [lastYellow, like])) as { case_no: string; deadline: string }[];
    const townshipNames = level === 'TOWNSHIP' ? ((await rows(c, 'select code, name from township where county_code = ? order by code', [county])) as { code: string; name: string }[]) : [];
    return { perPoint, daily, red: n(lights?.red), yellow: n(lights?.yellow), alerts, townshipNames };
  } finally {
    c.release();
  }
}

/** The dashboard's figures for `county` and the period, straight from SQL. */
export async function sqlFloor(pools: Record<Level, Pool>, calendar: WorkingCalendar, county: string, from: DateString, to: DateString, today: DateString): Promise<FloorAnswer> {
  // The last deadline still yellow today (R15: one working day or less left), as the product computes it.
  const lastYellow = addDays(calendar.workingDaysAfter(today, 2), -1);
  const parts = await Promise.all(LEVELS.map((l) => levelPart(pools[l], l, county, from, to, today, lastYellow)));
  const totals = { ...blank(), red: 0, yellow: 0 };
  const byTownship = new Map<string, { received: number; finished: number }>();
  const days = new Map<string, { date: DateString; received: number; finished: number }>();
  for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, { date: d, received: 0, finished: 0 });
  const alerts: { caseNo: string; deadline: string; light: 'RED' | 'YELLOW' }[] = [];
  for (const p of parts) {
    for (const [point, t] of p.perPoint) {
      for (const k of Object.keys(t) as (keyof FloorTotals)[]) totals[k] += t[k];
      if (point.length >= 9) {
        const tw = byTownship.get(point.slice(0, 9)) ?? { received: 0, finished: 0 };
        tw.received += t.received;
        tw.finished += t.finished;
        byTownship.set(point.slice(0, 9), tw);
      }
    }
    for (const d of p.daily) {
      const day = days.get(d.day);
      if (day) day[d.kind as 'received' | 'finished'] += d.n;
    }
    totals.red += p.red;
    totals.yellow += p.yellow;
    for (const a of p.alerts) alerts.push({ caseNo: a.case_no, deadline: a.deadline, light: a.deadline < today ? 'RED' : 'YELLOW' });
  }
  alerts.sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.caseNo < b.caseNo ? -1 : 1));
  const names = parts.flatMap((p) => p.townshipNames);
  return {
    totals,
    townships: names.map(({ code, name }) => ({ code, name, ...(byTownship.get(code) ?? { received: 0, finished: 0 }) })),
    daily: [...days.values()],
    alerts: alerts.slice(0, 200).map(({ caseNo, light }) => ({ caseNo, light })),
  };
}

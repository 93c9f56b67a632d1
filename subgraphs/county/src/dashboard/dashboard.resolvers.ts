import { addCounts, emptyCounts, levelDashboardData, periodOf, rates, requireDashboardReader, type Counts, type DashboardLevelData } from '@scf/dashboard';
import { levelOfPoint } from '@scf/auth';
import { DomainError, type Level } from '@scf/domain';
import type { CountyContext } from '../context.js';
import { County } from '../counties/county.entity.js';
import { complaintCounts } from '../complaints/complaint.counts.js';

interface DashboardRef {
  code: string;
  from: string;
  to: string;
  townshipData?: DashboardLevelData | null;
  villageData?: DashboardLevelData | null;
}

/** A row's counters, plus the period's working days its daily average divides by. */
type Row = Counts & { complaints: number; workingDays: number };

interface Area {
  code: string;
  name: string;
  level: Level;
  totals: Row;
  centre: Row;
  villages: Area[];
}

interface Board {
  name: string;
  today: string;
  workingDays: number;
  totals: Row;
  levels: { level: Level; totals: Row }[];
  centre: Row;
  townships: Area[];
  areas: Map<string, Area>;
  units: { name: string; totals: Row }[];
  items: { code: string; name: string; totals: Row }[];
  daily: { date: string; received: number; finished: number }[];
  alerts: { red: number; yellow: number; cases: unknown[] };
}

const ALERTS_SHOWN = 200;
const boards = new WeakMap<object, Promise<Board>>();

const add = (into: Row, part: Row) => {
  addCounts(into, part);
  into.complaints += part.complaints;
};

/** Every level's figures added up once per dashboard per request. */
function board(ref: DashboardRef, ctx: CountyContext): Promise<Board> {
  let b = boards.get(ref);
  if (!b) {
    b = build(ref, ctx);
    boards.set(ref, b);
  }
  return b;
}

async function build(ref: DashboardRef, ctx: CountyContext): Promise<Board> {
  const county = await ctx.em.findOne(County, { code: ref.code });
  if (!county) throw new DomainError('NOT_FOUND', `本系统没有载入县 ${ref.code} / County ${ref.code} is not loaded`);
  const [own, complaints] = await Promise.all([
    levelDashboardData(ctx, ref, async () => [{ code: county.code, name: county.centreName, parentCode: null }]),
    complaintCounts(ctx.em, { countyCode: ref.code, from: ref.from, to: ref.to }),
  ]);
  const row = (counts?: Partial<Counts>, complaints = 0): Row => {
    const r = { ...emptyCounts(), complaints, workingDays: own.workingDays };
    if (counts) addCounts(r, counts);
    return r;
  };
  // A lower level that did not answer must not read as zeros: the gateway has already reported its error.
  if (!ref.townshipData || !ref.villageData) throw new DomainError('INCOMPLETE', '有一级（乡镇或村）的服务没有响应，缺了它统计看板的数字会出错，请稍后再试 / A level did not answer; the dashboard would be wrong without it');
  const complaintsAt = new Map(complaints.map((c) => [c.pointCode, c.received]));
  const pointRow = (p: DashboardLevelData['points'][number]) => row(p.counts, complaintsAt.get(p.code) ?? 0);

  const centre = pointRow(own.points[0]!);
  const areas = new Map<string, Area>();
  const townships: Area[] = ref.townshipData.points.map((p) => {
    const t: Area = { code: p.code, name: p.name, level: 'TOWNSHIP', totals: row(), centre: pointRow(p), villages: [] };
    add(t.totals, t.centre);
    areas.set(t.code, t);
    return t;
  });
  for (const p of ref.villageData.points) {
    const own = pointRow(p);
    const v: Area = { code: p.code, name: p.name, level: 'VILLAGE', totals: own, centre: own, villages: [] };
    areas.set(v.code, v);
    const t = areas.get(p.parentCode ?? p.code.slice(0, 9));
    if (t && t.level === 'TOWNSHIP') {
      t.villages.push(v);
      add(t.totals, own);
    }
  }

  const levels: { level: Level; totals: Row }[] = [
    { level: 'COUNTY', totals: centre },
    { level: 'TOWNSHIP', totals: row() },
    { level: 'VILLAGE', totals: row() },
  ];
  for (const p of ref.townshipData.points) add(levels[1]!.totals, pointRow(p));
  for (const p of ref.villageData.points) add(levels[2]!.totals, pointRow(p));
  const totals = row();
  for (const l of levels) add(totals, l.totals);

  const data = [own, ref.townshipData, ref.villageData];
  const merge = <T>(rows: T[], key: (r: T) => string) => {
    const out = new Map<string, { first: T; totals: Row }>();
    for (const r of rows) {
      const k = key(r);
      const e = out.get(k) ?? { first: r, totals: row() };
      addCounts(e.totals, (r as { counts: Counts }).counts);
      out.set(k, e);
    }
    return [...out.values()].sort((a, b) => b.totals.received - a.totals.received || key(a.first).localeCompare(key(b.first)));
  };
  const units = merge(data.flatMap((d) => d.units), (u) => u.unit).map((e) => ({ name: e.first.unit, totals: e.totals }));
  const items = merge(data.flatMap((d) => d.items), (i) => `${i.code}\u0000${i.name}`).map((e) => ({ code: e.first.code, name: e.first.name, totals: e.totals }));
  const days = new Map<string, { date: string; received: number; finished: number }>();
  for (const d of data.flatMap((x) => x.daily)) {
    const e = days.get(d.date) ?? { date: d.date, received: 0, finished: 0 };
    e.received += d.received;
    e.finished += d.finished;
    days.set(d.date, e);
  }
  const pointName = (code: string) => (code === county.code ? county.centreName : (areas.get(code)?.name ?? code));
  const alertCases = data
    .flatMap((d) => d.alerts)
    .sort((a, b) => (a.light === b.light ? 0 : a.light === 'RED' ? -1 : 1) || a.deadline.localeCompare(b.deadline) || a.caseNo.localeCompare(b.caseNo))
    .slice(0, ALERTS_SHOWN)
    .map((a) => ({ ...a, level: levelOfPoint(a.pointCode) ?? 'VILLAGE', pointName: pointName(a.pointCode), unit: a.decidingUnit }));

  return {
    name: county.name,
    today: own.today,
    workingDays: own.workingDays,
    totals,
    levels,
    centre,
    townships,
    areas,
    units,
    items,
    daily: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    alerts: { red: data.reduce((n, d) => n + d.red, 0), yellow: data.reduce((n, d) => n + d.yellow, 0), cases: alertCases },
  };
}

const on = <K extends keyof Board>(key: K) => async (ref: DashboardRef, _: unknown, ctx: CountyContext) => (await board(ref, ctx))[key];

export const dashboardResolvers = {
  Query: {
    countyDashboard(_: unknown, args: { code: string; from: string; to: string }, ctx: CountyContext) {
      requireDashboardReader(ctx.actor, args.code);
      // Checked here so a bad period is one clear error, before any level is asked, not one per level.
      periodOf(args.from, args.to);
      return { code: args.code, from: args.from, to: args.to };
    },
  },
  CountyDashboard: {
    __resolveReference: (ref: DashboardRef) => ref,
    name: on('name'),
    today: on('today'),
    workingDays: on('workingDays'),
    totals: on('totals'),
    levels: on('levels'),
    centre: on('centre'),
    townships: on('townships'),
    async area(ref: DashboardRef, { code }: { code: string }, ctx: CountyContext) {
      return (await board(ref, ctx)).areas.get(code) ?? null;
    },
    units: on('units'),
    items: on('items'),
    daily: on('daily'),
    alerts: on('alerts'),
  },
  // Rates are worked out from the counters of whichever row asks, with the period's working days.
  DashboardFigures: Object.fromEntries(
    (['immediateRate', 'onTimeRate', 'earlyRate', 'dailyAverage', 'participationRate', 'satisfactionRate', 'onlineShare'] as const).map((field) => [
      field,
      (r: Row) => {
        const x = rates(r, r.workingDays);
        return { immediateRate: x.immediateRate, onTimeRate: x.onTimeRate, earlyRate: x.earlyRate, dailyAverage: x.dailyAverage, participationRate: x.participation, satisfactionRate: x.satisfaction, onlineShare: x.onlineShare }[field];
      },
    ]),
  ),
};


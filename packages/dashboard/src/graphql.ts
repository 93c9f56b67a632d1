import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError, requireActor, type Actor } from '@scf/auth';
import { loadCalendar } from '@scf/catalogue';
import { chinaToday } from '@scf/domain';
import { COUNTERS, emptyCounts, type Counts } from './counts.js';
import { levelFigures, type LevelFigures } from './figures.js';

/**
 * countyDashboard (R37) is composed like trackCase: each level computes the figures of the cases it owns
 * (levelFigures) and hands them to the county through an internal field, `CountyDashboard.<level>Data`;
 * the county subgraph, which owns countyDashboard, receives them through @requires and adds them up. The
 * internal types are @inaccessible: they travel between subgraphs and gateway, never to a client.
 */
export const sharedDashboardTypeDefs = /* GraphQL */ `
  "Internal (countyDashboard): the counters of one row."
  type DashboardCounts @shareable @inaccessible {
    ${COUNTERS.map((c) => `${c}: Int!`).join('\n    ')}
  }

  "Internal (countyDashboard): a point of a level, with its name and the point above it."
  type DashboardPointData @shareable @inaccessible {
    code: String!
    name: String!
    parentCode: String
    counts: DashboardCounts!
  }

  type DashboardItemData @shareable @inaccessible {
    code: String!
    name: String!
    counts: DashboardCounts!
  }

  type DashboardUnitData @shareable @inaccessible {
    unit: String!
    counts: DashboardCounts!
  }

  type DashboardDayData @shareable @inaccessible {
    date: String!
    received: Int!
    finished: Int!
  }

  type DashboardAlertData @shareable @inaccessible {
    caseNo: String!
    pointCode: String!
    itemName: String!
    decidingUnit: String!
    status: String!
    deadline: String!
    light: String!
  }

  "Internal (countyDashboard): what one level's database says for the county and period."
  type DashboardLevelData @shareable @inaccessible {
    today: String!
    workingDays: Int!
    points: [DashboardPointData!]!
    items: [DashboardItemData!]!
    units: [DashboardUnitData!]!
    daily: [DashboardDayData!]!
    red: Int!
    yellow: Int!
    alerts: [DashboardAlertData!]!
  }
`;

const COUNTS = COUNTERS.join(' ');
/** The selection the county @requires of each lower level's data. */
export const DASHBOARD_DATA_SELECTION = `today workingDays points { code name parentCode counts { ${COUNTS} } } items { code name counts { ${COUNTS} } } units { unit counts { ${COUNTS} } } daily { date received finished } red yellow alerts { caseNo pointCode itemName decidingUnit status deadline light }`;

/** A lower level's contribution: `CountyDashboard.<field>Data`. */
export function levelDashboardTypeDefs(field: 'township' | 'village'): string {
  return /* GraphQL */ `
  type CountyDashboard @key(fields: "code from to") {
    code: ID!
    from: String!
    to: String!
    "Internal: this level's figures, for the county to add up."
    ${field}Data: DashboardLevelData @inaccessible
  }
`;
}

export interface DashboardPoint {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface DashboardLevelData {
  today: string;
  workingDays: number;
  points: (DashboardPoint & { counts: Counts })[];
  items: { code: string; name: string; counts: Counts }[];
  units: { unit: string; counts: Counts }[];
  daily: LevelFigures['daily'];
  red: number;
  yellow: number;
  alerts: LevelFigures['openAlerts']['cases'];
}

interface DashboardContext {
  em: EntityManager;
  actor: Actor | null;
  now: () => Date;
}

/** The county dashboard is the county centre's: its staff read every level of their own county. */
export function requireDashboardReader(actor: Actor | null | undefined, countyCode: string): Actor {
  const a = requireActor(actor);
  if (a.level !== 'COUNTY' || a.countyCode !== countyCode) {
    throw new ForbiddenError(`县（${countyCode}）的统计看板只供本县政务服务中心的工作人员查看，${a.username} 属于 ${a.pointCode} / The dashboard of county ${countyCode} is for its county centre's staff; ${a.username} works at ${a.pointCode}`);
  }
  return a;
}

/**
 * One level's figures for the county and period, every point of the level listed (zeros included), in a
 * fixed number of statements: the points, the calendar, and levelFigures' own.
 */
export async function levelDashboardData(
  ctx: DashboardContext,
  ref: { code: string; from: string; to: string },
  points: (em: EntityManager, countyCode: string) => Promise<DashboardPoint[]>,
): Promise<DashboardLevelData> {
  requireDashboardReader(ctx.actor, ref.code);
  const [calendar, known] = await Promise.all([loadCalendar(ctx.em, ref.code), points(ctx.em, ref.code)]);
  const today = chinaToday(ctx.now());
  // Its own unit of work: the figures' read transaction must not flush whatever else the request has loaded.
  const f = await levelFigures(ctx.em.fork(), { countyCode: ref.code, from: ref.from, to: ref.to, today, calendar });
  const byCode = new Map(f.byPoint.map((p) => [p.pointCode, p]));
  const countsOf = (row: Partial<Counts>): Counts => Object.fromEntries(COUNTERS.map((c) => [c, row[c] ?? 0])) as Counts;
  const listed = new Set(known.map((p) => p.code));
  return {
    today,
    workingDays: f.workingDays,
    points: [
      ...known.map((p) => ({ ...p, counts: byCode.has(p.code) ? countsOf(byCode.get(p.code)!) : emptyCounts() })),
      // Cases of a point no longer in the division list still count (a merged village keeps its history).
      ...f.byPoint.filter((p) => !listed.has(p.pointCode)).map((p) => ({ code: p.pointCode, name: p.pointCode, parentCode: null, counts: countsOf(p) })),
    ],
    items: f.byItem.map((i) => ({ code: i.itemCode, name: i.itemName, counts: countsOf(i) })),
    units: f.byUnit.map((u) => ({ unit: u.decidingUnit, counts: countsOf(u) })),
    daily: f.daily,
    red: f.openAlerts.red,
    yellow: f.openAlerts.yellow,
    alerts: f.openAlerts.cases,
  };
}

/** A lower level's resolvers for its contribution to CountyDashboard. */
export function levelDashboardResolvers(field: 'township' | 'village', points: (em: EntityManager, countyCode: string) => Promise<DashboardPoint[]>) {
  return {
    CountyDashboard: {
      __resolveReference: (ref: { code: string; from: string; to: string }) => ref,
      [`${field}Data`]: (ref: { code: string; from: string; to: string }, _: unknown, ctx: DashboardContext) => levelDashboardData(ctx, ref, points),
    },
  };
}

import type { EntityManager } from '@mikro-orm/knex';
import { loadCalendar } from '@scf/catalogue';
import { chinaToday, invalid } from '@scf/domain';
import { requireDashboardReader } from './graphql.js';
import { scopeOf, type Scope } from './query.js';
import { num, runner, sqlList } from './sql.js';
import { SATISFIED_LEVELS } from './figures.js';
import { CLOCKED } from './alerts.js';

/**
 * The cases behind a figure of the dashboard: a director clicks 当前超期 or 办结量 and reads the cases it counts.
 * Each figure's condition is the one figures.ts counts by (the same anchor date, the same flags), so the list's
 * total is the figure. Figures that are not counts of a level's own cases (投诉件, 代他级办理, the rates) have
 * no list here.
 */
export const DRILL_FIGURES = ['RECEIVED', 'ACCEPTED', 'FINISHED', 'IMMEDIATE', 'ONLINE', 'OVERDUE_NOW', 'EVALUATED', 'SATISFIED'] as const;
export type DrillFigure = (typeof DRILL_FIGURES)[number];

function conditionOf(figure: DrillFigure, s: Scope): { where: string; params: unknown[] } {
  const received = { where: 'registered_on >= ? and registered_on <= ?', params: [s.from, s.to] };
  const finished = { where: 'decided_on >= ? and decided_on <= ?', params: [s.from, s.to] };
  switch (figure) {
    case 'RECEIVED':
      return received;
    case 'ACCEPTED':
      return { where: 'accepted_on >= ? and accepted_on <= ?', params: [s.from, s.to] };
    case 'FINISHED':
      return finished;
    case 'IMMEDIATE':
      return { where: `${received.where} and kind = 'IMMEDIATE'`, params: received.params };
    case 'ONLINE':
      return { where: `${received.where} and channel = 'ONLINE'`, params: received.params };
    case 'EVALUATED':
      return { where: `${finished.where} and evaluation is not null`, params: finished.params };
    case 'SATISFIED':
      return { where: `${finished.where} and evaluation in ${sqlList(SATISFIED_LEVELS)}`, params: finished.params };
    case 'OVERDUE_NOW':
      // Red now (alerts.ts): a clocked case past its deadline, or a suspended one already late when its procedure began.
      return {
        where: `((status in ${CLOCKED} and deadline < ?) or (status = 'SUSPENDED' and deadline is not null and suspended_on is not null and deadline < suspended_on))`,
        params: [s.today],
      };
  }
}

export interface CaseBehind {
  caseNo: string;
  pointCode: string;
  itemName: string;
  decidingUnit: string;
  status: string;
  registeredOn: string;
  acceptedOn: string | null;
  decidedOn: string | null;
  deadline: string | null;
}

export const MAX_DRILL_CASES = 500;

interface Row {
  case_no: string;
  point_code: string;
  item_name: string;
  deciding_unit: string;
  status: string;
  registered_on: string;
  accepted_on: string | null;
  decided_on: string | null;
  deadline: string | null;
}

/** The level's cases behind `figure` for the county (or one of its townships or villages) and period: how many, and the first `first`. */
export async function casesBehind(
  em: EntityManager,
  q: { countyCode: string; under?: string | null; from: string; to: string; figure: DrillFigure; first: number; today: string; calendar: Parameters<typeof scopeOf>[0]['calendar'] },
): Promise<{ total: number; cases: CaseBehind[] }> {
  if (!DRILL_FIGURES.includes(q.figure)) invalid('figure', `该指标没有办件清单 / no case list for ${String(q.figure)}`);
  if (!Number.isInteger(q.first) || q.first < 1 || q.first > MAX_DRILL_CASES) invalid('first', `每次最多列出 ${MAX_DRILL_CASES} 件 / first must be 1 to ${MAX_DRILL_CASES}`, { max: MAX_DRILL_CASES });
  const s = scopeOf({ countyCode: q.countyCode, pointPrefix: q.under ?? undefined, from: q.from, to: q.to, today: q.today, calendar: q.calendar });
  const { where, params } = conditionOf(q.figure, s);
  const run = runner(em);
  const [counted, rows] = await Promise.all([
    run<{ n: number | string }>(`select count(*) as n from case_file where point_code like ? and ${where}`, [s.like, ...params]),
    run<Row>(
      `select case_no, point_code, item_name, deciding_unit, status, registered_on, accepted_on, decided_on, deadline
         from case_file where point_code like ? and ${where}
        order by ${q.figure === 'OVERDUE_NOW' ? 'deadline, case_no' : 'case_no desc'} limit ${q.first}`,
      [s.like, ...params],
    ),
  ]);
  return {
    total: num(counted[0]?.n),
    cases: rows.map((r) => ({
      caseNo: r.case_no, pointCode: r.point_code, itemName: r.item_name, decidingUnit: r.deciding_unit, status: r.status,
      registeredOn: String(r.registered_on), acceptedOn: r.accepted_on ? String(r.accepted_on) : null, decidedOn: r.decided_on ? String(r.decided_on) : null,
      deadline: r.deadline ? String(r.deadline) : null,
    })),
  };
}

/** The GraphQL of one level's list: `Query.<field>DashboardCases`, owned by the level whose cases it lists. */
export const sharedDrillTypeDefs = /* GraphQL */ `
  "A figure of the county dashboard with a list of the cases it counts."
  enum DashboardFigure {
    ${DRILL_FIGURES.join('\n    ')}
  }

  "A case counted by a dashboard figure: what a director needs to find it; no personal data."
  type DashboardCase @shareable {
    caseNo: ID!
    pointCode: String!
    pointName: String!
    itemName: String!
    decidingUnit: String!
    status: CaseStatus!
    registeredOn: String!
    acceptedOn: String
    decidedOn: String
    deadline: String
  }

  type DashboardCaseList @shareable {
    "How many cases the figure counts (the figure itself)."
    total: Int!
    "The first \`first\` of them: the longest overdue first for OVERDUE_NOW, else the newest."
    cases: [DashboardCase!]!
  }
`;

export function drillTypeDefs(field: string, label: string): string {
  return /* GraphQL */ `
  extend type Query {
    "The cases of ${label}s behind a figure of the county dashboard, for a county (or one of its townships or villages, \`under\`) and period. The county centre's staff."
    ${field}DashboardCases(county: ID!, from: String!, to: String!, figure: DashboardFigure!, under: ID, first: Int = 50): DashboardCaseList!
  }
`;
}

interface DrillContext {
  em: EntityManager;
  actor: Parameters<typeof requireDashboardReader>[0];
  now: () => Date;
}

export function drillResolvers(field: string, pointName: (ctx: DrillContext, code: string) => Promise<string>) {
  return {
    Query: {
      async [`${field}DashboardCases`](_: unknown, args: { county: string; from: string; to: string; figure: DrillFigure; under?: string | null; first?: number }, ctx: DrillContext) {
        requireDashboardReader(ctx.actor, args.county);
        const calendar = await loadCalendar(ctx.em, args.county);
        const list = await casesBehind(ctx.em.fork(), { countyCode: args.county, under: args.under, from: args.from, to: args.to, figure: args.figure, first: args.first ?? 50, today: chinaToday(ctx.now()), calendar });
        return { total: list.total, cases: await Promise.all(list.cases.map(async (c) => ({ ...c, pointName: await pointName(ctx, c.pointCode) }))) };
      },
    },
  };
}

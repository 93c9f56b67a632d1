/**
 * What the dashboard page asks the gateway for, the shape of the answer, and the pure helpers around it:
 * periods and number formats. No DOM here (unit-tested in node: web/test/dashboard-period.test.ts).
 */

export const FIGURES = [
  'received', 'accepted', 'finished', 'immediateRate', 'onTimeRate', 'earlyRate',
  'overdueNow', 'dailyAverage', 'participationRate', 'satisfactionRate', 'onlineShare', 'complaints',
] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<'received' | 'accepted' | 'finished' | 'overdueNow' | 'complaints', number> &
  Record<'immediateRate' | 'onTimeRate' | 'earlyRate' | 'dailyAverage' | 'participationRate' | 'satisfactionRate' | 'onlineShare', number | null>;

/** The headline figures' labels (zh-CN), in display order. */
export const LABELS: Record<Figure, string> = {
  received: '收件量',
  accepted: '受理量',
  finished: '办结量',
  immediateRate: '即办件率',
  onTimeRate: '按时办结率',
  earlyRate: '提前办结率',
  overdueNow: '当前超期',
  dailyAverage: '日均收件',
  participationRate: '评价参与率',
  satisfactionRate: '满意率',
  onlineShare: '网办占比',
  complaints: '投诉件',
};

export type { Level } from '@scf/domain/src/levels.js';
import type { Level } from '@scf/domain/src/levels.js';

export interface Area {
  code: string;
  name: string;
  totals: Figures;
  centre?: Figures;
  villages?: Area[];
}

export interface Alert {
  caseNo: string;
  level: Level;
  pointCode: string;
  pointName: string;
  itemName: string;
  unit: string;
  status: string;
  deadline: string;
  light: 'RED' | 'YELLOW';
}

export interface Dashboard {
  name: string;
  today: string;
  workingDays: number;
  totals: Figures;
  centre: Figures;
  levels: { level: Level; totals: Figures }[];
  townships: Area[];
  units: { name: string; totals: Figures }[];
  items: { code: string; name: string; totals: Figures }[];
  daily: { date: string; received: number; finished: number }[];
  alerts: { red: number; yellow: number; cases: Alert[] };
}

/** One request for the whole page: the villages come with their townships, so drilling down asks nothing more. */
export const DASHBOARD_QUERY = `query Dashboard($code: ID!, $from: String!, $to: String!) {
  countyDashboard(code: $code, from: $from, to: $to) {
    name today workingDays
    totals { ...F } centre { ...F }
    levels { level totals { ...F } }
    townships { code name totals { ...F } centre { ...F } villages { code name totals { ...F } } }
    units { name totals { ...F } }
    items { code name totals { ...F } }
    daily { date received finished }
    alerts { red yellow cases { caseNo level pointCode pointName itemName unit status deadline light } }
  }
}
fragment F on DashboardFigures { ${FIGURES.join(' ')} }`;

// ---- periods -------------------------------------------------------------------------------------------

export type Preset = 'month' | 'lastMonth' | 'year' | 'custom';
export interface Period {
  from: string;
  to: string;
}
export const MAX_DAYS = 366;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

/** Today in China (UTC+8), the day the county's figures are counted on, whatever the browser's zone. */
export function chinaDate(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The period a preset means on `today` (YYYY-MM-DD): whole calendar months and years. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): Period {
  const y = +today.slice(0, 4);
  const m = +today.slice(5, 7);
  if (preset === 'year') return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  const first = preset === 'month' ? m : m - 1;
  return { from: ymd(y, first, 1), to: ymd(y, first + 1, 0) };
}

/** Days from `from` to `to`, both included. */
export function daysIn(p: Period): number {
  return Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
}

/** Why a custom period cannot be asked for, in words for the user; null when it can. */
export function periodProblem(p: Period): string | null {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && ymd(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10)) === d;
  if (!valid(p.from) || !valid(p.to)) return '请填写完整的起止日期';
  if (p.to < p.from) return '结束日期不能早于开始日期';
  if (daysIn(p) > MAX_DAYS) return `统计期最长 ${MAX_DAYS} 天`;
  return null;
}

// ---- formats -------------------------------------------------------------------------------------------

export const isRate = (f: string) => f.endsWith('Rate') || f === 'onlineShare';

/** A figure as shown: counts as plain integers, rates as percentages with one decimal, `—` when null. */
export function formatFigure(field: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (isRate(field)) return `${(value * 100).toFixed(1)}%`;
  if (field === 'dailyAverage') return value.toFixed(1);
  return String(value);
}

/** A rate as a chart value (percent, one decimal); ECharts draws '-' as a gap. */
export const pct = (value: number | null): number | '-' => (value === null ? '-' : Math.round(value * 1000) / 10);

export const LEVEL_NAMES: Record<Level, string> = { COUNTY: '县级', TOWNSHIP: '乡镇', VILLAGE: '村级' };
export const LIGHT_NAMES = { RED: '红灯', YELLOW: '黄灯' } as const;
export const STATUS_NAMES: Record<string, string> = {
  REGISTERED: '已登记',
  SUPPLEMENT_REQUESTED: '待补正',
  ACCEPTED: '已受理',
  SUSPENDED: '中止',
  FORWARDED: '已上报',
};

/**
 * What the dashboard page asks the gateway for, the shape of the answer, and the pure helpers around it:
 * periods and number formats. No DOM here (unit-tested in node: web/test/dashboard-period.test.ts).
 */

export const FIGURES = [
  'received', 'accepted', 'finished', 'immediateRate', 'onTimeRate', 'earlyRate',
  'overdueNow', 'dailyAverage', 'participationRate', 'satisfactionRate', 'onlineShare', 'complaints',
  'forwardedOut', 'delegatedIn',
] as const;
export type Figure = (typeof FIGURES)[number];
export type Figures = Record<'received' | 'accepted' | 'finished' | 'overdueNow' | 'complaints' | 'forwardedOut' | 'delegatedIn', number> &
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
  forwardedOut: '上报他级',
  delegatedIn: '代他级办理',
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

/** The headline figures alone, for the comparison periods (one dashboard per request, so one request each). */
export const TOTALS_QUERY = `query DashboardTotals($code: ID!, $from: String!, $to: String!) {
  countyDashboard(code: $code, from: $from, to: $to) {
    totals { ...F } townships { code totals { ...F } villages { code totals { ...F } } }
  }
}
fragment F on DashboardFigures { ${FIGURES.join(' ')} }`;

export interface TotalsOnly {
  totals: Figures;
  townships: { code: string; totals: Figures; villages?: { code: string; totals: Figures }[] }[];
}

/** Each area's figures by code ('' for the county), to compare the area on screen with. */
export function totalsByCode(d: TotalsOnly): Map<string, Figures> {
  const m = new Map<string, Figures>([['', d.totals]]);
  for (const t of d.townships) {
    m.set(t.code, t.totals);
    for (const v of t.villages ?? []) m.set(v.code, v.totals);
  }
  return m;
}

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

/** The period of the same length that ends the day before `p` starts (上期). */
export function previousPeriod(p: Period): Period {
  const to = new Date(Date.parse(p.from) - 86_400_000);
  // Whole calendar months compare with the month before, whatever its length.
  const y = +p.from.slice(0, 4);
  const m = +p.from.slice(5, 7);
  if (p.from.endsWith('-01') && p.to === ymd(+p.to.slice(0, 4), +p.to.slice(5, 7) + 1, 0)) {
    const months = (+p.to.slice(0, 4) - y) * 12 + (+p.to.slice(5, 7) - m) + 1;
    return { from: ymd(y, m - months, 1), to: ymd(y, m, 0) };
  }
  const from = new Date(to.getTime() - (daysIn(p) - 1) * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** The same days a year earlier (同期); 29 February becomes the 28th. */
export function sameTimeLastYear(p: Period): Period {
  const back = (d: string) => {
    const y = +d.slice(0, 4) - 1;
    const m = +d.slice(5, 7);
    const day = Math.min(+d.slice(8, 10), +ymd(y, m + 1, 0).slice(8, 10));
    return ymd(y, m, day);
  };
  return { from: back(p.from), to: back(p.to) };
}

/**
 * How a figure compares with another period, in words: counts as a relative change (较上期 +12.5%), rates as
 * percentage points (+3.1 个百分点); null when either side has no value or the base is zero.
 */
export function change(field: string, now: number | null | undefined, then: number | null | undefined): { text: string; sign: -1 | 0 | 1 } | null {
  if (now === null || now === undefined || then === null || then === undefined) return null;
  if (isRate(field)) {
    const d = Math.round((now - then) * 1000) / 10;
    return { text: `${d > 0 ? '+' : ''}${d.toFixed(1)} 个百分点`, sign: d > 0 ? 1 : d < 0 ? -1 : 0 };
  }
  if (then === 0) return now === 0 ? { text: '持平', sign: 0 } : null;
  const r = Math.round(((now - then) / then) * 1000) / 10;
  return { text: r === 0 ? '持平' : `${r > 0 ? '+' : ''}${r.toFixed(1)}%`, sign: r > 0 ? 1 : r < 0 ? -1 : 0 };
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
  NOT_ACCEPTED: '不予受理',
  DECIDED: '已办结',
  DELIVERED: '已送达',
  EVALUATED: '已评价',
  CLOSED: '已归档',
  WITHDRAWN: '已撤回',
};

/**
 * The dashboard's charts: ECharts options built from the answer. ECharts is the global that
 * /echarts.min.js defines (loaded by dashboard.html before this bundle); only what the page uses is typed.
 */
import { pct, type Figures } from './data.js';

export interface Chart {
  setOption(option: object, notMerge?: boolean): void;
  resize(): void;
  /** Clicks on a chart's components (an axis label with `triggerEvent`). */
  on(event: 'click', handler: (p: { componentType: string; value?: unknown }) => void): void;
  /** Clicks anywhere on the drawing surface. */
  getZr(): { on(event: 'click', handler: (e: { offsetX: number; offsetY: number }) => void): void };
  containPixel(finder: 'grid', point: [number, number]): boolean;
  convertFromPixel(finder: { gridIndex: number }, point: [number, number]): [number, number];
}
export interface ECharts {
  init(el: HTMLElement, theme: null, opts: { renderer: 'canvas' | 'svg'; locale: string }): Chart;
}

export const echartsLib = (): ECharts | undefined => (window as unknown as { echarts?: ECharts }).echarts;

const BLUE = '#2f6fd6';
const GREEN = '#23a26d';
const RED = '#d9342b';
const YELLOW = '#e8a500';
const PURPLE = '#7a5af5';

/** What every chart shares: no animation (old machines), screen-reader descriptions, Chinese labels. */
const base = (o: object) => ({ animation: false, aria: { enabled: true }, textStyle: { fontFamily: 'inherit' }, ...o });
const legend = { top: 0, itemWidth: 14, itemHeight: 10 };

/** Daily received and finished, up to today. */
export function trend(days: { date: string; received: number; finished: number }[]) {
  const many = days.length > 62;
  const line = (name: string, color: string, key: 'received' | 'finished') => ({
    name, type: 'line', color, showSymbol: !many, data: days.map((d) => d[key]),
  });
  return base({
    legend, tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [line('收件量', BLUE, 'received'), line('办结量', GREEN, 'finished')],
  });
}

/** Horizontal bars, one row per area, top to bottom in the given order. */
function hbars(names: string[], series: object[], xAxis: object = { type: 'value', minInterval: 1 }, right = 24) {
  return base({
    legend, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right, top: 30, bottom: 8, containLabel: true },
    xAxis,
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { interval: 0 }, triggerEvent: true },
    series,
  });
}

/** Received and finished per area (townships or villages); clicking a bar or its name drills down. */
export function areaBars(rows: { name: string; totals: Figures }[]) {
  const bar = (name: string, color: string, key: 'received' | 'finished') => ({ name, type: 'bar', color, cursor: 'pointer', data: rows.map((r) => r.totals[key]) });
  return hbars(rows.map((r) => r.name), [bar('收件量', BLUE, 'received'), bar('办结量', GREEN, 'finished')]);
}

/** On-time and early rates (percent) per area; an area with nothing finished against a deadline has none. */
export function rateBars(names: string[], onTime: (number | null)[], early: (number | null)[]) {
  const bar = (name: string, color: string, v: (number | null)[]) => ({ name, type: 'bar', color, data: v.map(pct) });
  return hbars(names, [bar('按时办结率', GREEN, onTime), bar('提前办结率', PURPLE, early)], { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } });
}

/** One area's rates side by side (a village has no rows below it). */
export function ownRates(f: Figures) {
  const names = ['即办件率', '按时办结率', '提前办结率', '评价参与率', '满意率', '网办占比'];
  const v = [f.immediateRate, f.onTimeRate, f.earlyRate, f.participationRate, f.satisfactionRate, f.onlineShare];
  return hbars(names, [{ name: '比率', type: 'bar', color: BLUE, data: v.map(pct), label: { show: true, position: 'right', formatter: '{c}%' } }], { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }, 56);
}

/** Red and yellow cases open now. */
export function lights(red: number, yellow: number) {
  const none = red + yellow === 0;
  return base({
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    legend: { ...legend, data: ['红灯', '黄灯'] },
    title: none ? { text: '当前无红黄灯办件', left: 'center', top: 'middle', textStyle: { fontSize: 14, fontWeight: 'normal', color: '#5b6472' } } : undefined,
    series: [{
      type: 'pie', radius: ['38%', '68%'], top: 24, label: { formatter: '{b} {c}' },
      data: [{ name: '红灯', value: red, itemStyle: { color: RED } }, { name: '黄灯', value: yellow, itemStyle: { color: YELLOW } }].filter((x) => x.value > 0),
    }],
  });
}

/** Satisfaction and participation as two gauges; `—` when there is nothing to divide by. */
export function satisfaction(f: Figures) {
  const gauge = (name: string, rate: number | null, x: string, color: string) => ({
    type: 'gauge', name, center: [x, '58%'], radius: '62%', min: 0, max: 100, color,
    progress: { show: true, width: 12 }, axisLine: { lineStyle: { width: 12 } }, pointer: { show: false },
    axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false },
    title: { offsetCenter: [0, '38%'], fontSize: 13 },
    detail: { offsetCenter: [0, '-4%'], fontSize: 20, formatter: () => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`) },
    data: [{ name, value: rate === null ? 0 : rate * 100 }],
  });
  return base({ series: [gauge('满意率', f.satisfactionRate, '25%', GREEN), gauge('评价参与率', f.participationRate, '75%', BLUE)] });
}

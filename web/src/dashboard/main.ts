/**
 * The county dashboard page (web/public/dashboard.html holds its markup): sign-in, the period, one query
 * for the whole county, and drill-down county → township → village by the URL's hash (#<code>), so the
 * browser's back button and the breadcrumb both go back up.
 */
import { ApiError, OfflineError, gql, session, signIn, signOut, type Staff } from '../api.js';
import { refusalText } from '../refusals.js';
import { loadScript } from '../load-script.js';
import { areaBars, echartsLib, lights, ownRates, rateBars, satisfaction, trend, type Chart, type ECharts } from './charts.js';
import {
  change, chinaDate, DASHBOARD_QUERY, formatFigure, LEVEL_NAMES, LIGHT_NAMES, periodProblem, presetPeriod, previousPeriod,
  sameTimeLastYear, STATUS_NAMES, TOTALS_QUERY, totalsByCode,
  type Alert, type Area, type Dashboard, type Figures, type Period, type Preset, type TotalsOnly,
} from './data.js';
import type { XlsxCell, XlsxSheet } from './xlsx.js';

type Row = { code?: string; name: string; totals: Figures };

const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector(sel) as T;
const $$ = (sel: string, root: ParentNode = document) => Array.from(root.querySelectorAll<HTMLElement>(sel));
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

/** ECharts, once its script (1 MB) has arrived: the figures and tables never wait for it. */
let lib: ECharts | undefined;
let chartsFailed = false;
/** 上期 and 同期 figures by area code, for the period on screen (null until they arrive or when they failed). */
let compared: { previous: Map<string, Figures>; lastYear: Map<string, Figures>; of: string } | null = null;
const periodKey = (p: Period) => `${p.from}|${p.to}`;
/** When the figures on screen were fetched. */
let fetchedAt: Date | null = null;
const REFRESH_MS = 5 * 60_000;
const charts: Record<string, Chart> = {};
let county = '';
let preset: Preset = 'month';
let today = chinaDate();
let period: Period = presetPeriod('month', today);
/** Whether the period has been set from the county's own "today" (the browser's clock may be wrong). */
let todayKnown = false;
let data: Dashboard | null = null;
let seq = 0;
/** The rows the area chart shows, for its clicks. */
let areaRows: Row[] = [];

// ---- screens -------------------------------------------------------------------------------------------

function show(which: 'sign-in' | 'refused' | 'dashboard') {
  for (const id of ['sign-in', 'refused', 'dashboard']) $(`#${id}`).hidden = id !== which;
}

function status(text: string, error = false, retry = error) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('error', error);
  $('#retry').hidden = !retry;
}

function askSignIn(message = '') {
  data = null;
  show('sign-in');
  const form = $<HTMLFormElement>('#sign-in');
  $('.error', form).textContent = message;
  $<HTMLInputElement>('[name=username]', form).focus();
}

function refused(e: ApiError) {
  data = null;
  show('refused');
  $('#refused-text').textContent = '本页汇总全县各级办件数据，仅供县政务服务中心工作人员（主任、督查等）查看。当前账号无权查看，请使用县中心账号登录。';
  $('#refused').dataset.code = e.code;
  $('#refused-detail').textContent = refusalText(e);
}

function start(staff: Staff) {
  county = staff.countyCode;
  $('#who').textContent = `${staff.name}（${staff.username}）`;
  void load();
}

async function load(): Promise<void> {
  const mine = ++seq;
  status('正在加载…');
  document.body.setAttribute('aria-busy', 'true');
  try {
    const d = (await gql<{ countyDashboard: Dashboard }>(DASHBOARD_QUERY, { code: county, ...period })).countyDashboard;
    if (mine !== seq) return;
    today = d.today;
    if (!todayKnown) {
      todayKnown = true;
      const p = preset === 'custom' ? period : presetPeriod(preset, today);
      if (p.from !== period.from || p.to !== period.to) {
        period = p;
        return load();
      }
    }
    if (compared?.of !== periodKey(period)) compared = null;
    data = d;
    fetchedAt = new Date();
    show('dashboard');
    status('');
    render();
    showUpdated();
    void loadCharts();
    void compare(mine);
    void showWindows(mine);
    void showAttendance(mine);
  } catch (e) {
    if (mine !== seq) return;
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') askSignIn('登录已失效，请重新登录。');
    else if (e instanceof ApiError && e.code === 'FORBIDDEN') refused(e);
    else {
      if (!data) show('dashboard');
      status(e instanceof OfflineError ? '网络连接中断，数据未能更新。' : e instanceof ApiError ? `查询失败：${refusalText(e)}` : '查询失败，请稍后再试。', true);
    }
  } finally {
    if (mine === seq) document.body.removeAttribute('aria-busy');
  }
}


/** The chart library comes after the figures: on a 256 kbit/s link it takes half a minute, the figures a second. */
async function loadCharts(): Promise<void> {
  if (lib || chartsFailed) return;
  try {
    await loadScript('/echarts.min.js');
    lib = echartsLib();
  } catch {
    chartsFailed = true;
  }
  $('#charts-loading').hidden = true;
  $('#no-charts').hidden = !!lib;
  render();
}

/** 上期 and 同期, asked after the page's own figures (one dashboard per request). */
async function compare(mine: number): Promise<void> {
  if (compared) return render();
  const periods: [Period, Period] = [previousPeriod(period), sameTimeLastYear(period)];
  try {
    const a = (await gql<{ countyDashboard: TotalsOnly }>(TOTALS_QUERY, { code: county, ...periods[0] })).countyDashboard;
    if (mine !== seq) return;
    const b = (await gql<{ countyDashboard: TotalsOnly }>(TOTALS_QUERY, { code: county, ...periods[1] })).countyDashboard;
    if (mine !== seq) return;
    compared = { previous: totalsByCode(a), lastYear: totalsByCode(b), of: periodKey(period) };
    render();
  } catch {
    // The page's own figures stand without the comparison; the next refresh tries again.
  }
}

/**
 * The county hall's windows now (R24, R30: a window is never empty): an empty one is named at once, with
 * who holds it. Asked apart from the figures, so a slow answer never holds them back.
 */
const WINDOWS_QUERY = `query($p: ID!) { windowsNow(pointCode: $p) { pointName working session uncovered windows { name unit covered holders { name post } } } }`;
async function showWindows(mine: number): Promise<void> {
  const summary = $('#windows-summary');
  const list = $('#windows-uncovered');
  try {
    const w = (await gql<{ windowsNow: { pointName: string; working: boolean; session: string | null; uncovered: number; windows: { name: string; unit: string | null; covered: boolean; holders: { name: string; post: string | null }[] }[] } }>(WINDOWS_QUERY, { p: county })).windowsNow;
    if (mine !== seq) return;
    const empty = w.windows.filter((x) => !x.covered);
    summary.textContent = !w.session
      ? `${w.pointName}：现在不是办公时段（${w.working ? '午间或下班后' : '休息日'}），共 ${w.windows.length} 个窗口`
      : `${w.pointName}${w.session === 'MORNING' ? '上午' : '下午'}：${w.windows.length} 个窗口，${empty.length ? `${empty.length} 个无人在岗` : '全部有人在岗'}`;
    summary.dataset.uncovered = String(w.uncovered);
    list.replaceChildren(...empty.map((x) => {
      const li = document.createElement('li');
      li.className = 'red';
      li.textContent = `${x.name}${x.unit ? `（${x.unit}）` : ''}：${x.holders.map((h) => `${h.post ? `${h.post}岗 ` : ''}${h.name}`).join('、') || '未设岗'} 均不在岗`;
      return li;
    }));
  } catch (e) {
    if (mine !== seq) return;
    summary.textContent = e instanceof ApiError ? `窗口在岗情况未能取得：${refusalText(e)}` : '窗口在岗情况未能取得，请稍后再试。';
    list.replaceChildren();
  }
}

/** The hall's attendance this month (R38 月汇总), summed from its month sheet. */
const ATTENDANCE_QUERY = `query($p: ID!, $m: String!) { attendanceSheet(pointCode: $p, month: $m) { month workingDays rows { lateCount earlyLeaveCount missingPunches absenceDays leaveDays } } }`;
async function showAttendance(mine: number): Promise<void> {
  const line = $('#attendance-summary');
  try {
    const s = (await gql<{ attendanceSheet: { month: string; workingDays: number; rows: { lateCount: number; earlyLeaveCount: number; missingPunches: number; absenceDays: number; leaveDays: number }[] } }>(ATTENDANCE_QUERY, { p: county, m: today.slice(0, 7) })).attendanceSheet;
    if (mine !== seq) return;
    const sum = (f: (r: (typeof s.rows)[number]) => number) => s.rows.reduce((n, r) => n + f(r), 0);
    line.textContent = `本月考勤（县中心 ${s.rows.length} 人，应出勤 ${s.workingDays} 天）：迟到 ${sum((r) => r.lateCount)} 次，早退 ${sum((r) => r.earlyLeaveCount)} 次，缺卡 ${sum((r) => r.missingPunches)} 次，旷工 ${sum((r) => r.absenceDays)} 人天，请假 ${sum((r) => r.leaveDays)} 人天`;
  } catch (e) {
    if (mine !== seq) return;
    line.textContent = e instanceof ApiError ? `本月考勤未能取得：${refusalText(e)}` : '本月考勤未能取得，请稍后再试。';
  }
}

function showUpdated(): void {
  if (!fetchedAt) return;
  const t = fetchedAt.toLocaleTimeString('zh-CN', { hour12: false });
  $('#updated').textContent = `数据更新于 ${t}，每 5 分钟自动刷新`;
  $('#updated').dataset.at = fetchedAt.toISOString();
}

// ---- the dashboard -------------------------------------------------------------------------------------

function render(focus = false) {
  const d = data;
  if (!d) return;
  const code = decodeURIComponent(location.hash.slice(1));
  const t = code.length >= 9 ? d.townships.find((x) => code.startsWith(x.code)) : undefined;
  const v = t && code.length > 9 ? t.villages?.find((x) => x.code === code) : undefined;
  const area: Area | undefined = v ?? t;
  const rows: Row[] = v ? [] : t ? (t.villages ?? []) : d.townships;
  const figures = area ? area.totals : d.totals;
  const here = area ? area.name : d.name;
  areaRows = rows;

  $('#title').textContent = `${d.name}政务服务监测`;
  document.title = `${here} · 政务服务监测`;
  $('#asof').textContent = `统计期 ${period.from} 至 ${period.to} · 数据截至 ${d.today} · 本期已过工作日 ${d.workingDays} 天`;
  crumbs([[d.name, ''], ...(t ? [[t.name, t.code] as [string, string]] : []), ...(v ? [[v.name, v.code] as [string, string]] : [])]);
  fill('#totals', figures, area ? area.code : '');
  $('#centre-box').hidden = !t || !!v;
  if (t && !v) {
    $('#centre-title').textContent = `${t.name}便民服务中心本级`;
    fill('#centre', t.centre!);
  }

  // Alerts: the county's counts are exact; an area's are counted in the list (at most 200 are listed).
  const all = d.alerts;
  const listed = area ? all.cases.filter((a) => a.pointCode.startsWith(area.code)) : all.cases;
  const count = (light: Alert['light']) => listed.filter((a) => a.light === light).length;
  const red = area ? count('RED') : all.red;
  const yellow = area ? count('YELLOW') : all.yellow;
  const partial = all.cases.length < all.red + all.yellow;
  alerts(listed, red, yellow, partial ? (area ? `（只计全县前 ${all.cases.length} 件中本地的）` : `（列出前 ${all.cases.length} 件）`) : '');

  // Charts.
  const places = t ? (v ? '' : `${t.name}各村`) : '各乡镇';
  $('#cap-areas').textContent = `${places}收件与办结（点击下钻）`;
  $('#cap-rates').textContent = v ? `${v.name}各项比率` : `${places}按时、提前办结率`;
  const tall = Math.max(260, rows.length * 24 + 64);
  // A township's villages make tall charts: the short ones stack beside them.
  for (const id of ['areas', 'rates']) $(`#fig-${id}`).classList.toggle('tall', !!t && !v);
  draw('trend', !area, () => trend(d.daily.filter((x) => x.date <= d.today)));
  draw('lights', true, () => lights(red, yellow));
  draw('areas', rows.length > 0, () => areaBars(rows), tall);
  draw('rates', true, () => (v ? ownRates(v.totals) : rateBars(rows.map((r) => r.name), rows.map((r) => r.totals.onTimeRate), rows.map((r) => r.totals.earlyRate))), v ? 260 : tall);
  draw('sat', true, () => satisfaction(figures));

  // Tables.
  $('#areas-box').hidden = rows.length === 0;
  $('#areas-title').textContent = t ? `${t.name}各村` : '各乡镇';
  table('areas', rows, true);
  for (const id of ['levels', 'units', 'items']) $(`#${id}-box`).hidden = !!area;
  table('levels', d.levels.map((l) => ({ name: LEVEL_NAMES[l.level], totals: l.totals })));
  table('units', d.units);
  table('items', d.items);
  if (focus) $('#title').focus();
}

/** The figures of `sel`; with `compareCode`, each with its change from 上期 and 同期 under it. */
function fill(sel: string, f: Figures, compareCode?: string) {
  for (const dd of $$(`${sel} [data-figure]`)) {
    const k = dd.dataset.figure as keyof Figures;
    dd.textContent = formatFigure(k, f[k]);
    if (compareCode === undefined) continue;
    let p = dd.nextElementSibling as HTMLElement | null;
    if (!p) dd.after((p = el('p', '', 'cmp')));
    p.replaceChildren();
    // overdueNow is "now", whatever the period: comparing it with another period means nothing.
    if (!compared || k === 'overdueNow') continue;
    const parts: [string, Map<string, Figures>][] = [['较上期', compared.previous], ['同比', compared.lastYear]];
    for (const [word, m] of parts) {
      const then = m.get(compareCode);
      const c = then ? change(k, f[k], then[k]) : null;
      const span = el('span', `${word} ${c ? c.text : '—'}`, c ? (c.sign > 0 ? 'up' : c.sign < 0 ? 'down' : 'flat') : 'flat');
      span.dataset.compare = word === '同比' ? 'lastYear' : 'previous';
      span.title = `${word}：${formatFigure(k, then?.[k])}`;
      p.append(span, ' ');
    }
  }
}

function crumbs(path: [string, string][]) {
  $('#crumbs ol').replaceChildren(
    ...path.map(([name, code], i) => {
      const li = el('li');
      if (i === path.length - 1) {
        const here = el('span', name);
        here.setAttribute('aria-current', 'page');
        li.append(here);
      }
      else li.append(Object.assign(el('a', name), { href: `#${code}` }));
      return li;
    }),
  );
}

function alerts(list: Alert[], red: number, yellow: number, more: string) {
  $('#red-count').textContent = String(red);
  $('#yellow-count').textContent = String(yellow);
  $('#alerts-more').textContent = more;
  const sorted = [...list].sort((a, b) => +(a.light !== 'RED') - +(b.light !== 'RED') || a.deadline.localeCompare(b.deadline));
  const body = $('#alerts tbody');
  if (!sorted.length) {
    const td = el('td', '当前无红黄灯办件', 'empty');
    td.colSpan = 8;
    body.replaceChildren(el('tr'));
    body.firstChild!.appendChild(td);
    return;
  }
  body.replaceChildren(
    ...sorted.map((a) => {
      const tr = el('tr');
      tr.dataset.caseNo = a.caseNo;
      const light = el('td');
      light.append(el('span', LIGHT_NAMES[a.light], `light ${a.light.toLowerCase()}`));
      tr.append(el('td', a.caseNo, 'mono'), el('td', LEVEL_NAMES[a.level]), el('td', a.pointName), el('td', a.itemName), el('td', a.unit), el('td', STATUS_NAMES[a.status] ?? a.status), el('td', a.deadline, 'num'), light);
      return tr;
    }),
  );
}

// ---- charts --------------------------------------------------------------------------------------------

function draw(id: string, visible: boolean, option: () => object, height?: number) {
  $(`#fig-${id}`).hidden = !visible || !lib;
  $(`#fig-${id}`).classList.toggle('pending', !lib);
  if (!visible || !lib) return;
  const box = $(`#chart-${id}`);
  if (height) box.style.height = `${height}px`;
  let c = charts[id];
  if (!c) {
    c = charts[id] = lib.init(box, null, { renderer: 'canvas', locale: 'ZH' });
    if (id === 'areas') {
      // Anywhere on an area's row drills down (an area with nothing received has no bar to click), or its name.
      const chart = c;
      chart.getZr().on('click', (e) => {
        const at: [number, number] = [e.offsetX, e.offsetY];
        if (chart.containPixel('grid', at)) drill(areaRows[Math.round(chart.convertFromPixel({ gridIndex: 0 }, at)[1])]);
      });
      chart.on('click', (p) => p.componentType === 'yAxis' && drill(areaRows.find((r) => r.name === p.value)));
    }
  }
  c.setOption(option(), true);
  c.resize();
}

function drill(row: Row | undefined) {
  if (row?.code) location.hash = row.code;
}

// ---- tables --------------------------------------------------------------------------------------------

const rowsOf: Record<string, { rows: Row[]; link: boolean }> = {};
const sortOf: Record<string, { key: string; desc: boolean }> = {};

const valueOf = (r: Row, key: string): string | number | null | undefined =>
  key === 'name' || key === 'code' ? r[key] : r.totals[key as keyof Figures];

function table(id: string, rows: Row[], link = false) {
  rowsOf[id] = { rows, link };
  paint(id);
}

function paint(id: string) {
  const t = $(`#${id}`);
  const { rows, link } = rowsOf[id]!;
  const keys = $$('thead th', t).map((th) => th.dataset.key!);
  const s = sortOf[id];
  const sorted = !s ? rows : [...rows].sort((a, b) => {
    const x = valueOf(a, s.key);
    const y = valueOf(b, s.key);
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1; // no value: always last
    const c = typeof x === 'string' ? x.localeCompare(String(y), 'zh-CN') : x - (y as number);
    return s.desc ? -c : c;
  });
  $('tbody', t).replaceChildren(
    ...sorted.map((r) => {
      const tr = el('tr');
      if (r.code) tr.dataset.code = r.code;
      keys.forEach((k, i) => {
        const v = valueOf(r, k);
        const cell = el(i ? 'td' : 'th', undefined, typeof v === 'number' || v === null ? 'num' : k === 'code' ? 'mono' : '');
        if (!i) cell.setAttribute('scope', 'row');
        if (k === 'name' && link && r.code) cell.append(Object.assign(el('a', r.name), { href: `#${r.code}` }));
        else cell.textContent = typeof v === 'string' ? v : formatFigure(k, v);
        tr.append(cell);
      });
      return tr;
    }),
  );
}

/** Sortable tables: each column heading becomes a button; a second click reverses the order. */
for (const t of $$('table.sortable')) {
  for (const th of $$('thead th', t)) {
    const b = el('button', th.textContent ?? '');
    b.type = 'button';
    th.replaceChildren(b);
    if (th.dataset.key !== 'name' && th.dataset.key !== 'code') th.className = 'num';
    b.addEventListener('click', () => {
      const key = th.dataset.key!;
      const s = sortOf[t.id];
      sortOf[t.id] = { key, desc: s?.key === key ? !s.desc : !(key === 'name' || key === 'code') };
      for (const h of $$('thead th', t)) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', sortOf[t.id]!.desc ? 'descending' : 'ascending');
      paint(t.id);
    });
  }
}

// ---- wiring --------------------------------------------------------------------------------------------

$('#sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget as HTMLFormElement;
  const f = new FormData(form);
  const button = $<HTMLButtonElement>('button', form);
  const error = $('.error', form);
  error.textContent = '';
  button.disabled = true;
  try {
    const s = await signIn(String(f.get('username') ?? '').trim(), String(f.get('password') ?? ''));
    form.reset();
    todayKnown = false;
    start(s.staff);
  } catch (x) {
    error.textContent =
      x instanceof ApiError
        ? x.status === 429 ? `${refusalText({ ...x, code: 'TOO_MANY_ATTEMPTS' })}。` : x.status === 401 ? '用户名或密码不正确。' : `登录失败：${refusalText(x)}`
        : '网络连接中断，请检查网络后重试。';
  } finally {
    button.disabled = false;
  }
});

for (const b of $$('.sign-out')) {
  b.addEventListener('click', () => {
    signOut();
    location.hash = '';
    askSignIn();
  });
}

const periodForm = $<HTMLFormElement>('#period');
const presetSelect = $<HTMLSelectElement>('[name=preset]', periodForm);
const fromInput = $<HTMLInputElement>('[name=from]', periodForm);
const toInput = $<HTMLInputElement>('[name=to]', periodForm);
presetSelect.addEventListener('change', () => {
  preset = presetSelect.value as Preset;
  $('.custom', periodForm).hidden = preset !== 'custom';
  if (preset === 'custom') {
    fromInput.value = period.from;
    toInput.value = period.to;
    fromInput.focus();
    return;
  }
  period = presetPeriod(preset, today);
  void load();
});
periodForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const p = { from: fromInput.value, to: toInput.value };
  const problem = periodProblem(p);
  if (problem) return status(problem, true, false);
  period = p;
  void load();
});
$('#retry').addEventListener('click', () => void load());
$('#refresh').addEventListener('click', () => void load());
$('#print').addEventListener('click', () => print());
// Auto-refresh while the page is in view; a page in a background tab catches up when it comes back.
setInterval(() => {
  if (data && document.visibilityState === 'visible' && Date.now() - (fetchedAt?.getTime() ?? 0) >= REFRESH_MS) void load();
}, 30_000);
document.addEventListener('visibilitychange', () => {
  if (data && document.visibilityState === 'visible' && Date.now() - (fetchedAt?.getTime() ?? 0) >= REFRESH_MS) void load();
});
addEventListener('hashchange', () => {
  $('#drill-box').hidden = true;
  render(true);
});
let resizing = 0;
addEventListener('resize', () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => Object.values(charts).forEach((c) => c.resize()));
});

// ---- the cases behind a figure -------------------------------------------------------------------------

/** The figures that open a list of their cases, and the list's name for each. */
const DRILLS: Record<string, string> = { received: 'RECEIVED', accepted: 'ACCEPTED', finished: 'FINISHED', overdueNow: 'OVERDUE_NOW' };
const DRILL_FIRST = 100;
const DRILL_QUERY = `query Drill($c: ID!, $f: String!, $t: String!, $g: DashboardFigure!, $u: ID, $n: Int) {
  county: countyDashboardCases(county: $c, from: $f, to: $t, figure: $g, under: $u, first: $n) { ...L }
  township: townshipDashboardCases(county: $c, from: $f, to: $t, figure: $g, under: $u, first: $n) { ...L }
  village: villageDashboardCases(county: $c, from: $f, to: $t, figure: $g, under: $u, first: $n) { ...L }
}
fragment L on DashboardCaseList { total cases { caseNo pointName itemName decidingUnit status registeredOn deadline } }`;
type DrillList = { total: number; cases: { caseNo: string; pointName: string; itemName: string; decidingUnit: string; status: string; registeredOn: string; deadline: string | null }[] };

async function drillFigure(figure: string, label: string): Promise<void> {
  const code = decodeURIComponent(location.hash.slice(1));
  const box = $('#drill-box');
  const here = document.title.split(' · ')[0] ?? '';
  box.hidden = false;
  $('#drill-title').textContent = `${label} · ${here} · ${period.from} 至 ${period.to}`;
  $('#drill-count').textContent = '正在查询…';
  $('#drill tbody').replaceChildren();
  try {
    const r = await gql<Record<'county' | 'township' | 'village', DrillList>>(DRILL_QUERY, { c: county, f: period.from, t: period.to, g: figure, u: code || null, n: DRILL_FIRST });
    const levels = [['COUNTY', r.county], ['TOWNSHIP', r.township], ['VILLAGE', r.village]] as const;
    const total = levels.reduce((n, [, l]) => n + l.total, 0);
    const shown = levels.reduce((n, [, l]) => n + l.cases.length, 0);
    $('#drill-count').textContent = `共 ${total} 件${shown < total ? `，每级列出前 ${DRILL_FIRST} 件` : ''}`;
    $('#drill-count').dataset.total = String(total);
    $('#drill tbody').replaceChildren(
      ...levels.flatMap(([level, l]) => l.cases.map((c) => {
        const tr = el('tr');
        tr.dataset.caseNo = c.caseNo;
        tr.append(el('td', c.caseNo, 'mono'), el('td', LEVEL_NAMES[level]), el('td', c.pointName), el('td', c.itemName), el('td', c.decidingUnit),
          el('td', STATUS_NAMES[c.status] ?? c.status), el('td', c.registeredOn, 'num'), el('td', c.deadline ?? '—', 'num'));
        return tr;
      })),
    );
    if (!total) {
      const td = el('td', '没有办件', 'empty');
      td.colSpan = 8;
      const tr = el('tr');
      tr.append(td);
      $('#drill tbody').append(tr);
    }
  } catch (e) {
    $('#drill-count').textContent = e instanceof OfflineError ? '网络连接中断，清单未能载入。' : '清单未能载入，请稍后重试。';
  }
  box.scrollIntoView({ block: 'nearest' });
}

for (const dd of $$('#totals [data-figure]')) {
  const figure = DRILLS[dd.dataset.figure!];
  if (!figure) continue;
  const card = dd.parentElement!;
  const label = $('dt', card).textContent ?? '';
  card.classList.add('drillable');
  card.tabIndex = 0;
  card.setAttribute('role', 'button');
  card.dataset.drill = figure;
  card.title = `查看${label}的办件清单`;
  const open = () => void drillFigure(figure, label);
  card.addEventListener('click', open);
  card.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  });
}
$('#drill-close').addEventListener('click', () => ($('#drill-box').hidden = true));

// ---- Excel ---------------------------------------------------------------------------------------------

/** A table as the director sees it (sorted as on screen), numbers as numbers and rates as percentages. */
function sheetOf(table: HTMLTableElement): XlsxCell[][] {
  const head = Array.from(table.tHead!.rows[0]!.cells).map((c) => c.textContent?.trim() ?? '');
  const body = Array.from(table.tBodies[0]!.rows)
    .filter((r) => !r.querySelector('td.empty'))
    .map((r) => Array.from(r.cells).map((c): XlsxCell => {
      const text = c.textContent?.trim() ?? '';
      if (!c.classList.contains('num') || text === '—' || text === '') return text === '—' ? null : text;
      if (text.endsWith('%')) return { value: Number(text.slice(0, -1)) / 100, format: '0.0%' };
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }));
  return [head, ...body];
}

async function download(section: HTMLElement, button: HTMLButtonElement): Promise<void> {
  const table = $<HTMLTableElement>('table', section);
  const title = $('h2', section).textContent?.trim() ?? '表格';
  const rows = sheetOf(table);
  const widths = rows[0]!.map((_, i) => Math.min(40, Math.max(8, ...rows.map((r) => String((r[i] as { value?: unknown })?.value ?? r[i] ?? '').length * 2))));
  const place = document.title.split(' · ')[0] ?? '';
  const sheet: XlsxSheet = { fileName: `${place}-${title}-${period.from}至${period.to}.xlsx`, sheet: title, rows, widths };
  button.disabled = true;
  try {
    await loadScript('/dashboard-xlsx.js');
    await (window as unknown as { scfXlsx: { save(s: XlsxSheet): Promise<void> } }).scfXlsx.save(sheet);
  } catch {
    status('导出失败：表格组件未能加载，请检查网络后重试。', true, false);
  } finally {
    button.disabled = false;
  }
}

for (const section of $$('#drill-box, #alerts, #areas-box, #levels-box, #units-box, #items-box')) {
  const b = el('button', '导出 Excel', 'export') as HTMLButtonElement;
  b.type = 'button';
  b.dataset.export = section.id;
  b.addEventListener('click', () => void download(section, b));
  $('h2', section).after(b);
}

const s = session();
if (s) start(s.staff);
else askSignIn();

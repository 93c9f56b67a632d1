/**
 * The county dashboard page (web/public/dashboard.html holds its markup): sign-in, the period, one query
 * for the whole county, and drill-down county → township → village by the URL's hash (#<code>), so the
 * browser's back button and the breadcrumb both go back up.
 */
import { ApiError, OfflineError, gql, session, signIn, signOut, type Staff } from '../api.js';
import { areaBars, echartsLib, lights, ownRates, rateBars, satisfaction, trend, type Chart } from './charts.js';
import {
  chinaDate, DASHBOARD_QUERY, formatFigure, LEVEL_NAMES, LIGHT_NAMES, periodProblem, presetPeriod, STATUS_NAMES,
  type Alert, type Area, type Dashboard, type Figures, type Period, type Preset,
} from './data.js';

type Row = { code?: string; name: string; totals: Figures };

const $ = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector(sel) as T;
const $$ = (sel: string, root: ParentNode = document) => Array.from(root.querySelectorAll<HTMLElement>(sel));
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};

const lib = echartsLib();
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
  $('#refused-code').textContent = e.code;
  $('#refused-detail').textContent = e.message;
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
    data = d;
    show('dashboard');
    status('');
    render();
  } catch (e) {
    if (mine !== seq) return;
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') askSignIn('登录已失效，请重新登录。');
    else if (e instanceof ApiError && e.code === 'FORBIDDEN') refused(e);
    else {
      if (!data) show('dashboard');
      status(e instanceof OfflineError ? '网络连接中断，数据未能更新。' : `查询失败：${(e as Error).message}`, true);
    }
  } finally {
    if (mine === seq) document.body.removeAttribute('aria-busy');
  }
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
  fill('#totals', figures);
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

function fill(sel: string, f: Figures) {
  for (const dd of $$(`${sel} [data-figure]`)) {
    const k = dd.dataset.figure as keyof Figures;
    dd.textContent = formatFigure(k, f[k]);
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
        ? x.status === 429 ? `尝试次数过多，请稍后再试。（${x.message}）` : x.status === 401 ? '用户名或密码不正确。' : `登录失败：${x.message}`
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
addEventListener('hashchange', () => render(true));
let resizing = 0;
addEventListener('resize', () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => Object.values(charts).forEach((c) => c.resize()));
});

$('#no-charts').hidden = !!lib;
const s = session();
if (s) start(s.staff);
else askSignIn();

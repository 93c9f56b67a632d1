/** 我的办件, 上报在外 and 待我办理 (cases other levels forwarded here: waiting, with what this level can do to them, and handled). */
import { gql, session } from '../api.js';
import { h, fill, val } from './dom.js';
import { itemById, itemsTakenIn, LIST_FIELDS, levelField, levelType, myPoint } from './data.js';
import { busy, day, go, light, note, showError, time } from './ui.js';
import { FORM, FWD_STATUS, HOP_ACTION, LEVEL_WORD, OUTCOME, STATUS, forwardTargets, levelOfCode } from './words.js';

export interface Row {
  caseNo: string;
  itemName: string;
  status: string;
  light: string | null;
  deadline: string | null;
  registeredAt: string;
  applicant: { name: string };
}

export function table(rows: Row[], empty: string): HTMLElement {
  if (!rows.length) return h('p', { class: 'app-empty' }, empty);
  return h('table', { class: 'app-table' },
    h('thead', null, h('tr', null, ['监察', '办件编号', '事项', '申请人', '状态', '承诺办结', '登记时间'].map((t) => h('th', null, t)))),
    h('tbody', null, rows.map((r) => h('tr', { 'data-case': r.caseNo, 'data-status': r.status },
      h('td', null, light(r.light)),
      h('td', null, h('a', { href: `#/case/${r.caseNo}` }, r.caseNo)),
      h('td', null, r.itemName), h('td', null, r.applicant.name), h('td', null, STATUS[r.status] ?? r.status),
      h('td', null, r.deadline ?? '—'), h('td', null, time(r.registeredAt))))));
}

async function pointList(view: HTMLElement, title: string, fieldName: string, empty: string): Promise<void> {
  const s = session()!.staff;
  const d = await gql(`query($c: ID!) { p: ${levelField()}(code: $c) { list: ${fieldName} { ${LIST_FIELDS} } } }`, { c: s.pointCode });
  const rows = (d.p?.list ?? []) as Row[];
  const red = rows.filter((r) => r.light === 'RED').length, yellow = rows.filter((r) => r.light === 'YELLOW').length;
  fill(view, h('h2', null, title, h('small', null, ` 共 ${rows.length} 件${red ? `，红灯 ${red}` : ''}${yellow ? `，黄灯 ${yellow}` : ''}`)), table(rows, empty));
}

/** The filters of 我的办件, kept while the clerk moves between screens. */
let filters: Record<string, string> = {};

/** 我的办件 with its search and filters: the server does the finding, so older cases are found too. */
export async function casesScreen(view: HTMLElement): Promise<void> {
  const s = session()!.staff;
  const items = await itemsTakenIn().catch(() => []);
  const input = (name: string, attrs: Record<string, string>) => h('input', { name, value: filters[name] ?? '', ...attrs });
  const status = h('select', { name: 'status', 'aria-label': '状态' }, h('option', { value: '' }, '全部状态'),
    Object.entries(STATUS).map(([k, v]) => h('option', { value: k, selected: filters.status === k }, v)));
  const item = h('select', { name: 'itemId', 'aria-label': '事项' }, h('option', { value: '' }, '全部事项'),
    items.map((i) => h('option', { value: i.id, selected: filters.itemId === i.id }, i.name)));
  const result = h('div', { class: 'app-results' });
  const form = h('form', { class: 'app-filters', role: 'search' },
    input('search', { type: 'search', 'aria-label': '搜索办件', placeholder: '办件编号、申请人、身份证号、手机号或后四位、事项名称', maxlength: '64' }),
    status, item,
    h('label', null, '登记自 ', input('from', { type: 'date', 'aria-label': '登记日期自' })),
    h('label', null, ' 至 ', input('to', { type: 'date', 'aria-label': '登记日期至' })), ' ',
    h('button', { type: 'submit' }, '查询'), ' ',
    h('button', { type: 'button', class: 'app-secondary', onclick: () => {
      filters = {};
      form.reset();
      for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) el.value = '';
      void show();
    } }, '清除'));
  const show = async () => {
    filters = Object.fromEntries(['search', 'status', 'itemId', 'from', 'to'].map((n) => [n, val(form, n)]).filter(([, v]) => v));
    const args = { c: s.pointCode, q: filters.search ?? null, st: filters.status ? [filters.status] : null, i: filters.itemId ?? null, f: filters.from ?? null, t: filters.to ?? null };
    fill(result, note('info', '正在查询…'));
    try {
      const d = await gql(`query($c: ID!, $q: String, $st: [CaseStatus!], $i: ID, $f: String, $t: String) { p: ${levelField()}(code: $c) {
        list: cases(search: $q, status: $st, itemId: $i, from: $f, to: $t, first: 200) { ${LIST_FIELDS} } } }`, args);
      const rows = (d.p?.list ?? []) as Row[];
      const red = rows.filter((r) => r.light === 'RED').length, yellow = rows.filter((r) => r.light === 'YELLOW').length;
      const filtered = Object.keys(filters).length > 0;
      fill(result, h('p', { class: 'app-result-count', 'data-count': String(rows.length) }, `${filtered ? '查到' : '共'} ${rows.length} 件${rows.length >= 200 ? '（只列出最新 200 件，请缩小查询范围）' : ''}${red ? `，红灯 ${red}` : ''}${yellow ? `，黄灯 ${yellow}` : ''}`),
        table(rows, filtered ? '没有符合条件的办件' : '本点还没有办件'));
    } catch (e) {
      fill(result);
      showError(result, e);
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void show();
  });
  fill(view, h('h2', null, '我的办件'), form, result);
  await show();
}
export const awayScreen = (view: HTMLElement) => pointList(view, '上报在外', 'casesAway', '没有上报在外的办件');

interface NamedPoint {
  code: string;
  name: string;
}

interface Forwarded {
  caseNo: string;
  hop: number;
  status: string;
  version: number;
  itemId: string;
  itemName: string;
  origin: NamedPoint;
  from: NamedPoint;
  applicantName: string;
  applicant: { type: string; name: string; idNumber: string | null; creditCode: string | null; phone: string } | null;
  materials: { position: number; name: string; form: string; copies: number; received: boolean }[];
  note: string | null;
  history: { hop: number; action: string; fromCode: string; toCode: string; at: string; byName: string; note: string | null }[];
  receivedAt: string;
  deadline: string | null;
  light: string | null;
  decidedOn: string | null;
  outcome: string | null;
  reason: string | null;
}

const FORWARDED_FIELDS = `caseNo hop status version itemId itemName origin { code name } from { code name } applicantName
  applicant { type name idNumber creditCode phone } materials { position name form copies received } note
  history { hop action fromCode toCode at byName note } receivedAt deadline light decidedOn outcome reason`;
const WAITING = ['RECEIVED', 'ACCEPTED'];
/** No longer waiting here: decided, returned, passed on, sent back for a supplement, or withdrawn at the origin. */
const HANDLED = ['DECIDED', 'RETURNED', 'FORWARDED', 'SUPPLEMENT_REQUESTED', 'WITHDRAWN'];

/** 待我办理: 待处理 (each case forwarded here, opened in full before it is acted on) and 已处理. */
export async function waitingScreen(view: HTMLElement, which: string): Promise<void> {
  const s = session()!.staff;
  const handled = which === 'handled';
  const [d, here] = await Promise.all([
    gql(`query($c: ID!, $w: [ForwardedStatus!], $h: [ForwardedStatus!]) { p: ${levelField()}(code: $c) { waiting: forwardedToMe(status: $w) { caseNo } list: forwardedToMe(status: $h) { ${FORWARDED_FIELDS} } } }`,
      { c: s.pointCode, w: WAITING, h: handled ? HANDLED : WAITING }),
    myPoint().catch(() => null),
  ]);
  const rows = (d.p?.list ?? []) as Forwarded[];
  const names = (f: Forwarded) => placeNames(f, here);
  const cards = await Promise.all(rows.map((r) => card(r, names(r))));
  const tab = (href: string, label: string, on: boolean) => h('a', { href, class: on ? 'app-current' : null, 'data-subtab': href.endsWith('handled') ? 'handled' : 'waiting' }, label);
  fill(view,
    h('h2', null, '待我办理', h('small', null, ` 下级上报来的办件，待处理 ${(d.p?.waiting ?? []).length} 件`)),
    h('nav', { class: 'app-subnav' }, tab('#/waiting', '待处理', !handled), ' ', tab('#/waiting/handled', '已处理', handled)),
    cards.length ? cards : h('p', { class: 'app-empty' }, handled ? '还没有已处理的上报件' : '没有等待办理的上报件'));
}

/** Where each hop went from and to, by name: the points this case names, this point, else the level's word. */
function placeNames(f: Forwarded, here: { code: string; centre: string; name: string } | null): (code: string) => string {
  const known = new Map<string, string>([[f.origin.code, f.origin.name], [f.from.code, f.from.name]]);
  if (here) known.set(here.code, here.centre || here.name);
  return (code) => {
    const name = known.get(code);
    return name && name !== code ? name : `${LEVEL_WORD[levelOfCode(code)]}级服务点（${code}）`;
  };
}

/** The case in full, as the decider reads it before acting: applicant, materials, the forwarding note, every hop. */
function details(f: Forwarded, place: (code: string) => string): HTMLElement {
  const a = f.applicant;
  return h('div', { class: 'app-forwarded-details' },
    h('dl', null,
      h('dt', null, '申请人'), h('dd', null, a ? `${a.name}（${a.type === 'PERSON' ? '个人' : '单位'}）` : f.applicantName),
      a ? [h('dt', null, a.type === 'PERSON' ? '身份证号码' : '统一社会信用代码'), h('dd', null, a.idNumber ?? a.creditCode ?? '—'),
        h('dt', null, '联系电话'), h('dd', null, a.phone)] : null,
      h('dt', null, '收件点'), h('dd', null, f.origin.name, '（申请人的联系点）'),
      f.from.code !== f.origin.code ? [h('dt', null, '上报来自'), h('dd', null, f.from.name)] : null,
      h('dt', null, '上报备注'), h('dd', { 'data-note': '' }, f.note ?? '无')),
    h('h4', null, '收取的材料'),
    f.materials.length
      ? h('ul', { class: 'app-materials' }, f.materials.map((m) => h('li', { 'data-received': String(m.received) }, m.received ? '✓ ' : '✗ ', `${m.name}（${FORM[m.form] ?? m.form}）`, m.received ? '' : ' 未收到')))
      : h('p', { class: 'app-empty' }, '上报时没有附材料清单，请向收件点核实'),
    h('h4', null, '办理经过'),
    f.history.length
      ? h('ol', { class: 'app-history' }, f.history.map((e) => h('li', { 'data-hop-action': e.action },
        `${time(e.at)} ${HOP_ACTION[e.action] ?? '办理'}：${place(e.fromCode)} → ${place(e.toCode)}（${e.byName}）`, e.note ? ` 备注：${e.note}` : '')))
      : h('p', { class: 'app-empty' }, '没有办理经过记录'));
}

async function card(f: Forwarded, place: (code: string) => string): Promise<HTMLElement> {
  const me = session()!.staff;
  const item = await itemById(f.itemId);
  const msgs = h('div', { class: 'app-msgs' });
  const handle = (button: HTMLButtonElement, action: string, extra: Record<string, unknown>, done: string) =>
    busy(button, async () => {
      try {
        const r = await gql(`mutation($i: ForwardedCaseActionInput!) { r: handleForwarded${levelType()}Case(input: $i) { caseNo status version } }`, {
          i: { caseNo: f.caseNo, expectedVersion: f.version, action, ...extra },
        });
        Object.assign(f, r.r);
        if (f.status === 'ACCEPTED') {
          // Accepted here: the same case again, open, now with what can follow (decide, return, supplement, forward on).
          const next = await card(f, place);
          el.replaceWith(next);
          next.querySelector<HTMLButtonElement>('button[data-open]')?.click();
          next.querySelector('.app-msgs')!.append(note('ok', done));
          return;
        }
        fill(el, h('h3', null, f.itemName, ' ', h('code', null, f.caseNo)), note('ok', `${done}（${FWD_STATUS[f.status] ?? f.status}），已移入“已处理”`));
        el.dataset.status = f.status;
      } catch (e) {
        showError(msgs, e, () => go('waiting'));
      }
    });
  const form = (action: string, title: string, ...body: (HTMLElement | HTMLElement[] | string | null)[]) =>
    h('form', { class: 'app-panel', 'data-action': action }, h('h4', null, title), ...body);
  const on = (fm: HTMLFormElement, run: (b: HTMLButtonElement, fm: HTMLFormElement) => unknown) => {
    fm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void run(fm.querySelector('button[type=submit]')!, fm);
    });
    return fm;
  };
  const waiting = WAITING.includes(f.status);
  const panels: HTMLElement[] = [];
  if (f.status === 'RECEIVED') panels.push(on(form('accept', '接收', h('button', { type: 'submit' }, '接收办理')), (b) => handle(b, 'accept', {}, '已接收')));
  const decidesHere = item ? item.decidingLevel === me.level : true;
  if (!waiting) {
    // Handled: nothing left to do here.
  } else if (decidesHere) {
    // No outcome is chosen for the decider: a grant or a refusal is always a deliberate click.
    panels.push(on(form('decide', '作出决定',
      h('div', { class: 'app-choices', role: 'radiogroup', 'aria-label': '决定' },
        Object.entries(OUTCOME).map(([v, t]) => h('label', { class: 'app-check' }, h('input', { type: 'radio', name: 'outcome', value: v }), t))),
      h('textarea', { name: 'reason', rows: 2, placeholder: '理由（不予许可时必填）' }),
      h('button', { type: 'submit' }, '作出决定')), (b, fm) => {
      const outcome = val(fm, 'outcome');
      if (!outcome) return fill(msgs, note('error', '请先选择“准予许可”或“不予许可”'));
      if (outcome === 'REFUSED' && !val(fm, 'reason')) return fill(msgs, note('error', '不予许可须写明理由'));
      return handle(b, 'decide', { outcome, reason: val(fm, 'reason') || undefined }, `已作出决定：${OUTCOME[outcome]}，结果将送回${f.origin.name}`);
    }));
  } else {
    const up = forwardTargets(me.pointCode, item!.decidingLevel);
    panels.push(on(form('forward', '转报上级',
      h('select', { name: 'toPointCode' }, up.map((t) => h('option', { value: t.code }, `${LEVEL_WORD[t.level]}级 ${t.code}`))),
      h('input', { name: 'note', placeholder: '备注（可不填）' }),
      h('button', { type: 'submit' }, '转报')), (b, fm) => handle(b, 'forward', { toPointCode: val(fm, 'toPointCode'), note: val(fm, 'note') || undefined }, '已转报')));
  }
  if (waiting) {
    panels.push(on(form('returnDown', '退回',
      h('textarea', { name: 'reason', rows: 2, placeholder: '退回理由（必填）' }), h('button', { type: 'submit' }, '退回')), (b, fm) => {
      if (!val(fm, 'reason')) return fill(msgs, note('error', '退回须写明理由'));
      return handle(b, 'returnDown', { reason: val(fm, 'reason') }, `已退回${f.from.name}`);
    }));
    panels.push(on(form('requestSupplement', '要求补正（一次列明）',
      (item?.materials ?? []).map((m) => h('label', { class: 'app-check' }, h('input', { type: 'checkbox', name: 'missing', value: m.name }), m.name)),
      h('input', { name: 'other', placeholder: '其他需补正的材料或问题（可不填）' }),
      h('button', { type: 'submit' }, '要求补正')), (b, fm) => {
      const missing = [...fm.querySelectorAll<HTMLInputElement>('input[name=missing]:checked')].map((x) => ({ name: x.value }));
      if (val(fm, 'other')) missing.push({ name: val(fm, 'other') });
      if (!missing.length) return fill(msgs, note('error', '请列明需要补正的全部材料'));
      return handle(b, 'requestSupplement', { missingMaterials: missing }, `补正要求已发往${f.origin.name}`);
    }));
  }

  // Closed until opened: the case is read whole before any control to act on it appears.
  const body = h('div', { class: 'app-card-body', hidden: true },
    details(f, place),
    f.status === 'DECIDED' && f.outcome ? note('info', `决定：${OUTCOME[f.outcome] ?? f.outcome}（${day(f.decidedOn)}）${f.reason ? `，理由：${f.reason}` : ''}`) : null,
    panels.length ? h('div', { class: 'app-panels' }, panels) : null);
  const open = h('button', { type: 'button', class: 'app-secondary', 'data-open': '', 'aria-expanded': 'false', onclick: () => {
    body.hidden = !body.hidden;
    open.setAttribute('aria-expanded', String(!body.hidden));
    open.textContent = body.hidden ? (waiting ? '打开办件' : '查看办件') : '收起';
  } }, waiting ? '打开办件' : '查看办件');
  const el = h('article', { class: 'app-card', 'data-case': f.caseNo, 'data-status': f.status },
    h('h3', null, f.itemName, ' ', h('code', null, f.caseNo)),
    h('p', { class: 'app-card-summary' }, light(f.light), ` ${FWD_STATUS[f.status] ?? f.status} · 申请人 ${f.applicantName} · 收件点 ${f.origin.name}${f.from.code !== f.origin.code ? ` · 经 ${f.from.name}` : ''} · 收到 ${time(f.receivedAt)} · 承诺办结 ${day(f.deadline)}`),
    f.reason && f.status !== 'DECIDED' ? note('warn', `${f.status === 'RETURNED' ? '退回' : f.status === 'WITHDRAWN' ? '撤回' : '上级退回'}理由：${f.reason}`) : null,
    msgs, open, body);
  return el;
}

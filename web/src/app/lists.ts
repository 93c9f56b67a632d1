/** 我的办件, 上报在外 and 待我办理 (cases other levels forwarded here, with what this level can do to them). */
import { gql, session } from '../api.js';
import { h, fill, val } from './dom.js';
import { itemById, LIST_FIELDS, levelField, levelType } from './data.js';
import { busy, day, go, light, note, showError, time } from './ui.js';
import { FWD_STATUS, LEVEL_WORD, OUTCOME, STATUS, forwardTargets } from './words.js';

interface Row {
  caseNo: string;
  itemName: string;
  status: string;
  light: string | null;
  deadline: string | null;
  registeredAt: string;
  applicant: { name: string };
}

function table(rows: Row[], empty: string): HTMLElement {
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

export const casesScreen = (view: HTMLElement) => pointList(view, '我的办件', 'cases', '本点还没有办件');
export const awayScreen = (view: HTMLElement) => pointList(view, '上报在外', 'casesAway', '没有上报在外的办件');

interface Forwarded {
  caseNo: string;
  hop: number;
  status: string;
  version: number;
  itemId: string;
  itemName: string;
  originPointCode: string;
  fromPointCode: string;
  applicantName: string;
  receivedAt: string;
  deadline: string | null;
  light: string | null;
  reason: string | null;
}

/** 待我办理: each case forwarded here, with accept / decide / return / supplement / forward on. */
export async function waitingScreen(view: HTMLElement): Promise<void> {
  const s = session()!.staff;
  const d = await gql(`query($c: ID!) { p: ${levelField()}(code: $c) { forwardedToMe { caseNo hop status version itemId itemName originPointCode fromPointCode applicantName receivedAt deadline light reason } } }`, { c: s.pointCode });
  const rows = (d.p?.forwardedToMe ?? []) as Forwarded[];
  const cards = await Promise.all(rows.map((r) => card(r)));
  fill(view, h('h2', null, '待我办理', h('small', null, ` 下级上报来的办件 ${rows.length} 件`)), cards.length ? cards : h('p', { class: 'app-empty' }, '没有等待办理的上报件'));
}

async function card(f: Forwarded): Promise<HTMLElement> {
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
          // Accepted here: the same card again, now with what can follow (decide, return, supplement, forward on).
          const next = await card(f);
          el.replaceWith(next);
          next.querySelector('.app-msgs')!.append(note('ok', done));
          return;
        }
        fill(el, h('h3', null, f.itemName, ' ', h('code', null, f.caseNo)), note('ok', `${done}（${FWD_STATUS[f.status] ?? f.status}）`));
        el.dataset.status = f.status;
      } catch (e) {
        showError(msgs, e, () => go('waiting'));
      }
    });
  const form = (action: string, title: string, ...body: (HTMLElement | HTMLElement[] | string | null)[]) => {
    const fm = h('form', { class: 'app-panel', 'data-action': action }, h('h4', null, title), ...body);
    return fm;
  };
  const on = (fm: HTMLFormElement, run: (b: HTMLButtonElement, fm: HTMLFormElement) => unknown) => {
    fm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void run(fm.querySelector('button[type=submit]')!, fm);
    });
    return fm;
  };
  const panels: HTMLElement[] = [];
  if (f.status === 'RECEIVED') panels.push(on(form('accept', '接收', h('button', { type: 'submit' }, '接收办理')), (b) => handle(b, 'accept', {}, '已接收')));
  const decidesHere = item ? item.decidingLevel === me.level : true;
  if (decidesHere) {
    panels.push(on(form('decide', '作出决定',
      h('select', { name: 'outcome' }, Object.entries(OUTCOME).map(([v, t]) => h('option', { value: v }, t))),
      h('textarea', { name: 'reason', rows: 2, placeholder: '理由（不予许可时必填）' }),
      h('button', { type: 'submit' }, '作出决定')), (b, fm) => {
      const outcome = val(fm, 'outcome');
      if (outcome === 'REFUSED' && !val(fm, 'reason')) return fill(msgs, note('error', '不予许可须写明理由'));
      return handle(b, 'decide', { outcome, reason: val(fm, 'reason') || undefined }, `已作出决定：${OUTCOME[outcome]}，结果将送回 ${f.originPointCode}`);
    }));
  } else {
    const up = forwardTargets(me.pointCode, item!.decidingLevel);
    panels.push(on(form('forward', '转报上级',
      h('select', { name: 'toPointCode' }, up.map((t) => h('option', { value: t.code }, `${LEVEL_WORD[t.level]}级 ${t.code}`))),
      h('button', { type: 'submit' }, '转报')), (b, fm) => handle(b, 'forward', { toPointCode: val(fm, 'toPointCode') }, '已转报')));
  }
  panels.push(on(form('returnDown', '退回',
    h('textarea', { name: 'reason', rows: 2, placeholder: '退回理由（必填）' }), h('button', { type: 'submit' }, '退回')), (b, fm) => {
    if (!val(fm, 'reason')) return fill(msgs, note('error', '退回须写明理由'));
    return handle(b, 'returnDown', { reason: val(fm, 'reason') }, `已退回 ${f.fromPointCode}`);
  }));
  panels.push(on(form('requestSupplement', '要求补正（一次列明）',
    (item?.materials ?? []).map((m) => h('label', { class: 'app-check' }, h('input', { type: 'checkbox', name: 'missing', value: m.name }), m.name)),
    h('input', { name: 'other', placeholder: '其他需补正的材料或问题（可不填）' }),
    h('button', { type: 'submit' }, '要求补正')), (b, fm) => {
    const missing = [...fm.querySelectorAll<HTMLInputElement>('input[name=missing]:checked')].map((x) => ({ name: x.value }));
    if (val(fm, 'other')) missing.push({ name: val(fm, 'other') });
    if (!missing.length) return fill(msgs, note('error', '请列明需要补正的全部材料'));
    return handle(b, 'requestSupplement', { missingMaterials: missing }, '补正要求已发往收件点');
  }));

  const el = h('article', { class: 'app-card', 'data-case': f.caseNo, 'data-status': f.status },
    h('h3', null, f.itemName, ' ', h('code', null, f.caseNo)),
    h('p', null, light(f.light), ` ${FWD_STATUS[f.status] ?? f.status} · 申请人 ${f.applicantName} · 收件点 ${f.originPointCode}${f.fromPointCode !== f.originPointCode ? ` · 经 ${f.fromPointCode}` : ''} · 收到 ${time(f.receivedAt)} · 承诺办结 ${day(f.deadline)}`),
    f.reason ? note('warn', `退回理由：${f.reason}`) : null,
    msgs, h('div', { class: 'app-panels' }, panels));
  return el;
}

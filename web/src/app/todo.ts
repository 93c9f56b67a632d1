/**
 * 待办: what needs doing first, for the clerk's point — cases to accept, results back to deliver, supplements
 * outstanding, due soon, overdue, and (above the village) cases other levels sent here. One request; the
 * counts also go on the tabs and refresh by themselves.
 */
import { gql, session } from '../api.js';
import { h, fill } from './dom.js';
import { LIST_FIELDS, levelField } from './data.js';
import { table, type Row } from './lists.js';
import { time } from './ui.js';

/** The open cases a point can have; the newest OPEN_LIMIT of them are counted (a point rarely has a tenth). */
const OPEN = ['REGISTERED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED', 'SUSPENDED', 'FORWARDED', 'DECIDED'];
const OPEN_LIMIT = 500;

export interface Todo {
  toAccept: Row[];
  toDeliver: Row[];
  supplements: Row[];
  dueSoon: Row[];
  overdue: Row[];
  /** Cases other levels forwarded here, waiting (null at a village, which receives none). */
  waitingHere: number | null;
  capped: boolean;
  at: Date;
}

export async function loadTodo(): Promise<Todo> {
  const s = session()!.staff;
  const upper = s.level !== 'VILLAGE';
  const d = await gql(`query($c: ID!, $o: [CaseStatus!], $n: Int) { p: ${levelField()}(code: $c) {
    open: cases(status: $o, first: $n) { ${LIST_FIELDS} } ${upper ? 'waiting: forwardedToMe { caseNo }' : ''} } }`, { c: s.pointCode, o: OPEN, n: OPEN_LIMIT });
  const open = (d.p?.open ?? []) as Row[];
  const by = (f: (r: Row) => boolean) => open.filter(f);
  return {
    toAccept: by((r) => r.status === 'REGISTERED'),
    toDeliver: by((r) => r.status === 'DECIDED'),
    supplements: by((r) => r.status === 'SUPPLEMENT_REQUESTED'),
    dueSoon: by((r) => r.light === 'YELLOW'),
    overdue: by((r) => r.light === 'RED'),
    waitingHere: upper ? ((d.p?.waiting ?? []) as unknown[]).length : null,
    capped: open.length >= OPEN_LIMIT,
    at: new Date(),
  };
}

/** What needs doing, in numbers: the 待办 tab's badge. */
export const todoCount = (t: Todo) => t.toAccept.length + t.toDeliver.length + t.supplements.length + t.overdue.length + (t.waitingHere ?? 0);

let onLoaded: ((t: Todo) => void) | null = null;
/** The shell's tabs show the counts of every load. */
export function onTodo(fn: (t: Todo) => void): void {
  onLoaded = fn;
}

export async function refreshTodo(): Promise<Todo> {
  const t = await loadTodo();
  onLoaded?.(t);
  return t;
}

export async function todoScreen(view: HTMLElement): Promise<void> {
  const draw = (t: Todo) => {
    const section = (key: string, title: string, rows: Row[], empty: string) =>
      h('section', { class: 'app-todo', 'data-todo': key },
        h('h3', null, title, ' ', h('span', { class: `app-count${rows.length ? ' app-has' : ''}`, 'data-count': key }, String(rows.length))),
        table(rows, empty));
    fill(view,
      h('h2', null, '待办', h('small', null, ` 更新于 ${time(t.at.toISOString())}，每分钟自动刷新${t.capped ? `（只统计最近 ${OPEN_LIMIT} 件在办）` : ''}`)),
      t.waitingHere !== null
        ? h('p', { class: 'app-todo-waiting', 'data-todo': 'waiting' }, '其他层级上报、待本级办理：',
            h('a', { href: '#/waiting' }, h('span', { class: `app-count${t.waitingHere ? ' app-has' : ''}`, 'data-count': 'waiting' }, String(t.waitingHere)), ' 件'))
        : null,
      section('overdue', '已超期（红灯）', t.overdue, '没有超期的办件'),
      section('dueSoon', '即将到期（黄灯）', t.dueSoon, '没有即将到期的办件'),
      section('toDeliver', '结果待送达', t.toDeliver, '没有待送达的结果'),
      section('supplements', '待申请人补正', t.supplements, '没有待补正的办件'),
      section('toAccept', '已登记、待受理', t.toAccept, '没有待受理的办件'));
  };
  draw(await refreshTodo());
  const timer = setInterval(() => {
    if (!document.body.contains(view) || location.hash.replace(/^#\/?/, '').split('/')[0] !== 'todo') return clearInterval(timer);
    void refreshTodo().then(draw).catch(() => undefined);
  }, 60_000);
}

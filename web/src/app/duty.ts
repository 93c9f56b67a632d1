/**
 * 考勤: the signed-in member of staff punches (the server takes the time and the kind; nobody punches for
 * another) and reads their own month, computed by their level from punches and the working-day calendar.
 */
import { gql, session } from '../api.js';
import { h, fill } from './dom.js';
import { busy, explain, note } from './ui.js';
import { attendanceSheetSection, readsSheet } from './duty-sheet.js';

export const PUNCH_KIND: Record<string, string> = {
  MORNING_IN: '上午上班', MORNING_OUT: '上午下班', AFTERNOON_IN: '下午上班', AFTERNOON_OUT: '下午下班', OUTSIDE_WINDOW: '打卡时段外',
};
export const DAY_STATUS: Record<string, string> = {
  PRESENT: '出勤', LATE: '迟到', LEFT_EARLY: '早退', MISSING_PUNCH: '缺卡', ABSENT_HALF: '旷工半天', ABSENT_DAY: '旷工一天',
  ON_LEAVE: '请假', REST_DAY: '休息日', UPCOMING: '未到',
};

/** The time of day in China (the centres' time), whatever the browser's zone. */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

const MONTH = `query($u: ID!, $m: String!) { attendanceMonth(username: $u, month: $m) {
  workingDays lateCount earlyLeaveCount missingPunches absenceDays leaveDays monthRules
  days { date working status punches { at kind } rule } } }`;

export async function dutyScreen(view: HTMLElement, arg: string): Promise<void> {
  const me = session()!.staff;
  const month = /^\d{4}-\d{2}$/.test(arg) ? arg : thisMonth();
  const msg = h('div', { class: 'app-msgs', 'data-punch-msg': '' });
  const sheet = h('div', { 'data-attendance': '' });
  const button = h('button', { type: 'button', 'data-punch': '' }, '打卡');
  button.addEventListener('click', () => {
    void busy(button, () => gql('mutation { punch { at kind } }'))
      .then((d) => {
        fill(msg, note('ok', `已打卡：${PUNCH_KIND[d.punch.kind] ?? d.punch.kind} ${chinaTime(d.punch.at)}`));
        void load();
      })
      .catch((e: unknown) => fill(msg, note('error', explain(e))));
  });
  const picker = h('input', { type: 'month', name: 'month', value: month, 'data-month': '' });
  picker.addEventListener('change', () => {
    if (/^\d{4}-\d{2}$/.test(picker.value)) location.hash = `#/duty/${picker.value}`;
  });
  async function load(): Promise<void> {
    fill(sheet, note('info', '载入中…'));
    try {
      const m = (await gql(MONTH, { u: me.username, m: picker.value || month })).attendanceMonth;
      fill(sheet,
        h('p', { class: 'app-duty-sum', 'data-sum': '' },
          `应出勤 ${m.workingDays} 天；迟到 ${m.lateCount} 次，早退 ${m.earlyLeaveCount} 次，缺卡 ${m.missingPunches} 次；旷工 ${m.absenceDays} 天；请假 ${m.leaveDays} 天`),
        m.monthRules.length ? h('ul', { class: 'app-duty-rules' }, m.monthRules.map((r: string) => h('li', null, r))) : null,
        h('table', { class: 'app-table' },
          h('thead', null, h('tr', null, h('th', null, '日期'), h('th', null, '状态'), h('th', null, '打卡'), h('th', null, '依据'))),
          h('tbody', null, m.days.map((d: any) =>
            h('tr', { 'data-day': d.date, 'data-status': d.status, class: d.working ? '' : 'app-rest' },
              h('td', null, d.date.slice(5)),
              h('td', null, DAY_STATUS[d.status] ?? d.status),
              h('td', null, d.punches.map((p: any) => `${PUNCH_KIND[p.kind] ?? p.kind} ${chinaTime(p.at)}`).join('，') || '—'),
              h('td', null, d.rule))))));
    } catch (e) {
      fill(sheet, note('error', explain(e)));
    }
  }
  fill(view,
    h('h2', null, '考勤', h('small', null, ` ${me.name}`)),
    h('p', null, button, ' 打卡以服务器时间为准，只能本人打卡。'),
    msg,
    h('h3', null, '我的考勤 ', picker),
    sheet,
    readsSheet() ? attendanceSheetSection(() => picker.value || month) : null);
  await load();
}

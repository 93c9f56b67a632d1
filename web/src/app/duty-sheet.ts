/**
 * 考勤汇总表 for a centre's office (director, supervisor): the point's month, one line per member of staff,
 * computed by the server from the punches; the punch machine's log imported from its CSV file; the table
 * downloaded as Excel (the dashboard's writer, loaded only when asked for).
 */
import { gql, session } from '../api.js';
import { loadScript } from '../load-script.js';
import type { XlsxCell, XlsxSheet } from '../dashboard/xlsx.js';
import { h, fill } from './dom.js';
import { busy, explain, note } from './ui.js';

const SHEET = `query($p: ID!, $m: String!) { attendanceSheet(pointCode: $p, month: $m) {
  pointName month workingDays rows { username name unit post workingDays lateCount earlyLeaveCount missingPunches absenceDays leaveDays monthRules } } }`;
const IMPORT = 'mutation($p: ID!, $csv: String!) { importPunches(pointCode: $p, csv: $csv) { imported duplicates } }';

const HEADINGS = ['姓名', '窗口/岗位', 'AB岗', '应出勤（天）', '迟到（次）', '早退（次）', '缺卡（次）', '旷工（天）', '请假（天）', '按月规则'];

interface SheetRow {
  username: string; name: string; unit: string | null; post: string | null; workingDays: number; lateCount: number; earlyLeaveCount: number;
  missingPunches: number; absenceDays: number; leaveDays: number; monthRules: string[];
}

const cells = (r: SheetRow): XlsxCell[] => [r.name, r.unit ?? '—', r.post ? `${r.post}岗` : '—', r.workingDays, r.lateCount, r.earlyLeaveCount, r.missingPunches, r.absenceDays, r.leaveDays, r.monthRules.join('；') || '—'];

/** Only the offices that read a whole point's sheet see it: the server refuses anyone else anyway. */
export const readsSheet = () => session()!.staff.roles.some((r) => r === 'DIRECTOR' || r === 'SUPERVISOR');

export function attendanceSheetSection(month: () => string): HTMLElement {
  const me = session()!.staff;
  const msg = h('div', { class: 'app-msgs', 'data-sheet-msg': '' });
  const table = h('div', { 'data-sheet': '' });
  let shown: { pointName: string; month: string; rows: SheetRow[] } | null = null;

  async function load(): Promise<void> {
    fill(table, note('info', '载入中…'));
    try {
      const s = (await gql(SHEET, { p: me.pointCode, m: month() })).attendanceSheet;
      shown = s;
      fill(table,
        h('p', null, `${s.pointName} ${s.month}：应出勤 ${s.workingDays} 天，共 ${s.rows.length} 人`),
        h('table', { class: 'app-table' },
          h('thead', null, h('tr', null, HEADINGS.map((t) => h('th', null, t)))),
          h('tbody', null, s.rows.map((r: SheetRow) => h('tr', { 'data-person': r.username }, cells(r).map((c) => h('td', null, String(c))))))));
    } catch (e) {
      shown = null;
      fill(table, note('error', explain(e)));
    }
  }

  const exportButton = h('button', { type: 'button', 'data-sheet-export': '' }, '导出 Excel');
  exportButton.addEventListener('click', () => {
    void busy(exportButton, async () => {
      if (!shown) return;
      const sheet: XlsxSheet = {
        fileName: `${shown.pointName}-考勤汇总-${shown.month}.xlsx`,
        sheet: `考勤汇总 ${shown.month}`,
        rows: [HEADINGS, ...shown.rows.map(cells)],
        widths: [10, 16, 6, 10, 8, 8, 8, 8, 8, 40],
      };
      await loadScript('/dashboard-xlsx.js');
      await (window as unknown as { scfXlsx: { save(s: XlsxSheet): Promise<void> } }).scfXlsx.save(sheet);
    }).catch(() => fill(msg, note('error', '导出失败：表格程序未能载入，请检查网络后重试')));
  });

  const file = h('input', { type: 'file', accept: '.csv,text/csv', 'data-sheet-file': '' }) as HTMLInputElement;
  const importButton = h('button', { type: 'button', 'data-sheet-import': '' }, '导入打卡机记录');
  importButton.addEventListener('click', () => {
    const chosen = file.files?.[0];
    if (!chosen) return fill(msg, note('warn', '请先选择打卡机导出的 CSV 文件（表头为 username,timestamp）'));
    void busy(importButton, async () => {
      try {
        const r = (await gql(IMPORT, { p: me.pointCode, csv: await chosen.text() })).importPunches;
        fill(msg, note('ok', `已导入 ${r.imported} 条打卡记录${r.duplicates ? `，${r.duplicates} 条此前已导入，未重复记录` : ''}`));
        await load();
      } catch (e) {
        fill(msg, note('error', `未导入任何记录：${explain(e)}`));
      }
    });
  });

  void load();
  return h('section', { class: 'app-duty-sheet', 'data-duty-sheet': '' },
    h('h3', null, '考勤汇总表'),
    h('p', null, file, ' ', importButton, ' ', exportButton),
    msg,
    table);
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from 'read-excel-file/node';
import { COUNTY, DIRECTOR, screenshot, signInToApp, startSite, type Site } from './harness.js';

/** The window app's 考勤 tab in Chromium: 打卡 at the server's time, and 我的考勤 for the month. */
describe('the window app: 考勤', () => {
  let site: Site;
  const CLERK = `${COUNTY}.w02.a`;

  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.close());

  it('punches with one button and shows the month with each day\'s status and rule', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, CLERK);
    site.fed.setNow('2026-12-03T00:20:00Z');
    await page.getByRole('link', { name: '考勤' }).click();
    await page.goto(`${site.origin}/#/duty/2026-12`);
    await page.locator('[data-attendance] table').waitFor();
    await page.getByRole('button', { name: '打卡' }).click();
    await expect.poll(() => page.locator('[data-punch-msg]').innerText()).toBe('已打卡：上午上班 08:20');
    const today = page.locator('tr[data-day="2026-12-03"]');
    await expect.poll(() => today.innerText()).toContain('上午上班 08:20');
    // Two days earlier nobody punched: a whole day's absence, and the rule says why.
    const tuesday = page.locator('tr[data-day="2026-12-01"]');
    expect(await tuesday.getAttribute('data-status')).toBe('ABSENT_DAY');
    expect(await tuesday.innerText()).toContain('全天无打卡记录');
    expect(await page.locator('tr[data-day="2026-12-05"]').getAttribute('data-status')).toBe('REST_DAY');
    await screenshot(page, 'duty-01-month');

    // At 19:00 the evening window (until 18:30 in winter) has closed: the refusal reads in Chinese.
    site.fed.setNow('2026-12-03T11:00:00Z');
    await page.getByRole('button', { name: '打卡' }).click();
    await expect.poll(() => page.locator('[data-punch-msg]').innerText()).toMatch(/不在打卡时间内/);
    site.fed.setNow(null);
  });

  it('gives the centre office the month sheet: imports the punch machine’s CSV, shows each person’s figures, and downloads them as Excel', async () => {
    const page = await (await site.newContext({ acceptDownloads: true })).newPage();
    site.fed.setNow('2026-11-02T02:00:00Z');
    await signInToApp(page, site.origin, DIRECTOR);
    await page.goto(`${site.origin}/#/duty/2026-10`);
    const sheet = page.locator('[data-duty-sheet]');
    await sheet.locator('tr[data-person]').first().waitFor();
    const clerk = `${COUNTY}.w03.a`;
    // The machine's log: 12 October on time, 13 October late.
    const csv = ['username,timestamp',
      ...['08:20', '12:01', '14:25', '18:03'].map((t) => `${clerk},2026-10-12T${t}:00+08:00`),
      ...['08:50', '12:01', '14:25', '18:03'].map((t) => `${clerk},2026-10-13T${t}:00+08:00`)].join('\n');
    await sheet.locator('[data-sheet-file]').setInputFiles({ name: '10月打卡.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await sheet.getByRole('button', { name: '导入打卡机记录' }).click();
    await expect.poll(() => sheet.locator('[data-sheet-msg]').innerText()).toBe('已导入 8 条打卡记录');
    const row = sheet.locator(`tr[data-person="${clerk}"]`);
    // 应出勤 18, 迟到 1, 旷工: the 16 working days with nothing.
    await expect.poll(() => row.locator('td').allInnerTexts()).toEqual([expect.any(String), expect.any(String), 'A岗', '18', '1', '0', '0', '16', '0', '—']);
    // The same file again changes nothing, and says so.
    await sheet.getByRole('button', { name: '导入打卡机记录' }).click();
    await expect.poll(() => sheet.locator('[data-sheet-msg]').innerText()).toBe('已导入 0 条打卡记录，8 条此前已导入，未重复记录');
    await screenshot(page, 'duty-02-sheet');

    const [download] = await Promise.all([page.waitForEvent('download'), sheet.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('宁武县政务服务中心-考勤汇总-2026-10.xlsx');
    const file = join(mkdtempSync(join(tmpdir(), 'scf-duty-')), 'sheet.xlsx');
    await download.saveAs(file);
    const rows = await readSheet(file);
    expect(rows[0]).toEqual(['姓名', '窗口/岗位', 'AB岗', '应出勤（天）', '迟到（次）', '早退（次）', '缺卡（次）', '旷工（天）', '请假（天）', '按月规则']);
    expect(rows).toHaveLength((await sheet.locator('tr[data-person]').count()) + 1);
    const onScreen = await row.locator('td').allInnerTexts();
    const inFile = rows.find((r) => r[0] === onScreen[0] && r[1] === onScreen[1])!;
    // Numbers a spreadsheet can add up.
    expect(inFile.slice(3, 9)).toEqual([18, 1, 0, 0, 16, 0]);
    site.fed.setNow(null);
  });

  it('shows a clerk no month sheet: it is the office’s', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, `${COUNTY}.w02.b`);
    await page.goto(`${site.origin}/#/duty/2026-10`);
    await page.locator('[data-attendance] table').waitFor();
    expect(await page.locator('[data-duty-sheet]').count()).toBe(0);
  });

  it('names on the county dashboard, at once, a hall window whose A and B holders are both away', async () => {
    site.fed.setNow('2026-11-02T01:30:00Z'); // Monday, 09:30 in China
    // w04's B holder is at the window; every other window is empty.
    const present = `${COUNTY}.w04.b`;
    site.fed.setNow('2026-11-02T00:25:00Z');
    expect((await site.fed.as(present).query('mutation { punch { kind } }')).errors).toBeUndefined();
    site.fed.setNow('2026-11-02T01:30:00Z');
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, DIRECTOR);
    await page.goto(`${site.origin}/dashboard.html`);
    const summary = page.locator('#windows-summary');
    await expect.poll(() => summary.innerText()).toMatch(/^宁武县政务服务中心上午：\d+ 个窗口，\d+ 个无人在岗$/);
    const [, total, empty] = /(\d+) 个窗口，(\d+) 个/.exec(await summary.innerText())!.map(Number);
    expect(empty).toBe(total! - 1);
    const items = await page.locator('#windows-uncovered li').allInnerTexts();
    expect(items).toHaveLength(empty!);
    expect(items[0]).toMatch(/A岗 .+、B岗 .+ 均不在岗$/);
    const w04 = (await site.fed.as(DIRECTOR).query(`{ windowsNow(pointCode: "${COUNTY}") { windows { name holders { username } } } }`)).data.windowsNow.windows
      .find((w: any) => w.holders.some((h: any) => h.username === present));
    expect(items.some((t) => t.startsWith(w04.name))).toBe(false);
    // This month's attendance of the hall, summed from its sheet: November has run one working day (the 2nd, under way).
    await expect.poll(() => page.locator('#attendance-summary').innerText()).toMatch(/^本月考勤（县中心 \d+ 人，应出勤 \d+ 天）：迟到 0 次，早退 0 次，缺卡 \d+ 次，旷工 [\d.]+ 人天，请假 0 人天$/);
    await screenshot(page, 'duty-03-dashboard-windows');
    site.fed.setNow(null);
  });
});


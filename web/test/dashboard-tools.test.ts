import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { buildWeb } from '../build.js';
import { launchChromium } from './browser.js';
import { COUNTY, DEMO_PASSWORD, DIRECTOR, residentId, VILLAGE, VILLAGE_CLERK } from './harness.js';

/**
 * The dashboard as a director's daily tool: the figures come before the chart library on a slow link, each
 * figure is set against last month and the same month last year, the page says when it was updated, and
 * every table goes to Excel as it stands on screen.
 */
describe('the county dashboard as a daily tool', () => {
  let fed: TestFederation;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scf-dash-'));
    fed = await startTestFederation({ webRoot: await buildWeb(join(dir, 'site')) });
    await fed.seed(COUNTY);
    const items = (await fed.query(`{ county(code: "${COUNTY}") { serviceItems { id code materials { name } } } }`)).data.county.serviceItems;
    const item = items.find((i: { code: string }) => i.code === 'SC-CW-013');
    let serial = 400;
    const register = async (day: string) => {
      fed.setNow(`${day}T02:00:00Z`);
      const r = await fed.as(VILLAGE_CLERK).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: VILLAGE, itemId: item.id, applicant: { type: 'PERSON', name: '周立新', idNumber: residentId('19900101', String(serial++)), phone: '13912345678' }, materialsReceived: item.materials.map((_: unknown, n: number) => n + 1) },
      });
      expect(r.errors).toBeUndefined();
    };
    // Two in August, three in September: September's 收件量 is 50% up on last month.
    for (const day of ['2026-08-10', '2026-08-20', '2026-09-02', '2026-09-15', '2026-09-25']) await register(day);
    fed.setNow('2026-09-30T02:00:00Z');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await fed?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(page: Page): Promise<void> {
    await page.goto(`${fed.gatewayOrigin}/dashboard.html`);
    await page.fill('input[name=username]', DIRECTOR);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('#sign-in button[type=submit]');
  }

  it('shows the figures on a 256 kbit/s link before the chart library has arrived, and the charts after it', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 256_000 / 8, uploadThroughput: 128_000 / 8 });
    const events: string[] = [];
    page.on('requestfinished', (r) => {
      if (r.url().endsWith('/echarts.min.js')) events.push('charts library arrived');
    });
    await signedIn(page);
    await page.waitForFunction(() => document.querySelector('#totals [data-figure="received"]')?.textContent === '3', undefined, { timeout: 60_000 });
    events.push('figures shown');
    expect(await page.locator('#charts-loading').isVisible()).toBe(true);
    await page.waitForFunction(() => !!document.querySelector('#chart-trend canvas'), undefined, { timeout: 120_000 });
    expect(events).toEqual(['figures shown', 'charts library arrived']);
    expect(await page.locator('#charts-loading').isVisible()).toBe(false);
    await context.close();
  }, 180_000);

  it('sets each figure against last month and the same month last year, and says when it was updated', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } })).newPage();
    await signedIn(page);
    const received = page.locator('#totals [data-figure="received"]');
    await page.waitForFunction(() => document.querySelector('#totals [data-figure="received"] + .cmp [data-compare="previous"]'));
    expect(await received.textContent()).toBe('3');
    expect(await page.locator('#totals [data-figure="received"] + .cmp [data-compare="previous"]').textContent()).toBe('较上期 +50.0%');
    // Nothing was received in September 2025: no ratio to give.
    expect(await page.locator('#totals [data-figure="received"] + .cmp [data-compare="lastYear"]').textContent()).toBe('同比 —');
    expect(await page.locator('#updated').textContent()).toMatch(/^数据更新于 \d{2}:\d{2}:\d{2}，每 5 分钟自动刷新$/);

    // A refresh asks again and moves the time on.
    const before = await page.locator('#updated').getAttribute('data-at');
    await page.waitForTimeout(1100); // the time shown has whole seconds
    await page.click('#refresh');
    await page.waitForFunction((b) => document.querySelector('#updated')?.getAttribute('data-at') !== b, before);
  });

  it('downloads the items table as an Excel file with what the table shows, numbers as numbers', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 }, acceptDownloads: true })).newPage();
    await signedIn(page);
    await page.locator('#items tbody tr').first().waitFor();
    const shown = await page.$$eval('#items tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => c.textContent!.trim())));

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="items-box"]')]);
    expect(download.suggestedFilename()).toBe('宁武县-各事项（全县）-2026-09-01至2026-09-30.xlsx');
    const file = join(dir, 'items.xlsx');
    await download.saveAs(file);
    const sheet = await readSheet(file);
    expect(sheet[0]).toEqual(shown[0]); // the headings, in Chinese
    expect(sheet).toHaveLength(shown.length);
    const row = sheet.find((r) => r[0] === 'SC-CW-013')!;
    const onScreen = shown.find((r) => r[0] === 'SC-CW-013')!;
    expect(row[1]).toBe(onScreen[1]); // the item's name
    expect(row[2]).toBe(3); // 收件量, a number a spreadsheet can add up
    expect(typeof row[3]).toBe('number'); // 即办件率, a fraction shown as a percentage
    expect(`${((row[3] as number) * 100).toFixed(1)}%`).toBe(onScreen[3]);
  });

  it('exports the red and yellow list and the tables from every section', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } })).newPage();
    await signedIn(page);
    await page.locator('#items tbody tr').first().waitFor();
    const buttons = await page.$$eval('button[data-export]', (b) => b.map((x) => [x.getAttribute('data-export'), x.textContent]));
    expect(buttons).toEqual([
      ['drill-box', '导出 Excel'], ['alerts', '导出 Excel'], ['areas-box', '导出 Excel'], ['levels-box', '导出 Excel'], ['units-box', '导出 Excel'], ['items-box', '导出 Excel'],
    ]);
  });

  it('opens the cases behind 收件量 from the figure, by name, and closes them', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } })).newPage();
    await signedIn(page);
    await page.waitForFunction(() => document.querySelector('#totals [data-figure="received"]')?.textContent === '3');
    await page.locator('#totals [data-drill="RECEIVED"]').click();
    expect(await page.locator('#totals [data-drill="RECEIVED"]').getAttribute('role')).toBe('button');
    await page.waitForFunction(() => document.querySelector('#drill-count')?.getAttribute('data-total') !== null);
    expect(await page.locator('#drill-count').textContent()).toBe('共 3 件');
    expect(await page.locator('#drill-title').textContent()).toBe('收件量 · 宁武县 · 2026-09-01 至 2026-09-30');
    const rows = await page.$$eval('#drill tbody tr', (r) => r.map((x) => Array.from((x as HTMLTableRowElement).cells).map((c) => c.textContent)));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.slice(1, 6)).toEqual(['村级', '秃峦妥村委会', '农村村民住宅建设申请村级审查', '村民委员会', '已登记']);
    expect(rows.map((r) => r[6]).sort()).toEqual(['2026-09-02', '2026-09-15', '2026-09-25']);
    await page.screenshot({ path: join(dir, '..', 'dashboard-drill.png') }).catch(() => undefined);
    await page.click('#drill-close');
    expect(await page.locator('#drill-box').isVisible()).toBe(false);
  });
});

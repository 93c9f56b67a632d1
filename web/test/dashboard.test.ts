import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { buildWeb } from '../build.js';
import { launchChromium } from './browser.js';

const COUNTY = '140925';
const TOWNSHIP = '140925100'; // 凤凰镇
const A = '140925100207';
const B = '140925100209';
const DIRECTOR = `${COUNTY}.director`;
/** The demo accounts' password, as the test federation's seed sets it. */
const PASSWORD = 'demo-pass-2026';
const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** A valid resident ID (GB 11643 check digit) of someone born in 宁武县. */
function residentId(serial: number): string {
  const first17 = `14092519900101${String(serial).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const FIGURES = 'received accepted finished onTimeRate satisfactionRate overdueNow forwardedOut delegatedIn';
const API_QUERY = (from: string, to: string) => `{ countyDashboard(code: "${COUNTY}", from: "${from}", to: "${to}") {
  totals { ${FIGURES} }
  townships { code name totals { ${FIGURES} } centre { received } villages { code name totals { ${FIGURES} } } }
  alerts { red yellow cases { caseNo light } }
} }`;

/**
 * The county dashboard page in a real browser (the npm-shipped Chromium) against a whole federation serving the
 * built site: a director signs in, reads the figures the API gives, drills down county → 凤凰镇 → a village
 * and back, and a village clerk is refused.
 */
describe('the county dashboard page, in Chromium', () => {
  let fed: TestFederation;
  let browser: Browser;
  let webRoot: string;
  const cases: Record<string, string> = {};
  let api: any; // the API's own answer for September, to compare the page with

  beforeAll(async () => {
    webRoot = await buildWeb(mkdtempSync(join(tmpdir(), 'scf-web-')));
    fed = await startTestFederation({ webRoot });
    await fed.seed(COUNTY);
    const { data } = await fed.query(`{ county(code: "${COUNTY}") { serviceItems { id code materials { name } } } }`);
    const items = new Map<string, { id: string; materials: number[] }>(
      data.county.serviceItems.map((i: any) => [i.code, { id: i.id, materials: i.materials.map((_: unknown, n: number) => n + 1) }]),
    );
    let serial = 100;
    const at = (day: string) => fed.setNow(`${day}T02:00:00Z`); // 10:00 in China
    async function register(level: 'Village' | 'Township', by: string, point: string, item: string) {
      const i = items.get(item)!;
      const res = await fed.as(by).query(`mutation($i: RegisterCaseInput!) { register${level}Case(input: $i) { caseNo } }`, {
        i: { pointCode: point, itemId: i.id, applicant: { type: 'PERSON', name: '李秀英', idNumber: residentId(serial++), phone: '13912345678' }, materialsReceived: i.materials },
      });
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data[`register${level}Case`].caseNo as string;
    }
    async function act(level: 'Village' | 'Township', by: string, caseNo: string, steps: object[]) {
      const lc = level.toLowerCase();
      let version = (await fed.as(by).query(`{ ${lc}Case(caseNo: "${caseNo}") { version } }`)).data[`${lc}Case`].version as number;
      for (const step of steps) {
        const res = await fed.as(by).query(`mutation($i: CaseActionInput!) { act${level}Case(input: $i) { version } }`, { i: { caseNo, expectedVersion: version, ...step } });
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        version = res.data[`act${level}Case`].version;
      }
    }
    // Finished early and rated: accepted 1 Sep (deadline 8 Sep), decided 3 Sep.
    at('2026-09-01');
    cases.finished = await register('Village', `${A}.a`, A, 'SC-CW-013');
    await act('Village', `${A}.a`, cases.finished, [{ action: 'accept' }]);
    at('2026-09-03');
    await act('Village', `${A}.a`, cases.finished, [{ action: 'decide', outcome: 'GRANTED' }, { action: 'deliver', deliveryMethod: 'PICKUP' }, { action: 'evaluate', evaluation: 'SATISFIED' }]);
    // Red: the township's own, accepted 10 Sep (deadline 15 Sep), still open on the 30th.
    at('2026-09-10');
    cases.red = await register('Township', `${TOWNSHIP}.d3.a`, TOWNSHIP, 'ZM-JS-007');
    await act('Township', `${TOWNSHIP}.d3.a`, cases.red, [{ action: 'accept' }]);
    // Yellow: accepted at village A 24 Sep (deadline 30 Sep) and forwarded to the township.
    at('2026-09-24');
    cases.yellow = await register('Village', `${A}.a`, A, 'ZM-JS-007');
    await act('Village', `${A}.a`, cases.yellow, [{ action: 'accept' }, { action: 'forward', toPointCode: TOWNSHIP }]);
    await fed.flushHandovers();
    // Green: village B, accepted 29 Sep.
    at('2026-09-29');
    cases.green = await register('Village', `${B}.a`, B, 'SC-CW-013');
    await act('Village', `${B}.a`, cases.green, [{ action: 'accept' }]);
    at('2026-09-30');

    const res = await fed.as(DIRECTOR).query(API_QUERY('2026-09-01', '2026-09-30'));
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    api = res.data.countyDashboard;
    expect(api.totals.received).toBe(4);
    expect(api.alerts).toMatchObject({ red: 1, yellow: 1 });

    mkdirSync(results, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await fed?.close();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  /** A fresh browser profile on the dashboard page; every request it makes and every script error recorded. */
  async function open(viewport = { width: 1366, height: 768 }) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
      if (m.type() === 'warning' && /width or height/.test(m.text())) errors.push(m.text()); // a chart drawn while hidden
    });
    await page.goto(`${fed.gatewayOrigin}/dashboard.html`);
    return { context, page, requests, errors };
  }

  async function signInAs(page: Page, username: string) {
    await page.locator('#sign-in').waitFor();
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('#sign-in button[type=submit]');
  }

  const figure = (page: Page, field: string) => page.locator(`#totals [data-figure="${field}"]`);
  /** Waits until `selector`'s text is `text`. */
  const textIs = (page: Page, selector: string, text: string) =>
    page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent?.trim() === t, [selector, text] as const);
  /** The size of the canvas or svg ECharts drew in a chart's container (0×0 when none). */
  const drawn = (page: Page, id: string) =>
    page.$eval(`#${id}`, (box) => {
      const c = box.querySelector('canvas, svg');
      const r = c?.getBoundingClientRect();
      return { width: r?.width ?? 0, height: r?.height ?? 0 };
    });

  describe('a county director', () => {
    let context: BrowserContext;
    let page: Page;
    let requests: string[];
    let errors: string[];
    beforeAll(async () => {
      ({ context, page, requests, errors } = await open());
    });
    afterAll(() => context?.close());

    it('signs in and sees the county’s figures for this month, as the API gives them', async () => {
      await signInAs(page, DIRECTOR);
      // The browser's clock says another month; the page takes "this month" from the county's today (30 Sep).
      await textIs(page, '#totals [data-figure="received"]', String(api.totals.received));
      await expect(page.locator('#asof').textContent()).resolves.toContain('2026-09-01 至 2026-09-30');
      expect(await figure(page, 'finished').textContent()).toBe(String(api.totals.finished));
      expect(await figure(page, 'overdueNow').textContent()).toBe('1');
      expect(await figure(page, 'onTimeRate').textContent()).toBe(`${(api.totals.onTimeRate * 100).toFixed(1)}%`);
      expect(await figure(page, 'satisfactionRate').textContent()).toBe('100.0%');
      expect(await figure(page, 'immediateRate').textContent()).toBe('0.0%');
      // The R37 figures, and the work sent to and done for other levels.
      expect(await page.locator('#totals [data-figure]').count()).toBe(14);
      expect(await figure(page, 'forwardedOut').textContent()).toBe(String(api.totals.forwardedOut));
      expect(await figure(page, 'delegatedIn').textContent()).toBe(String(api.totals.delegatedIn));
      expect(await page.locator('#crumbs [aria-current=page]').textContent()).toBe('宁武县');
    });

    it('draws the trend and the township charts', async () => {
      // The chart library arrives after the figures.
      await page.waitForFunction(() => !!document.querySelector('#chart-sat canvas'));
      // The chart library arrives after the figures.
      await page.waitForFunction(() => !!document.querySelector('#chart-sat canvas'));
      for (const id of ['chart-trend', 'chart-areas', 'chart-lights', 'chart-rates', 'chart-sat']) {
        const size = await drawn(page, id);
        expect(size.width, id).toBeGreaterThan(100);
        expect(size.height, id).toBeGreaterThan(100);
      }
      // ECharts describes each chart for screen readers.
      expect(await page.getAttribute('#chart-areas', 'aria-label')).toContain('凤凰镇');
      expect(await page.locator('#areas tbody tr').count()).toBe(14);
      expect(await page.locator(`#areas tr[data-code="${TOWNSHIP}"] td`).first().textContent()).toBe(String(api.townships[0].totals.received));
    });

    it('lists the red case first, then the yellow one, with the counts', async () => {
      expect(await page.locator('#red-count').textContent()).toBe('1');
      expect(await page.locator('#yellow-count').textContent()).toBe('1');
      const rows = page.locator('#alerts tbody tr[data-case-no]');
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).getAttribute('data-case-no')).toBe(cases.red);
      expect(await rows.nth(0).textContent()).toContain('红灯');
      expect(await rows.nth(0).textContent()).toContain('凤凰镇');
      expect(await rows.nth(1).getAttribute('data-case-no')).toBe(cases.yellow);
      await page.screenshot({ path: join(results, 'dashboard-county.png'), fullPage: true });
    });

    it('sorts a table by a column', async () => {
      await page.click('#areas thead th[data-key="received"] button');
      expect(await page.getAttribute('#areas thead th[data-key="received"]', 'aria-sort')).toBe('descending');
      expect(await page.locator('#areas tbody tr').first().getAttribute('data-code')).toBe(TOWNSHIP);
      await page.click('#areas thead th[data-key="received"] button');
      expect(await page.getAttribute('#areas thead th[data-key="received"]', 'aria-sort')).toBe('ascending');
      expect(await page.locator('#areas tbody tr').last().getAttribute('data-code')).toBe(TOWNSHIP);
    });

    it('drills down to 凤凰镇 from the table: its centre, its villages and their charts', async () => {
      const fenghuang = api.townships.find((t: any) => t.code === TOWNSHIP);
      await page.locator('#areas').getByRole('link', { name: '凤凰镇', exact: true }).click();
      await textIs(page, '#crumbs [aria-current=page]', '凤凰镇');
      expect(page.url()).toMatch(new RegExp(`#${TOWNSHIP}$`));
      expect(await figure(page, 'received').textContent()).toBe(String(fenghuang.totals.received));
      expect(await page.locator('#centre-box').isVisible()).toBe(true);
      expect(await page.locator('#centre [data-figure="received"]').textContent()).toBe(String(fenghuang.centre.received));
      expect(await page.locator('#areas tbody tr').count()).toBe(fenghuang.villages.length);
      const a = fenghuang.villages.find((v: any) => v.code === A);
      expect(await page.locator(`#areas tr[data-code="${A}"] th`).textContent()).toBe(a.name);
      expect(await page.locator('#areas-title').textContent()).toBe('凤凰镇各村');
      expect((await drawn(page, 'chart-areas')).height).toBeGreaterThan(100);
      expect(await page.getAttribute('#chart-areas', 'aria-label')).toContain(a.name);
      // The county-wide trend, units and items are not this township's.
      expect(await page.locator('#fig-trend').isVisible()).toBe(false);
      expect(await page.locator('#units-box').isVisible()).toBe(false);
      // Both alerts are 凤凰镇's: the red one at its centre, the yellow one from village A.
      expect(await page.locator('#alerts tbody tr[data-case-no]').count()).toBe(2);
      await page.screenshot({ path: join(results, 'dashboard-township.png'), fullPage: true });

      // On to village A, then back up by the breadcrumb.
      await page.locator('#areas').getByRole('link', { name: a.name, exact: true }).click();
      await textIs(page, '#crumbs [aria-current=page]', a.name);
      expect(await figure(page, 'received').textContent()).toBe(String(a.totals.received));
      expect(await page.locator('#crumbs li').count()).toBe(3);
      expect(await page.locator('#areas-box').isVisible()).toBe(false);
      expect(await page.locator('#alerts tbody tr[data-case-no]').count()).toBe(1);
      expect(await page.locator('#alerts tbody tr[data-case-no]').getAttribute('data-case-no')).toBe(cases.yellow);
      expect((await drawn(page, 'chart-rates')).height).toBeGreaterThan(100);
      await page.screenshot({ path: join(results, 'dashboard-village.png'), fullPage: true });

      await page.locator('#crumbs').getByRole('link', { name: '凤凰镇' }).click();
      await textIs(page, '#crumbs [aria-current=page]', '凤凰镇');
      await page.locator('#crumbs').getByRole('link', { name: '宁武县' }).click();
      await textIs(page, '#crumbs [aria-current=page]', '宁武县');
      await textIs(page, '#totals [data-figure="received"]', String(api.totals.received));
      expect(await page.locator('#areas tbody tr').count()).toBe(14);
      expect(await page.locator('#fig-trend').isVisible()).toBe(true);
    });

    it('drills down by clicking 凤凰镇’s row in the township chart', async () => {
      // Where ECharts put 凤凰镇's row (the first category), from the chart itself.
      await page.locator('#chart-areas').scrollIntoViewIfNeeded();
      const box = (await page.locator('#chart-areas').boundingBox())!;
      const row = api.townships.findIndex((t: any) => t.code === TOWNSHIP);
      const [x, y] = await page.$eval('#chart-areas', (el, i) => {
        const chart = (window as any).echarts.getInstanceByDom(el);
        return chart.convertToPixel({ gridIndex: 0 }, [0, i]) as [number, number];
      }, row);
      await page.mouse.click(box.x + x + 20, box.y + y);
      await textIs(page, '#crumbs [aria-current=page]', '凤凰镇');
      await page.goBack();
      await textIs(page, '#crumbs [aria-current=page]', '宁武县');
    });

    it('changes the period: last month, and a custom one checked before it is asked for', async () => {
      await page.selectOption('select[name=preset]', 'lastMonth');
      await textIs(page, '#totals [data-figure="received"]', '0');
      expect(await page.locator('#asof').textContent()).toContain('2026-08-01 至 2026-08-31');
      expect(await figure(page, 'overdueNow').textContent()).toBe('1'); // open cases are as of today
      expect(await figure(page, 'onTimeRate').textContent()).toBe('—');

      await page.selectOption('select[name=preset]', 'custom');
      await page.fill('input[name=from]', '2025-01-01');
      await page.fill('input[name=to]', '2026-09-30');
      await page.click('#period button[type=submit]');
      await textIs(page, '#status', '统计期最长 366 天');
      await page.fill('input[name=from]', '2026-09-01');
      await page.fill('input[name=to]', '2026-09-09');
      await page.click('#period button[type=submit]');
      await textIs(page, '#totals [data-figure="received"]', '1');

      await page.selectOption('select[name=preset]', 'month');
      await textIs(page, '#totals [data-figure="received"]', String(api.totals.received));
    });

    it('degrades on a narrow screen: one column, nothing wider than the screen', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(() => document.documentElement.scrollWidth <= 390);
      const charts = await page.$$eval('.charts figure:not([hidden])', (f) => f.map((x) => Math.round(x.getBoundingClientRect().width)));
      expect(new Set(charts).size).toBe(1); // all the same width: one column
      expect(charts[0]).toBeLessThanOrEqual(390);
      expect((await drawn(page, 'chart-trend')).width).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(results, 'dashboard-narrow.png'), fullPage: true });
      await page.setViewportSize({ width: 1366, height: 768 });
    });

    it('asks to sign in again when the token is refused', async () => {
      // Spoil the stored token's signature, wherever the shared client keeps it.
      await page.evaluate(() => {
        for (const key of Object.keys(localStorage)) {
          const v = localStorage.getItem(key) ?? '';
          if (v.includes('"token"')) {
            const s = JSON.parse(v);
            s.token = `${s.token.slice(0, -4)}AAAA`;
            localStorage.setItem(key, JSON.stringify(s));
          }
        }
      });
      await page.reload();
      await page.locator('#sign-in').waitFor();
      expect(await page.locator('#sign-in .error').textContent()).toContain('重新登录');
      expect(await page.locator('#dashboard').isVisible()).toBe(false);
    });

    it('made no request outside the gateway and raised no script error', () => {
      const outside = requests.filter((u) => !u.startsWith(`${fed.gatewayOrigin}/`) && !u.startsWith('data:'));
      expect(outside).toEqual([]);
      expect(requests).toContain(`${fed.gatewayOrigin}/echarts.min.js`);
      expect(errors).toEqual([]);
    });
  });

  it('a village clerk who signs in is told plainly the dashboard is not theirs, and sees no figures', async () => {
    const { context, page, errors } = await open();
    try {
      await signInAs(page, `${A}.a`);
      await page.locator('#refused').waitFor();
      expect(await page.locator('#refused').getAttribute('data-code')).toBe('FORBIDDEN');
      expect(await page.locator('#refused').textContent()).toContain('无权查看');
      // The server's reason, in Chinese only: no code, no English.
      expect(await page.locator('#refused-detail').textContent()).toMatch(/县/);
      expect(await page.locator('#refused').textContent()).not.toMatch(/[A-Za-z]{3,}/);
      expect(await page.locator('#dashboard').isVisible()).toBe(false);
      expect(await figure(page, 'received').isVisible()).toBe(false);
      expect(await figure(page, 'received').textContent()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

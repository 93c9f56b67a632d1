import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTY, screenshot, signInToApp, startSite, type Site } from './harness.js';

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
});

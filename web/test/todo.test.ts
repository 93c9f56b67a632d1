import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTY, residentId, screenshot, signInToApp, startSite, VILLAGE, VILLAGE_CLERK, type Site } from './harness.js';

/** 待办: a village clerk sees first what needs doing, with the counts on the tab. */
describe('the to-do view of the window app', () => {
  let site: Site;
  const made: Record<string, string> = {};

  beforeAll(async () => {
    site = await startSite();
    const items = (await site.fed.query(`{ county(code: "${COUNTY}") { serviceItems { id code } } }`)).data.county.serviceItems;
    const housing = items.find((i: { code: string }) => i.code === 'SC-CW-013').id;
    const clerk = site.fed.as(VILLAGE_CLERK);
    let serial = 900;
    const register = async (name: string, materials: number[]) => {
      const r = await clerk.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: VILLAGE, itemId: housing, applicant: { type: 'PERSON', name, idNumber: residentId('19860606', String(serial++)), phone: '13912345678' }, materialsReceived: materials },
      });
      expect(r.errors).toBeUndefined();
      return r.data.registerVillageCase.caseNo as string;
    };
    const act = async (caseNo: string, steps: object[]) => {
      let version = 1;
      for (const step of steps) {
        const r = await clerk.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: version, ...step } });
        expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
        version = r.data.actVillageCase.version;
      }
    };
    // A month ago: accepted and never decided — red now.
    site.fed.setNow(new Date(Date.now() - 30 * 86_400_000));
    made.overdue = await register('卫红灯', [1, 2]);
    await act(made.overdue, [{ action: 'accept' }]);
    site.fed.setNow(null);
    made.toAccept = await register('蒋待受理', [1, 2]);
    made.toDeliver = await register('沈待送达', [1, 2]);
    await act(made.toDeliver, [{ action: 'accept' }, { action: 'decide', outcome: 'GRANTED' }]);
    made.supplement = await register('韩待补正', [1]);
    await act(made.supplement, [{ action: 'requestSupplement', missingMaterials: [{ name: '户口簿', problem: '未带' }] }]);
  });
  afterAll(() => site?.close());

  it('lists what needs doing, each case under its heading, and counts it on the tab', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    const badge = page.locator('[data-tab-count="todo"]');
    await page.waitForFunction(() => document.querySelector('[data-tab-count="todo"]')?.textContent === '4');
    expect(await badge.isVisible()).toBe(true);

    await page.getByRole('link', { name: /^待办/ }).click();
    const rowsOf = (key: string) => page.$$eval(`[data-todo="${key}"] tr[data-case]`, (r) => r.map((x) => x.getAttribute('data-case')));
    await page.locator('[data-todo="overdue"]').waitFor();
    expect(await rowsOf('overdue')).toEqual([made.overdue]);
    expect(await rowsOf('toAccept')).toEqual([made.toAccept]);
    expect(await rowsOf('toDeliver')).toEqual([made.toDeliver]);
    expect(await rowsOf('supplements')).toEqual([made.supplement]);
    expect(await page.locator('[data-count="dueSoon"]').textContent()).toBe('0');
    expect(await page.locator('[data-todo="dueSoon"]').innerText()).toContain('没有即将到期的办件');
    expect(await page.locator('[data-todo="overdue"]').innerText()).toContain('卫红灯');
    expect(await page.locator('.app-view h2').innerText()).toMatch(/^待办 更新于 .*每分钟自动刷新$/);
    await screenshot(page, '24-todo');

    // Delivering the decided case takes it off the list, and the tab's count follows.
    await page.locator(`[data-todo="toDeliver"] a[href="#/case/${made.toDeliver}"]`).click();
    await page.locator('article.app-case').waitFor();
    const r = await site.fed.as(VILLAGE_CLERK).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo: made.toDeliver, expectedVersion: 3, action: 'deliver', deliveryMethod: 'PICKUP' } });
    expect(r.errors).toBeUndefined();
    await page.getByRole('link', { name: /^待办/ }).click();
    await page.waitForFunction(() => document.querySelector('[data-count="toDeliver"]')?.textContent === '0');
    expect(await badge.textContent()).toBe('3');
  });
});

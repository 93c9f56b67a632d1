import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTY, residentId, screenshot, signInToApp, startSite, VILLAGE, VILLAGE_CLERK, type Site } from './harness.js';

/** A village clerk finds an item by a word, by its pinyin initials, and sees the room's everyday items first. */
describe('finding an item in the window app', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
    const items = (await site.fed.query(`{ county(code: "${COUNTY}") { serviceItems { id code materials { name } } } }`)).data.county.serviceItems;
    const housing = items.find((i: { code: string }) => i.code === 'SC-CW-013');
    for (const serial of ['611', '612']) {
      const r = await site.fed.as(VILLAGE_CLERK).query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: VILLAGE, itemId: housing.id, applicant: { type: 'PERSON', name: '郑春花', idNumber: residentId('19820202', serial), phone: '13912345678' }, materialsReceived: [1] },
      });
      expect(r.errors).toBeUndefined();
    }
  });
  afterAll(() => site?.close());

  it('lists the items the room used most in the last 90 days first, with their counts', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    const first = page.locator('ul.app-items li').first();
    await first.waitFor();
    expect(await first.getAttribute('data-item')).toBe('SC-CW-013');
    expect(await first.innerText()).toContain('近 90 天本点 2 件');
    expect(await page.locator('ul.app-items li').nth(1).innerText()).not.toContain('近 90 天');
  });

  it('finds 流动人口婚育证明 by 婚育 and by its initials ldrk, and nothing for a word no item has', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    const search = page.getByRole('searchbox', { name: '搜索事项' });
    const found = () => page.$$eval('ul.app-items li[data-item]', (l) => l.map((x) => x.getAttribute('data-item')));
    await page.locator('ul.app-items li[data-item]').first().waitFor();
    await search.fill('婚育');
    expect(await found()).toEqual(['ZM-JS-007']);
    await search.fill('ldrk');
    expect(await found()).toEqual(['ZM-JS-007']);
    await search.fill('LDRKHYZM');
    expect(await found()).toEqual(['ZM-JS-007']);
    await screenshot(page, '22-item-search-initials');
    await search.fill('qqqq');
    expect(await found()).toEqual([]);
    expect(await page.locator('ul.app-items').innerText()).toBe('没有找到相符的事项');
  });

  it('finds a case in 我的办件 by the last four digits of the phone, by name, and by status, with the count', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await page.getByRole('link', { name: '我的办件' }).click();
    const count = page.locator('.app-result-count');
    await count.waitFor();
    expect(await count.textContent()).toBe('共 2 件');
    await page.getByRole('searchbox', { name: '搜索办件' }).fill('5678');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForFunction(() => document.querySelector('.app-result-count')?.textContent?.startsWith('查到'));
    expect(await count.textContent()).toBe('查到 2 件');
    await page.getByRole('searchbox', { name: '搜索办件' }).fill('没有这个人');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForFunction(() => document.querySelector('.app-result-count')?.getAttribute('data-count') === '0');
    expect(await page.locator('.app-results').innerText()).toContain('没有符合条件的办件');
    await page.getByRole('searchbox', { name: '搜索办件' }).fill('郑春');
    await page.getByRole('combobox', { name: '状态' }).selectOption('REGISTERED');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForFunction(() => document.querySelector('.app-result-count')?.getAttribute('data-count') === '2');
    expect(await page.$$eval('.app-results tr[data-case]', (r) => r.map((x) => x.getAttribute('data-status')))).toEqual(['REGISTERED', 'REGISTERED']);
    await screenshot(page, '25-case-search');
    await page.getByRole('button', { name: '清除' }).click();
    await page.waitForFunction(() => document.querySelector('.app-result-count')?.textContent === '共 2 件');
  });
});

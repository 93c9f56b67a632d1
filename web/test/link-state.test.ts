import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { residentId, signInToApp, screenshot, startSite, VILLAGE_CLERK, type Site } from './harness.js';

/**
 * The link state in the window app's bar tells the truth: "在线" means the server answered recently. A village
 * room whose uplink is dead still has its network card up (navigator.onLine stays true), so only the server's
 * silence can say the link is down.
 */
describe('the link state a village clerk reads', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.close());

  const bar = (page: Page) => page.locator('.app-online');
  /** The uplink dies beyond the room's router: requests to the gateway get no answer, the network card stays up. */
  const cutUplink = async (page: Page) => {
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.route('**/health', (route) => route.abort('connectionrefused'));
  };
  const restoreUplink = async (page: Page) => {
    await page.unroute('**/graphql');
    await page.unroute('**/health');
  };

  it('says 在线 with the time the server last answered, once it has answered', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await page.locator('.app-online[data-link="up"]').waitFor();
    expect(await bar(page).innerText()).toMatch(/^在线，服务器最近应答 \d{2}:\d{2}:\d{2}$/);
  });

  it('says 离线 when the server stops answering although the browser believes it is online, and 在线 again when it answers', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await page.locator('.app-online[data-link="up"]').waitFor();

    await cutUplink(page);
    await page.getByRole('link', { name: '我的办件' }).click();
    await page.locator('.app-online[data-link="down"]').waitFor();
    expect(await page.evaluate(() => navigator.onLine)).toBe(true);
    expect(await bar(page).innerText()).toContain('离线：登记和上报将暂存');
    await screenshot(page, '20-link-down-network-card-up');

    await restoreUplink(page);
    await page.getByRole('link', { name: '办事指南与收件' }).click();
    await page.locator('.app-online[data-link="up"]').waitFor();
    expect(await bar(page).innerText()).toMatch(/^在线/);
  });

  it('keeps a registration made while the server is silent, and the queue shows when it last synced', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await page.locator('.app-online[data-link="up"]').waitFor();
    await page.getByRole('link', { name: '待发送', exact: true }).click();
    const summary = page.locator('.app-outbox-summary');
    await summary.waitFor();

    await page.getByRole('link', { name: '办事指南与收件' }).click();
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('婚育');
    await page.locator('[data-item="ZM-JS-007"] a').click();
    await page.getByRole('link', { name: '登记收件' }).click();
    await page.locator('form.app-register').waitFor();
    await page.locator('input[name="applicant.name"]').fill('孙同步');
    await page.locator('input[name="applicant.idNumber"]').fill(residentId('19760315', '246'));
    await page.locator('input[name="applicant.phone"]').fill('13500003333');
    for (const box of await page.locator('input[name=material]').all()) await box.check();

    await cutUplink(page);
    await page.getByRole('button', { name: '登记收件' }).click();
    await page.locator('.app-msgs [data-kind=warn]').waitFor();
    expect(await page.locator('.app-msgs [data-kind=warn]').innerText()).toContain('已存入待发送');
    await page.getByRole('link', { name: '待发送', exact: true }).click();
    await page.locator('li[data-outbox-item][data-state="waiting"]').waitFor();
    const before = await summary.getAttribute('data-synced');
    expect(await summary.innerText()).toContain('待发送 1 件（当前离线，联网后自动发送）');

    await restoreUplink(page);
    await page.getByRole('button', { name: '立即发送' }).click();
    await page.locator('li[data-outbox-item][data-state="sent"]').waitFor();
    await page.waitForFunction((b) => {
      const s = document.querySelector('.app-outbox-summary')?.getAttribute('data-synced');
      return !!s && s !== b;
    }, before);
    expect(await summary.innerText()).toMatch(/^待发送 0 件；上次同步 .*\d{2}:\d{2}/);
    await screenshot(page, '21-outbox-synced');
  });

  it('prints a provisional receipt for a registration kept while the server is silent: no case number yet, the materials taken, who took them', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('婚育');
    await page.locator('[data-item="ZM-JS-007"] a').click();
    await page.getByRole('link', { name: '登记收件' }).click();
    await page.locator('form.app-register').waitFor();
    const id = residentId('19690707', '135');
    await page.locator('input[name="applicant.name"]').fill('何临时');
    await page.locator('input[name="applicant.idNumber"]').fill(id);
    await page.locator('input[name="applicant.phone"]').fill('13500004444');
    await page.locator('input[name=material]').first().check();
    await cutUplink(page);
    await page.getByRole('button', { name: '登记收件' }).click();
    await page.getByRole('button', { name: '打印临时收件凭证' }).click();
    const frame = page.frameLocator('.app-print iframe');
    await frame.locator('h1').waitFor();
    const paper = await frame.locator('body').innerText();
    expect(await frame.locator('h1').innerText()).toBe('临时收件凭证');
    expect(paper).toContain('何临时');
    expect(paper).toContain('流动人口婚育证明');
    expect(paper).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`); // masked as every screen masks it (maskResidentId)
    expect(paper).not.toContain(id);
    expect(paper).toMatch(/已收材料\s+1\. 身份证/);
    expect(paper).toContain('网络恢复后，系统自动登记本件并生成办件编号');
    await screenshot(page, '23-provisional-receipt');
    await restoreUplink(page);
  });
});

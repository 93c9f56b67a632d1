import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  COUNTY, DEMO_PASSWORD, DIRECTOR, TOWNSHIP, TOWNSHIP_CLERK, VILLAGE, VILLAGE_CLERK,
  residentId, screenshot, signInToApp, startSite, type Site,
} from './harness.js';

/** The window app (/) in Chromium against the whole federation: a case's journey, the outbox, refusals. */
describe('the window app', () => {
  let site: Site;
  let itemId: string;

  beforeAll(async () => {
    site = await startSite();
    const d = await site.fed.query(`{ county(code: "${COUNTY}") { serviceItems { id code } } }`);
    itemId = d.data.county.serviceItems.find((i: { code: string }) => i.code === 'ZM-JS-007').id;
  });
  afterAll(() => site?.close());

  const director = () => site.fed.as(DIRECTOR);

  /** Cases of the demo village whose applicant has this name, as the county director reads them. */
  async function casesOf(applicant: string): Promise<{ caseNo: string; status: string }[]> {
    const r = await director().query(`{ village(code: "${VILLAGE}") { cases(first: 200) { caseNo status applicant { name } } } }`);
    expect(r.errors).toBeUndefined();
    return r.data.village.cases.filter((c: { applicant: { name: string } }) => c.applicant.name === applicant);
  }

  /** A case registered (and accepted) at the village through the API, for screens that start from one. */
  async function caseAtVillage(applicant: string, accept = true): Promise<string> {
    const clerk = site.fed.as(VILLAGE_CLERK);
    const reg = await clerk.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: VILLAGE, itemId, applicant: { type: 'PERSON', name: applicant, idNumber: residentId('19880808', '321'), phone: '13900005678' }, materialsReceived: [1, 2, 3] },
    });
    expect(reg.errors).toBeUndefined();
    const caseNo = reg.data.registerVillageCase.caseNo as string;
    if (accept) {
      const acc = await clerk.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
      expect(acc.errors).toBeUndefined();
    }
    return caseNo;
  }

  async function openRegistration(page: Page): Promise<void> {
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('婚育');
    await page.locator('[data-item="ZM-JS-007"] a').click();
    await page.getByRole('link', { name: '登记收件' }).click();
    await page.locator('form.app-register').waitFor();
  }

  async function fillApplicant(page: Page, name: string, id: string, phone: string): Promise<void> {
    await page.locator('input[name="applicant.name"]').fill(name);
    await page.locator('input[name="applicant.idNumber"]').fill(id);
    await page.locator('input[name="applicant.phone"]').fill(phone);
    for (const box of await page.locator('input[name=material]').all()) await box.check();
  }

  const caseArticle = (page: Page, status: string) => page.locator(`article.app-case[data-status="${status}"]`);

  it('takes a case from the village to the township and back: register, accept, print, forward, decide, deliver — and the county dashboard counts it', async () => {
    const village = await (await site.newContext()).newPage();
    await signInToApp(village, site.origin, VILLAGE_CLERK);

    // The clerk finds the item and reads its guide with the materials checklist.
    await village.getByRole('searchbox', { name: '搜索事项' }).fill('婚育');
    await village.locator('[data-item="ZM-JS-007"] a').click();
    const guide = village.locator('[data-guide="ZM-JS-007"]');
    await guide.waitFor();
    const guideText = await guide.innerText();
    expect(guideText).toContain('流动人口婚育证明');
    expect(guideText).toMatch(/承诺 3 个工作日/);
    expect(await guide.locator('.app-materials li').allInnerTexts()).toEqual(['身份证（原件及复印件）', '户口簿（原件及复印件）', '结婚证（复印件，已婚者提供）']);
    await screenshot(village, '01-guide');

    // Registers the case with every material brought.
    await village.getByRole('link', { name: '登记收件' }).click();
    await fillApplicant(village, '王桂兰', residentId('19920315', '224'), '13812341234');
    await screenshot(village, '02-register-form');
    await village.getByRole('button', { name: '登记收件' }).click();
    const registered = caseArticle(village, 'REGISTERED');
    await registered.waitFor();
    const caseNo = (await registered.getAttribute('data-case'))!;
    expect(caseNo).toMatch(new RegExp(`^${VILLAGE}-\\d{8}-\\d{5}$`));
    expect(await registered.locator('.app-materials li[data-received="true"]').count()).toBe(3);

    // Accepts it: the promised deadline and a green light appear, and the acceptance notice prints.
    await village.locator('form[data-action=accept] button[type=submit]').click();
    const accepted = caseArticle(village, 'ACCEPTED');
    await accepted.waitFor();
    expect(await accepted.locator('.app-status').innerText()).toMatch(/已受理.*绿灯.*承诺办结：\d{4}-\d{2}-\d{2}/);
    await village.locator('[data-notice=ACCEPTANCE]').click();
    const frame = village.locator('.app-print iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    const notice = village.frameLocator('.app-print iframe');
    expect(await notice.locator('h1').innerText()).toContain('受理通知书');
    expect(await notice.locator('body').innerText()).toContain(caseNo);
    await screenshot(village, '03-acceptance-notice');
    await village.getByRole('button', { name: '关闭' }).click();

    // Forwards it to the township above, which decides this item (the first 9 digits of the village's code).
    const target = village.locator('form[data-action=forward] select[name=toPointCode]');
    expect(await target.inputValue()).toBe(TOWNSHIP);
    await village.locator('form[data-action=forward] button[type=submit]').click();
    await caseArticle(village, 'FORWARDED').waitFor();
    await village.getByRole('link', { name: '上报在外' }).click();
    await village.locator(`tr[data-case="${caseNo}"]`).waitFor();
    await screenshot(village, '04-cases-away');

    // The township clerk, on another computer, finds it waiting and grants it.
    await site.fed.flushHandovers();
    const township = await (await site.newContext()).newPage();
    await signInToApp(township, site.origin, TOWNSHIP_CLERK);
    await township.getByRole('link', { name: '待我办理' }).click();
    const card = township.locator(`article.app-card[data-case="${caseNo}"]`);
    await card.waitFor();
    expect(await card.innerText()).toContain('王桂兰');
    await screenshot(township, '05-township-waiting');
    await card.getByRole('button', { name: '打开办件' }).click();
    await card.getByRole('radio', { name: '准予许可' }).check();
    await card.locator('form[data-action=decide] button[type=submit]').click();
    await card.getByText('已作出决定：准予许可').waitFor();

    // The result travels back; the village clerk sees it and records the delivery.
    await site.fed.flushHandovers();
    await village.goto(`${site.origin}/#/case/${caseNo}`);
    const decided = caseArticle(village, 'DECIDED');
    await decided.waitFor();
    expect(await decided.locator('.app-decision').innerText()).toContain('准予许可');
    await village.locator('form[data-action=deliver] select[name=deliveryMethod]').selectOption('PICKUP');
    await village.locator('form[data-action=deliver] button[type=submit]').click();
    await caseArticle(village, 'DELIVERED').waitFor();
    await screenshot(village, '06-delivered');
    await village.getByRole('link', { name: '我的办件' }).click();
    expect(await village.locator(`tr[data-case="${caseNo}"]`).innerText()).toContain('已送达');

    // The county director opens the dashboard page and sees the case counted as received.
    const dash = await (await site.newContext()).newPage();
    await dash.goto(`${site.origin}/dashboard.html`);
    await dash.locator('input[name=username]').fill(DIRECTOR);
    await dash.locator('input[name=password]').fill(DEMO_PASSWORD);
    await dash.locator('form:has(input[name=password]) button[type=submit]').click();
    const received = dash.locator('#totals [data-figure="received"]');
    await received.waitFor();
    await expect.poll(async () => Number((await received.innerText()).replace(/[^\d.]/g, '')), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await screenshot(dash, '07-dashboard');
  });

  it('keeps a registration made with the link down and sends it once when the link returns, however often the button was pressed', async () => {
    const context = await site.newContext();
    const page = await context.newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await openRegistration(page);
    const idNumber = residentId('19851203', '456');
    await fillApplicant(page, '赵晓雨', idNumber, '13700001111');

    await context.setOffline(true);
    const submit = page.getByRole('button', { name: '登记收件' });
    const kept = page.locator('.app-msgs [data-kind=warn]');
    await submit.click();
    await kept.waitFor();
    expect(await kept.innerText()).toContain('已存入待发送');
    await submit.click(); // pressed again while still offline
    await kept.waitFor();
    expect(await page.locator('[data-outbox]').innerText()).toBe('待发送 1 件');
    expect(await page.locator('.app-online').innerText()).toContain('离线');

    await page.getByRole('link', { name: '待发送', exact: true }).click();
    const queued = page.locator('li[data-outbox-item]');
    // The list draws after the click: wait for it, then count what it shows.
    await queued.first().waitFor();
    expect(await queued.count()).toBe(1);
    expect(await queued.getAttribute('data-state')).toBe('waiting');
    expect(await queued.innerText()).toMatch(/等待发送.*赵晓雨/s);
    await screenshot(page, '08-outbox-waiting');
    expect(await casesOf('赵晓雨')).toEqual([]);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain(idNumber);

    await context.setOffline(false);
    await page.locator('li[data-outbox-item][data-state="sent"]').waitFor();
    expect(await queued.innerText()).toMatch(new RegExp(`已发送.*已登记 ${VILLAGE}-\\d{8}-\\d{5}`, 's'));
    expect(await page.locator('[data-outbox]').innerText()).toBe('待发送 0 件');
    // Once sent, the applicant's ID number no longer sits in this browser.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(idNumber);
    await screenshot(page, '09-outbox-sent');

    const made = await casesOf('赵晓雨');
    expect(made).toHaveLength(1);
    expect(made[0]!.status).toBe('REGISTERED');
    expect(await queued.innerText()).toContain(made[0]!.caseNo);
  });

  it('sends a registration again after its answer was lost on the way back, and the server keeps it to one case', async () => {
    const context = await site.newContext();
    const page = await context.newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await openRegistration(page);
    await fillApplicant(page, '钱答复丢失', residentId('19790521', '118'), '13600002222');
    // The request reaches the gateway and the case is made, but the answer never comes back.
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('registerVillageCase')) return route.continue();
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: '登记收件' }).click();
    await page.locator('.app-msgs [data-kind=warn]').waitFor();
    expect(await casesOf('钱答复丢失')).toHaveLength(1);

    await page.unroute('**/graphql');
    await page.getByRole('link', { name: '待发送', exact: true }).click();
    await page.getByRole('button', { name: '立即发送' }).click();
    await page.locator('li[data-outbox-item][data-state="sent"]').waitFor();
    const made = await casesOf('钱答复丢失');
    expect(made).toHaveLength(1);
    expect(await page.locator('li[data-outbox-item]').innerText()).toContain(made[0]!.caseNo);
  });

  it('leaves a kept registration the server refuses in the list as refused, in the server’s words, and never sends it again by itself', async () => {
    const context = await site.newContext();
    const page = await context.newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await openRegistration(page);
    // A name the window's hints let through but the server refuses (it looks like SQL).
    await fillApplicant(page, "郑退回' or '1'='1", residentId('19751010', '909'), '13100006666');
    await context.setOffline(true);
    await page.getByRole('button', { name: '登记收件' }).click();
    await page.locator('.app-msgs [data-kind=warn]').waitFor();
    await page.getByRole('link', { name: '待发送', exact: true }).click();
    await context.setOffline(false);

    const refused = page.locator('li[data-outbox-item][data-state="refused"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('被退回');
    expect(await refused.locator('[data-message]').innerText()).toBe('申请人姓名/名称：内容像是数据库（SQL）语句，请改用普通文字');
    expect(await page.locator('[data-outbox]').innerText()).toBe('待发送 0 件，1 件被退回');
    await screenshot(page, '10-outbox-refused');

    await page.getByRole('button', { name: '立即发送' }).click();
    await page.waitForTimeout(500);
    expect(await refused.innerText()).toContain('已尝试 1 次');
    await refused.getByRole('button', { name: '删除（须重新登记）' }).click();
    await page.getByText('没有待发送的办件').waitFor();
  });

  it('lets a township desk read a village’s forwarded case whole before deciding, choose the outcome itself, and find it under 已处理 afterwards', async () => {
    const caseNo = await caseAtVillage('赵春梅');
    const fwd = await site.fed.as(VILLAGE_CLERK).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP, note: '原件已核对' },
    });
    expect(fwd.errors).toBeUndefined();
    await site.fed.flushHandovers();

    const township = await (await site.newContext()).newPage();
    await signInToApp(township, site.origin, TOWNSHIP_CLERK);
    await township.getByRole('link', { name: '待我办理' }).click();
    const card = township.locator(`article.app-card[data-case="${caseNo}"]`);
    await card.waitFor();
    // The waiting card names the village room, not its code; nothing to act on shows before it is opened.
    const summary = await card.locator('.app-card-summary').innerText();
    expect(summary).toContain('收件点 秃峦妥村便民服务室');
    expect(summary).not.toContain(VILLAGE);
    expect(await card.locator('form[data-action=decide]').isVisible()).toBe(false);

    await card.getByRole('button', { name: '打开办件' }).click();
    const details = card.locator('.app-forwarded-details');
    await details.waitFor();
    const text = await details.innerText();
    expect(text).toContain('赵春梅');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13900005678');
    expect(text).toContain('原件已核对');
    expect(await details.locator('.app-materials li[data-received="true"]').allInnerTexts()).toEqual(['✓ 身份证（原件及复印件）', '✓ 户口簿（原件及复印件）', '✓ 结婚证（复印件）']);
    const hops = await details.locator('.app-history li').allInnerTexts();
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatch(/上报：秃峦妥村便民服务室 → 凤凰镇便民服务中心.*备注：原件已核对/);
    await screenshot(township, '05b-township-forwarded-case-open');

    // Nothing is chosen for the decider; deciding without a choice, or refusing without a reason, is stopped here.
    const decide = card.locator('form[data-action=decide]');
    expect(await decide.getByRole('radio', { name: '准予许可' }).isChecked()).toBe(false);
    expect(await decide.getByRole('radio', { name: '不予许可' }).isChecked()).toBe(false);
    await decide.locator('button[type=submit]').click();
    await card.getByText('请先选择“准予许可”或“不予许可”').waitFor();
    await decide.getByRole('radio', { name: '不予许可' }).check();
    await decide.locator('button[type=submit]').click();
    await card.getByText('不予许可须写明理由').waitFor();
    const still = await site.fed.as(TOWNSHIP_CLERK).query(`{ township(code: "${TOWNSHIP}") { forwardedToMe { caseNo status } } }`);
    expect(still.data.township.forwardedToMe).toContainEqual({ caseNo, status: 'RECEIVED' });

    await decide.locator('textarea[name=reason]').fill('申请人不属于流动人口');
    await decide.locator('button[type=submit]').click();
    await card.getByText('已作出决定：不予许可').waitFor();

    // Decided: gone from 待处理, listed under 已处理 with its decision.
    await township.getByRole('link', { name: '待我办理' }).click();
    await township.locator('[data-subtab=waiting].app-current').waitFor();
    expect(await township.locator(`article.app-card[data-case="${caseNo}"]`).count()).toBe(0);
    await township.getByRole('link', { name: '已处理' }).click();
    const handled = township.locator(`article.app-card[data-case="${caseNo}"][data-status="DECIDED"]`);
    await handled.waitFor();
    expect(await handled.locator('.app-card-summary').innerText()).toContain('已决定');
    await handled.getByRole('button', { name: '查看办件' }).click();
    expect(await handled.innerText()).toContain('决定：不予许可');
    expect(await handled.locator('.app-history li').allInnerTexts()).toEqual([expect.stringContaining('上报'), expect.stringMatching(/作出决定.*不予许可：申请人不属于流动人口/)]);
    expect(await handled.locator('form').count()).toBe(0);
    await screenshot(township, '05c-township-handled');
  });

  it('decides a township’s own case only on an outcome the clerk picked: nothing is preselected', async () => {
    const clerk = site.fed.as(TOWNSHIP_CLERK);
    const reg = await clerk.query(`mutation($i: RegisterCaseInput!) { registerTownshipCase(input: $i) { caseNo } }`, {
      i: { pointCode: TOWNSHIP, itemId, applicant: { type: 'PERSON', name: '钱玉兰', idNumber: residentId('19910202', '456'), phone: '13900001111' }, materialsReceived: [1, 2, 3] },
    });
    expect(reg.errors).toBeUndefined();
    const caseNo = reg.data.registerTownshipCase.caseNo as string;
    expect((await clerk.query(`mutation($i: CaseActionInput!) { actTownshipCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } })).errors).toBeUndefined();

    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, TOWNSHIP_CLERK);
    await page.goto(`${site.origin}/#/case/${caseNo}`);
    const decide = page.locator('form[data-action=decide]');
    await decide.waitFor();
    expect(await decide.locator('select[name=outcome]').inputValue()).toBe('');
    await decide.locator('button[type=submit]').click();
    await page.getByText('请先选择“准予许可”或“不予许可”').waitFor();
    await decide.locator('select[name=outcome]').selectOption('REFUSED');
    await decide.locator('button[type=submit]').click();
    await page.getByText('不予许可须写明理由').waitFor();
    await caseArticle(page, 'ACCEPTED').waitFor();
    await decide.locator('select[name=outcome]').selectOption('GRANTED');
    await decide.locator('button[type=submit]').click();
    await caseArticle(page, 'DECIDED').waitFor();
  });

  it('keeps a forward made with the link down with the version it was made at, and counts it done if the case is already forwarded when it is sent', async () => {
    const first = await caseAtVillage('孙上报一');
    const second = await caseAtVillage('孙上报二');
    const context = await site.newContext();
    const page = await context.newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);

    const forwardOffline = async (caseNo: string) => {
      await page.goto(`${site.origin}/#/case/${caseNo}`);
      await caseArticle(page, 'ACCEPTED').waitFor();
      await context.setOffline(true);
      await page.locator('form[data-action=forward] button[type=submit]').click();
      await page.getByText('上报已存入待发送').waitFor();
    };
    // The first is sent as soon as the link returns.
    await forwardOffline(first);
    expect(await page.locator('[data-outbox]').innerText()).toBe('待发送 1 件');
    await context.setOffline(false);
    await expect.poll(() => page.locator('[data-outbox]').innerText()).toBe('待发送 0 件');

    // The second is kept; meanwhile it reaches the township anyway (an earlier answer lost, or a colleague's screen).
    await forwardOffline(second);
    expect(await page.locator('[data-outbox]').innerText()).toBe('待发送 1 件');
    const direct = await site.fed.as(VILLAGE_CLERK).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, {
      i: { caseNo: second, expectedVersion: 2, action: 'forward', toPointCode: TOWNSHIP },
    });
    expect(direct.data.actVillageCase.status).toBe('FORWARDED');

    await context.setOffline(false);
    await page.getByRole('link', { name: '待发送', exact: true }).click();
    await expect.poll(async () => page.locator('li[data-outbox-item][data-state="sent"]').count(), { timeout: 30_000 }).toBe(2);
    const texts = await page.locator('li[data-outbox-item]').allInnerTexts();
    expect(texts.find((t) => t.includes(first))).toMatch(/已上报$/m);
    expect(texts.find((t) => t.includes(second))).toContain('此前已送达');
    await screenshot(page, '11-outbox-forwards');

    const r = await director().query(`{ a: villageCase(caseNo: "${first}") { status } b: villageCase(caseNo: "${second}") { status history { action } } }`);
    expect(r.data.a.status).toBe('FORWARDED');
    expect(r.data.b.history.filter((e: { action: string }) => e.action === 'forward')).toHaveLength(1);
  });

  it('opens from the service worker’s copy with the link down, and still finds items and their guides', async () => {
    const context = await site.newContext();
    const page = await context.newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await page.locator('[data-item="ZM-JS-007"]').waitFor();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    const kept = await page.evaluate(() => Promise.all(['/index.html', '/app.js', '/style.css', '/graphql', '/auth/sign-in'].map(async (p) => !!(await caches.match(p)))));
    expect(kept).toEqual([true, true, true, false, false]);

    await context.setOffline(true);
    await page.reload();
    await page.locator('.app-bar').waitFor();
    expect(await page.locator('.app-online').innerText()).toContain('离线');
    await page.getByRole('searchbox', { name: '搜索事项' }).fill('ZM-JS');
    await page.locator('[data-item="ZM-JS-007"] a').click();
    expect(await page.locator('[data-guide="ZM-JS-007"]').innerText()).toContain('户口簿');
    await screenshot(page, '12-offline-shell');
    await context.setOffline(false);
  });

  it('catches a wrong ID check digit before sending, and shows the server’s refusal of a field next to that field', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await openRegistration(page);
    const good = residentId('19700101', '777');
    const bad = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    await fillApplicant(page, '李四', bad, '13500003333');
    await page.getByRole('button', { name: '登记收件' }).click();
    expect(await page.locator('[data-err="applicant.idNumber"]').innerText()).toContain('校验位不对');
    expect(await page.locator('.app-msgs').innerText()).toContain('有 1 处需要更正');

    // Correcting it clears the hint where it stood, on the label's line: nothing moves under the pointer,
    // so the next click lands where the clerk aimed.
    await page.locator('input[name="applicant.idNumber"]').fill(good);
    await page.locator('input[name=hasAgent]').check();
    expect(await page.locator('[data-err="applicant.idNumber"]').innerText()).toBe('');
    expect(await page.locator('fieldset.app-agent').isVisible()).toBe(true);
    await page.locator('input[name=hasAgent]').uncheck();

    // The client lets an SQL-looking name through; the server refuses it, naming the field.
    await page.locator('input[name="applicant.name"]').fill("李四' or '1'='1");
    await page.getByRole('button', { name: '登记收件' }).click();
    const err = page.locator('[data-err="applicant.name"]');
    await expect.poll(() => err.innerText()).not.toBe('');
    expect(await page.locator('[data-err="applicant.idNumber"]').innerText()).toBe('');
    expect(await page.locator('.app-msgs [data-kind=error]').innerText()).toMatch(/^申请人姓名\/名称：/);
    await screenshot(page, '13-field-refused');
    expect(await casesOf("李四' or '1'='1")).toEqual([]);
  });

  it('asks for the missing materials at once (one-time notification) and prints it', async () => {
    const page = await (await site.newContext()).newPage();
    await signInToApp(page, site.origin, VILLAGE_CLERK);
    await openRegistration(page);
    await fillApplicant(page, '周缺材料', residentId('19660606', '606'), '13300004444');
    await page.locator('input[name=material][value="3"]').uncheck();
    await page.getByRole('button', { name: '登记收件' }).click();
    const registered = caseArticle(page, 'REGISTERED');
    await registered.waitFor();
    expect(await registered.locator('form[data-action=accept]').innerText()).toContain('尚缺 1 项材料');
    const ask = registered.locator('form[data-action=requestSupplement]');
    expect(await ask.innerText()).toContain('结婚证');
    await ask.locator('button[type=submit]').click();
    await caseArticle(page, 'SUPPLEMENT_REQUESTED').waitFor();
    await page.locator('[data-notice=SUPPLEMENT]').click();
    expect(await page.frameLocator('.app-print iframe').locator('body').innerText()).toContain('结婚证');
    await screenshot(page, '14-supplement-notice');
  });

  it('refuses an action on a case someone else changed meanwhile as a conflict, and reloads it on request', async () => {
    const caseNo = await caseAtVillage('吴并发', false);
    const context = await site.newContext();
    const mine = await context.newPage();
    await signInToApp(mine, site.origin, VILLAGE_CLERK);
    await mine.goto(`${site.origin}/#/case/${caseNo}`);
    await caseArticle(mine, 'REGISTERED').waitFor();

    // A colleague accepts it first.
    const other = await site.fed.as(VILLAGE_CLERK).query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
    expect(other.errors).toBeUndefined();

    await mine.locator('form[data-action=accept] button[type=submit]').click();
    const alert = mine.locator('.app-case [data-kind=error]');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/已被他人更新（现为第 2 版，已受理）/);
    await screenshot(mine, '15-conflict');
    await alert.getByRole('button', { name: '重新载入' }).click();
    await caseArticle(mine, 'ACCEPTED').waitFor();
    expect(await mine.locator('.app-case').getAttribute('data-version')).toBe('2');
  });

  it('shows the gateway’s sign-in refusals, and after too many failures how long to wait', async () => {
    const page = await (await site.newContext()).newPage();
    await page.goto(`${site.origin}/`);
    const user = `${VILLAGE}.b`;
    const button = page.locator('form.app-signin button[type=submit]');
    for (let i = 0; i < 5; i++) {
      await page.locator('input[name=username]').fill(user);
      await page.locator('input[name=password]').fill(`wrong-password-${i}`);
      await button.click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toBe('用户名或密码错误');
      await expect.poll(() => button.isEnabled()).toBe(true);
    }
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await button.click();
    await page.getByText('登录失败次数过多').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/请 \d+ 分钟后再试/);
    expect(await button.isDisabled()).toBe(true);
    expect(await button.innerText()).toMatch(/请等待 \d+ 分 \d+ 秒/);
    await screenshot(page, '16-sign-in-429');
  });
});

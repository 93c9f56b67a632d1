import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COUNTY, TOWNSHIP, VILLAGE, VILLAGE_CLERK, residentId, screenshot, startSite, type Site } from './harness.js';

/** 办件进度查询 (/track.html) in Chromium: an applicant, not signed in, follows their own case. */
describe('the public tracking page', () => {
  let site: Site;
  let forwarded: string;
  let other: string;
  const applicant = { name: '刘桂芳', idNumber: residentId('19830412', '552') };

  beforeAll(async () => {
    site = await startSite();
    const clerk = site.fed.as(VILLAGE_CLERK);
    const items = await site.fed.query(`{ county(code: "${COUNTY}") { serviceItems { id code } } }`);
    const itemId = items.data.county.serviceItems.find((i: { code: string }) => i.code === 'ZM-JS-007').id;
    const register = async (phone: string) => {
      const r = await clerk.query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
        i: { pointCode: VILLAGE, itemId, applicant: { type: 'PERSON', ...applicant, phone }, materialsReceived: [1, 2, 3] },
      });
      expect(r.errors).toBeUndefined();
      return r.data.registerVillageCase.caseNo as string;
    };
    const act = async (caseNo: string, expectedVersion: number, action: string, extra: Record<string, unknown> = {}) => {
      const r = await clerk.query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { status } }`, { i: { caseNo, expectedVersion, action, ...extra } });
      expect(r.errors).toBeUndefined();
    };
    forwarded = await register('13912345678');
    await act(forwarded, 1, 'accept');
    await act(forwarded, 2, 'forward', { toPointCode: TOWNSHIP });
    await site.fed.flushHandovers();
    other = await register('13987654321');
  });
  afterAll(() => site?.close());

  async function lookUp(page: Page, caseNo: string, last4: string): Promise<void> {
    await page.locator('input[name=caseNo]').fill(caseNo);
    await page.locator('input[name=phoneLast4]').fill(last4);
    await page.getByRole('button', { name: '查询' }).click();
  }

  const openPage = async () => {
    const page = await (await site.newContext()).newPage();
    await page.goto(`${site.origin}/track.html`);
    return page;
  };

  it('shows an applicant, with the case number and the last four digits of the phone, where the case is and how it got there, in plain words', async () => {
    const page = await openPage();
    await lookUp(page, forwarded, '5678');
    const result = page.locator('.track-result');
    await result.locator('h2').waitFor();
    expect(await result.locator('h2').innerText()).toBe('流动人口婚育证明');
    expect(await result.locator('.track-status').innerText()).toMatch(/已上报至凤凰镇.*办理/);
    const steps = await result.locator('.track-steps li').allInnerTexts();
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const s of steps) expect(s).toMatch(/^\d{4}-\d{2}-\d{2} \S/);
    expect(steps.join('\n')).toMatch(/受理/);
    expect(steps.join('\n')).toMatch(/凤凰镇/);
    const text = await result.innerText();
    expect(text).toMatch(/承诺办结日期\s*\d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/监督投诉电话\s*\d+/);
    // Nothing of the applicant's identity is shown to whoever has the number.
    expect(text).not.toContain(applicant.name);
    expect(text).not.toContain(applicant.idNumber);
    expect(text).not.toContain('13912345678');
    await screenshot(page, '20-track-journey');
  });

  it('answers a wrong check like an unknown number, catches a malformed number before asking, and shows the server’s refusal of a number that cannot exist', async () => {
    const page = await openPage();
    await lookUp(page, forwarded, '0000');
    await page.getByText('没有查到这个办件').waitFor();
    expect(await page.locator('.track-result h2').count()).toBe(0);

    await lookUp(page, '12345', '5678');
    expect(await page.getByRole('alert').innerText()).toContain('办件编号格式不对');

    // Well-formed to the page, but there is no 40 December: the server refuses it (BAD_USER_INPUT).
    await lookUp(page, `${VILLAGE}-20261240-00001`, '5678');
    await page.getByText('输入有误').waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('输入有误：办件编号格式不正确，应如 140925100207-20260928-00001');
  });

  it('tells the applicant to wait, and holds the button, once a number has had too many wrong checks (RATE_LIMITED)', async () => {
    const page = await openPage();
    for (let i = 0; i < 5; i++) {
      await lookUp(page, other, `000${i}`);
      await page.getByText('没有查到这个办件').waitFor();
      await page.getByRole('button', { name: '查询' }).waitFor();
    }
    await lookUp(page, other, '4321'); // even the right digits, now
    await page.getByText('查询过于频繁').waitFor();
    const button = page.locator('.track-form button');
    expect(await button.isDisabled()).toBe(true);
    expect(await button.innerText()).toMatch(/请 \d+ 秒后再查/);
    await screenshot(page, '21-track-rate-limited');
  });
});

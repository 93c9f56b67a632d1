import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestFederation, type TestFederation } from '@scf/federation/testing';
import { itemIdByCode, residentId } from './builders.js';

const COUNTY = '140925';
const VILLAGE = '140925100207';
const CLERK = `${VILLAGE}.a`;

/** The papers a village room hands the applicant: the acceptance notice and the delivery receipt (送达回证). */
describe('the papers a window prints', () => {
  let fed: TestFederation;
  let serial = 700;

  beforeAll(async () => {
    fed = await startTestFederation();
    await fed.seed(COUNTY);
    fed.setNow('2026-09-28T02:00:00Z');
  });
  afterAll(() => fed?.close());
  afterEach(() => {
    delete process.env.SCF_PUBLIC_URL;
  });

  const clerk = () => fed.as(CLERK);
  async function acceptedCase(code: string, materials: number[]): Promise<string> {
    const reg = await clerk().query(`mutation($i: RegisterCaseInput!) { registerVillageCase(input: $i) { caseNo } }`, {
      i: { pointCode: VILLAGE, itemId: await itemIdByCode(fed, COUNTY, code), applicant: { type: 'PERSON', name: '冯桂兰', idNumber: residentId('19750505', String(serial++)), phone: '13912345678' }, materialsReceived: materials },
    });
    expect(reg.errors).toBeUndefined();
    const caseNo = reg.data.registerVillageCase.caseNo as string;
    const acc = await clerk().query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: 1, action: 'accept' } });
    expect(acc.errors).toBeUndefined();
    return caseNo;
  }
  const notice = (caseNo: string, kind: string) =>
    clerk().query(`{ villageCase(caseNo: "${caseNo}") { notice(kind: ${kind}) { title text html } } }`);

  it('the acceptance notice says who decides, by when, what was received, and how to track it with a QR code', async () => {
    process.env.SCF_PUBLIC_URL = 'https://zwfw.ningwu.gov.cn/';
    const caseNo = await acceptedCase('ZM-JS-007', [1, 2, 3]);
    const r = await notice(caseNo, 'ACCEPTANCE');
    expect(r.errors).toBeUndefined();
    const { title, text, html } = r.data.villageCase.notice;
    expect(title).toBe('受理通知书');
    expect(text).toContain('本事项由乡镇级乡镇计划生育办公室作出决定：本点收件后上报，办理结果由本点送达您。');
    expect(text).toContain('预计办结日期：2026年10月');
    expect(text).toContain('已收取材料（3 项）：\n1. 身份证\n2. 户口簿\n3. 结婚证');
    expect(text).toContain(`办件查询：https://zwfw.ningwu.gov.cn/track.html#no=${caseNo}（凭办件编号和您登记的手机号码后四位查询办理进度）`);
    expect(html).toMatch(/<div class="qr" aria-label="办件查询二维码"><svg [^>]*viewBox=/);
    expect(html).toContain('登录 https://zwfw.ningwu.gov.cn/track.html');
  });

  it('without a public address the notice names the tracking page and prints no QR code', async () => {
    const caseNo = await acceptedCase('SC-CW-013', [1, 2]);
    const { text, html } = (await notice(caseNo, 'ACCEPTANCE')).data.villageCase.notice;
    expect(text).toContain('本事项由村民委员会办理并作出决定。');
    expect(text).toContain('办件查询：本县政务服务网「办件查询」页面，凭办件编号和您登记的手机号码后四位查询办理进度');
    expect(html).not.toContain('<svg');
  });

  it('the delivery receipt names who received what, how, when and from whom, with lines to sign — and only after delivery', async () => {
    const caseNo = await acceptedCase('SC-CW-013', [1, 2]);
    const early = await notice(caseNo, 'DELIVERY');
    expect(early.errors?.[0]?.extensions?.code).toBe('NOTICE_NOT_AVAILABLE');
    expect(early.errors?.[0]?.message).toMatch(/^办件 .* 没有可打印的送达回证/);

    for (const [version, step] of [[2, { action: 'decide', outcome: 'GRANTED' }], [3, { action: 'deliver', deliveryMethod: 'PICKUP' }]] as const) {
      const r = await clerk().query(`mutation($i: CaseActionInput!) { actVillageCase(input: $i) { version } }`, { i: { caseNo, expectedVersion: version, ...step } });
      expect(r.errors).toBeUndefined();
    }
    const r = await notice(caseNo, 'DELIVERY');
    expect(r.errors).toBeUndefined();
    const { title, text, html } = r.data.villageCase.notice;
    expect(title).toBe('送达回证');
    expect(text).toContain('受送达人：冯桂兰');
    expect(text).toContain('送达文书：「农村村民住宅建设申请村级审查」准予许可决定（办理结果）');
    expect(text).toContain('送达方式：窗口领取（直接送达）');
    expect(text).toMatch(/送达时间：2026年9月28日 10:00/);
    expect(text).toContain('受送达人签名：__________');
    expect(html).toContain('<th>受送达人签名</th>');
  });

  it('is refused to another village’s clerk, who may not read the case', async () => {
    const caseNo = await acceptedCase('SC-CW-013', [1, 2]);
    const r = await fed.as('140925100209.a').query(`{ villageCase(caseNo: "${caseNo}") { notice(kind: ACCEPTANCE) { text } } }`);
    expect(r.data?.villageCase ?? null).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@scf/domain';
import { applicantJourney, caseFacts, type CaseFact, type CaseForApplicant } from '../src/plain-words.js';
import { phoneLast4, phoneLast4Matches } from '../src/my-case.js';

const VILLAGE = '140925100207';
const TOWNSHIP = '140925100';
const calendar = new WorkingCalendar();
// 10:00 in China on the day given.
const at = (day: string) => new Date(`${day}T02:00:00Z`);

const caseRow = {
  pointCode: VILLAGE, promisedLimitDays: 5, outcome: null, decisionReason: null, rightsNotice: null, deliveryMethod: null, notAcceptedReason: null,
};
const event = (action: string, day: string, extra: Partial<{ pointCode: string; reason: string; materials: string }> = {}) => ({
  action, at: at(day), pointCode: VILLAGE, reason: null, materials: null, ...extra,
});

function journey(facts: CaseFact[], status: string, opts: Parameters<typeof applicantJourney>[1] = {}) {
  const c: CaseForApplicant = { itemName: '流动人口婚育证明', pointCode: VILLAGE, pointName: '秃峦妥村便民服务室', status, deadline: null, facts };
  return applicantJourney(c, opts);
}

describe('caseFacts: the origin’s history cut to what the applicant may see', () => {
  it('keeps dates, materials, limits and where a forwarding went, and nothing about staff or notes', () => {
    const events = [
      { ...event('register', '2026-09-28'), byUsername: '140925100207.a', byName: '王小明', note: '内部备注' },
      event('requestSupplement', '2026-09-28', { materials: '户口本|\n身份证复印件|复印件不清晰' }),
      event('supplySupplement', '2026-09-29'),
      event('accept', '2026-09-29'),
      event('forward', '2026-09-29'),
    ];
    const facts = caseFacts(caseRow, events as never, [{ action: 'forward', hop: 1, fromCode: VILLAGE, toCode: TOWNSHIP }], calendar);
    expect(facts.map((f) => [f.on, f.action])).toEqual([
      ['2026-09-28', 'register'], ['2026-09-28', 'requestSupplement'], ['2026-09-29', 'supplySupplement'], ['2026-09-29', 'accept'], ['2026-09-29', 'forward'],
    ]);
    expect(facts[1]!.materials).toEqual([{ name: '户口本', problem: null }, { name: '身份证复印件', problem: '复印件不清晰' }]);
    // Five working days after 29 September 2026: 30 Sept, 8, 9, 10 (an adjusted working Saturday) and 12 October.
    expect(facts[3]).toMatchObject({ promisedDays: 5, deadline: '2026-10-12' });
    expect(facts[4]!.toPointCode).toBe(TOWNSHIP);
    expect(JSON.stringify(facts)).not.toMatch(/王小明|140925100207\.a|内部备注/);
  });

  it('takes a refusal’s reason and rights notice from the case, and marks steps that came from another level', () => {
    const refused = { ...caseRow, outcome: 'REFUSED', decisionReason: '不符合条件', rightsNotice: '如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议。' };
    const [fact] = caseFacts(refused, [event('resultReceived', '2026-10-09', { pointCode: TOWNSHIP, reason: '不符合条件' })] as never, [], calendar);
    expect(fact).toMatchObject({ fromPointCode: TOWNSHIP, outcome: 'REFUSED', reason: '不符合条件' });
    expect(fact!.rightsNotice).toContain('行政复议');
  });
});

describe('applicantJourney: the journey in plain words', () => {
  const base = (action: string, on: string, extra: Partial<CaseFact> = {}): CaseFact => ({
    on, action, fromPointCode: null, toPointCode: null, reason: null, materials: [], outcome: null, rightsNotice: null,
    deliveryMethod: null, suspensionReason: null, promisedDays: null, deadline: null, ...extra,
  });

  it('words a village case from registration to delivery', () => {
    const j = journey([
      base('register', '2026-09-28'),
      base('accept', '2026-09-28', { promisedDays: 5, deadline: '2026-10-12' }),
      base('decide', '2026-09-30', { outcome: 'GRANTED' }),
      base('deliver', '2026-10-08', { deliveryMethod: 'PICKUP' }),
    ], 'DELIVERED');
    expect(j.statusText).toBe('结果已送达');
    expect(j.steps).toEqual([
      { on: '2026-09-28', text: '秃峦妥村便民服务室收到您的申请：流动人口婚育证明。' },
      { on: '2026-09-28', text: '已受理，承诺5个工作日内办结，预计2026年10月12日前办结。' },
      { on: '2026-09-30', text: '已作出决定：准予许可。' },
      { on: '2026-10-08', text: '办理结果已送达（窗口领取）。' },
    ]);
    expect(j.whatToBring).toEqual([]);
  });

  it('names where a forwarded case went, and says so when the name is not known', () => {
    const facts = [base('register', '2026-09-28'), base('forward', '2026-09-28', { toPointCode: TOWNSHIP })];
    const named = journey(facts, 'FORWARDED', { nameOf: (code) => (code === TOWNSHIP ? '凤凰镇便民服务中心' : null) });
    expect(named.statusText).toBe('已上报至凤凰镇便民服务中心办理');
    expect(named.steps[1]!.text).toBe('已代您上报至凤凰镇便民服务中心办理。您无需另跑，结果出来后由秃峦妥村便民服务室通知您。');
    expect(journey(facts, 'FORWARDED').statusText).toBe('已上报至乡镇便民服务中心（140925100）办理');
    expect(journey(facts, 'FORWARDED', { heldAt: '宁武县政务服务中心' }).statusText).toBe('已上报至宁武县政务服务中心办理');
  });

  it('gives a refusal with its reason and the right to review or litigation', () => {
    const j = journey([
      base('forward', '2026-09-28', { toPointCode: TOWNSHIP }),
      base('resultReceived', '2026-10-09', { fromPointCode: TOWNSHIP, outcome: 'REFUSED', reason: '经营场所不符合安全距离要求', rightsNotice: '如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。' }),
    ], 'DECIDED', { nameOf: () => '凤凰镇便民服务中心' });
    expect(j.statusText).toBe('已办结：不予许可');
    expect(j.steps[1]!.text).toBe(
      '凤凰镇便民服务中心已作出决定：不予许可。理由：经营场所不符合安全距离要求。如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。结果已送回秃峦妥村便民服务室。',
    );
  });

  it('lists what to bring while a supplement is outstanding, and not after it was supplied', () => {
    const request = base('requestSupplement', '2026-09-28', { materials: [{ name: '户口本', problem: null }, { name: '身份证复印件', problem: '复印件不清晰' }] });
    const open = journey([base('register', '2026-09-28'), request], 'SUPPLEMENT_REQUESTED');
    expect(open.statusText).toBe('需要补充材料');
    expect(open.whatToBring).toEqual(['户口本', '身份证复印件（复印件不清晰）']);
    expect(open.steps[1]!.text).toBe('需要您补充材料，请一次性带齐后交到秃峦妥村便民服务室：户口本；身份证复印件（复印件不清晰）。');
    const supplied = journey([base('register', '2026-09-28'), request, base('supplySupplement', '2026-09-29')], 'REGISTERED');
    expect(supplied.whatToBring).toEqual([]);
    expect(supplied.statusText).toBe('已收到申请，正在审查材料');
  });

  it('words the other steps plainly', () => {
    const j = journey([
      base('notAccept', '2026-09-28', { reason: '不属于本事项受理范围' }),
      base('suspend', '2026-09-29', { suspensionReason: 'ON_SITE_INSPECTION' }),
      base('resume', '2026-09-30'),
      base('returnDown', '2026-09-30', { fromPointCode: TOWNSHIP }),
      base('withdraw', '2026-10-08'),
      base('evaluate', '2026-10-08'),
      base('close', '2026-10-08'),
      base('unknownAction', '2026-10-08'),
    ], 'WITHDRAWN', { nameOf: () => '凤凰镇便民服务中心' });
    expect(j.statusText).toBe('已撤回');
    expect(j.steps.map((s) => s.text)).toEqual([
      '不予受理。理由：不属于本事项受理范围。',
      '进入现场踏勘程序，这段时间不计入办理时限。',
      '现场踏勘程序结束，继续计算办理时限。',
      '凤凰镇便民服务中心将申请退回秃峦妥村便民服务室复核，秃峦妥村便民服务室处理后会重新上报。',
      '已按您的要求撤回申请。',
      '您已对本次服务作出评价，感谢您的反馈。',
      '办件已归档，办理完毕。',
    ]);
    expect(journey([base('suspend', '2026-09-29', { suspensionReason: 'HEARING' })], 'SUSPENDED').statusText).toBe('已受理，正在进行听证程序（暂停计时）');
    expect(journey([base('accept', '2026-09-29', { promisedDays: 0 })], 'ACCEPTED').steps[0]!.text).toBe('已受理，当场办理。');
  });
});

describe('the phone check', () => {
  it('is the last four digits of a mobile, or of a landline before its extension', () => {
    expect(phoneLast4('13912345678')).toBe('5678');
    expect(phoneLast4('0350-1234567')).toBe('4567');
    expect(phoneLast4('0350-1234567-801')).toBe('4567');
  });

  it('matches exactly four digits and nothing else', () => {
    expect(phoneLast4Matches('13912345678', '5678')).toBe(true);
    expect(phoneLast4Matches('13912345678', '5679')).toBe(false);
    expect(phoneLast4Matches('13912345678', '678')).toBe(false);
    expect(phoneLast4Matches('13912345678', '５６７８')).toBe(false);
    expect(phoneLast4Matches('13912345678', '45678')).toBe(false);
  });
});

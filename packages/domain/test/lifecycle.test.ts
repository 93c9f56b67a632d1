import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyAction,
  awaitsDecision,
  CASE_ACTIONS,
  CASE_STATUSES,
  clockRuns,
  isFinished,
  isOpen,
  nextStatus,
  type ActionContext,
  type CaseAction,
  type CaseStatus,
} from '../src/lifecycle';
import { reviewAndLitigationNotice } from '../src/rights-notice';
import { needsFollowUp, kindForPromisedDays } from '../src/case-vocabulary';
import { caught } from './helpers';

const village: ActionContext = { at: '2026-11-23T01:30:00Z', by: 'clerk-017', pointCode: '140925100201' };
const RIGHTS = '如不服本决定，可在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';

describe('the transition table (R8, R12)', () => {
  it('walks the full happy path of a promised case from registration to closing', () => {
    const path: [CaseAction, CaseStatus][] = [
      ['requestSupplement', 'SUPPLEMENT_REQUESTED'],
      ['supplySupplement', 'REGISTERED'],
      ['accept', 'ACCEPTED'],
      ['suspend', 'SUSPENDED'],
      ['resume', 'ACCEPTED'],
      ['forward', 'FORWARDED'],
      ['returnDown', 'ACCEPTED'],
      ['forward', 'FORWARDED'],
      ['resultReceived', 'DECIDED'],
      ['deliver', 'DELIVERED'],
      ['evaluate', 'EVALUATED'],
      ['close', 'CLOSED'],
    ];
    let status: CaseStatus = 'REGISTERED';
    for (const [action, expected] of path) {
      status = nextStatus(status, action);
      expect(status).toBe(expected);
    }
  });

  it('lists what can happen next in each status', () => {
    // R8, R9: forwarding starts from an accepted case only, so its clock and light run while it is away.
    expect(allowedActions('REGISTERED')).toEqual(['requestSupplement', 'accept', 'notAccept', 'withdraw']);
    expect(allowedActions('SUPPLEMENT_REQUESTED')).toEqual(['supplySupplement', 'notAccept', 'withdraw']);
    expect(allowedActions('ACCEPTED')).toEqual(['suspend', 'forward', 'decide', 'withdraw']);
    expect(allowedActions('SUSPENDED')).toEqual(['resume', 'withdraw']);
    // R18: the receiving level may ask for a supplement, which reaches the applicant through the origin.
    expect(allowedActions('FORWARDED')).toEqual(['requestSupplement', 'returnDown', 'resultReceived', 'withdraw']);
    expect(allowedActions('DECIDED')).toEqual(['deliver']);
    expect(allowedActions('DELIVERED')).toEqual(['evaluate', 'close']);
    expect(allowedActions('EVALUATED')).toEqual(['close']);
    for (const final of ['NOT_ACCEPTED', 'CLOSED', 'WITHDRAWN'] as const) expect(allowedActions(final)).toEqual([]);
  });

  it('refuses an action the status does not allow, naming the state and what is allowed now', () => {
    const error = caught(() => nextStatus('DECIDED', 'accept'));
    expect(error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(error.message).toBe('不能对已办结的办件进行“受理”；现在可以：送达 / Cannot accept a case that is DECIDED; allowed now: deliver');
    expect(error.details).toEqual({ state: 'DECIDED', action: 'accept', allowed: ['deliver'] });
  });

  it('says a final status allows nothing', () => {
    expect(caught(() => nextStatus('WITHDRAWN', 'accept')).message).toBe(
      '不能对已撤回的办件进行“受理”；现在可以：无（已是最终状态） / Cannot accept a case that is WITHDRAWN; allowed now: none (WITHDRAWN is final)',
    );
  });

  it('lets the applicant withdraw before a decision and never after', () => {
    const before = CASE_STATUSES.filter((s) => allowedActions(s).includes('withdraw'));
    expect(before).toEqual(['REGISTERED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED', 'SUSPENDED', 'FORWARDED']);
    expect(caught(() => nextStatus('DECIDED', 'withdraw')).code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('refuses unknown statuses and actions as bad input rather than as a transition problem', () => {
    expect(caught(() => nextStatus('LOST' as CaseStatus, 'accept')).message).toMatch(/^status: 没有 "LOST" 这种办件状态，可用的有：.* \/ unknown case status "LOST"/);
    expect(caught(() => nextStatus('REGISTERED', 'approve' as CaseAction)).message).toMatch(/^action: 没有 "approve" 这项办理操作，可用的有：.* \/ unknown action "approve"/);
  });

  it('runs the promised-limit clock only while accepted or forwarded', () => {
    expect(CASE_STATUSES.filter(clockRuns)).toEqual(['ACCEPTED', 'FORWARDED']);
  });

  it('tells open, finished and awaiting-decision cases apart', () => {
    expect(CASE_STATUSES.filter((s) => !isOpen(s))).toEqual(['NOT_ACCEPTED', 'CLOSED', 'WITHDRAWN']);
    expect(CASE_STATUSES.filter(isFinished)).toEqual(['DECIDED', 'DELIVERED', 'EVALUATED', 'CLOSED']);
    expect(CASE_STATUSES.filter(awaitsDecision)).toEqual(['ACCEPTED', 'SUSPENDED', 'FORWARDED']);
  });

  it('names every action as a camelCase verb that appears in the table', () => {
    const used = new Set(CASE_STATUSES.flatMap(allowedActions));
    expect([...CASE_ACTIONS].filter((a) => !used.has(a))).toEqual([]);
  });
});

describe('applying an action and recording it', () => {
  it('returns the next state and a history row saying who, when, where and why', () => {
    const result = applyAction({ status: 'REGISTERED', kind: 'PROMISED' }, 'notAccept', { reason: '不属于本中心受理范围' }, village);
    expect(result).toEqual({
      state: { status: 'NOT_ACCEPTED', kind: 'PROMISED' },
      entry: {
        action: 'notAccept',
        fromStatus: 'REGISTERED',
        toStatus: 'NOT_ACCEPTED',
        at: '2026-11-23T01:30:00.000Z',
        by: 'clerk-017',
        pointCode: '140925100201',
        reason: '不属于本中心受理范围',
      },
    });
  });

  it('keeps every other field of the caller state untouched', () => {
    const state = { status: 'REGISTERED' as CaseStatus, caseNo: '140925100201-20261123-00017' };
    expect(applyAction(state, 'accept', {}, village).state).toEqual({ status: 'ACCEPTED', caseNo: '140925100201-20261123-00017' });
  });

  it('lets an immediate case be accepted and decided on the same day', () => {
    expect(kindForPromisedDays(0)).toBe('IMMEDIATE');
    const accepted = applyAction({ status: 'REGISTERED', kind: 'IMMEDIATE' }, 'accept', {}, village);
    const decided = applyAction(accepted.state, 'decide', { outcome: 'GRANTED' }, { ...village, at: '2026-11-23T01:45:00Z' });
    expect(decided.state).toEqual({ status: 'DECIDED', kind: 'IMMEDIATE' });
    expect(decided.entry).toMatchObject({ fromStatus: 'ACCEPTED', outcome: 'GRANTED' });
    expect(decided.entry.rightsNotice).toBeUndefined();
  });

  it('checks the transition before the input, so a wrong state is reported as such', () => {
    expect(caught(() => applyAction({ status: 'CLOSED' }, 'notAccept', { reason: '' }, village)).code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('stores trimmed text, an optional note, and the instant as ISO from a Date', () => {
    const { entry } = applyAction(
      { status: 'REGISTERED' },
      'accept',
      { note: '  材料齐全 ' },
      { ...village, at: new Date('2026-11-23T02:00:00+08:00') },
    );
    expect(entry.note).toBe('材料齐全');
    expect(entry.at).toBe('2026-11-22T18:00:00.000Z');
  });

  it('refuses a context without a staff member, a valid point or a real instant', () => {
    expect(caught(() => applyAction({ status: 'REGISTERED' }, 'accept', {}, { ...village, by: ' ' })).message).toBe(
      'by: 此项必填，不能为空 / is required and must not be blank',
    );
    expect(caught(() => applyAction({ status: 'REGISTERED' }, 'accept', {}, { ...village, pointCode: '14' })).field).toBe('pointCode');
    expect(caught(() => applyAction({ status: 'REGISTERED' }, 'accept', {}, { ...village, at: 'yesterday' })).message).toBe(
      'at: 时间 "yesterday" 不是有效的时刻 / "yesterday" is not a point in time',
    );
  });
});

describe('input each action requires', () => {
  it('requires a supplement request to list at least one material, each with a name (R9)', () => {
    expect(caught(() => applyAction({ status: 'REGISTERED' }, 'requestSupplement', { missingMaterials: [] }, village)).message).toBe(
      'missingMaterials: 一次性告知补正须至少列出一项缺少的材料 / a supplement request must list at least one missing material',
    );
    const unnamed = { missingMaterials: [{ name: '营业执照副本' }, { name: '  ' }] };
    expect(caught(() => applyAction({ status: 'REGISTERED' }, 'requestSupplement', unnamed, village)).message).toBe(
      'missingMaterials[1].name: 此项必填，不能为空 / is required and must not be blank',
    );
  });

  it('records every missing material with what is wrong with it', () => {
    const { entry } = applyAction(
      { status: 'REGISTERED' },
      'requestSupplement',
      { missingMaterials: [{ name: '营业执照副本' }, { name: '安全评价报告', problem: '缺少原件' }] },
      village,
    );
    expect(entry.missingMaterials).toEqual([{ name: '营业执照副本' }, { name: '安全评价报告', problem: '缺少原件' }]);
  });

  it('requires reasons for not accepting and for returning a case down', () => {
    expect(caught(() => applyAction({ status: 'SUPPLEMENT_REQUESTED' }, 'notAccept', { reason: ' ' }, village)).message).toBe(
      'reason: 不予受理须写明理由 / not accepting a case requires a reason',
    );
    expect(caught(() => applyAction({ status: 'FORWARDED' }, 'returnDown', {} as { reason: string }, village)).message).toBe(
      'reason: 退回办件须写明理由 / returning a case requires a reason',
    );
  });

  it('suspends only for one of the four special procedures', () => {
    const { entry } = applyAction({ status: 'ACCEPTED' }, 'suspend', { reason: 'ON_SITE_INSPECTION' }, village);
    expect(entry).toMatchObject({ toStatus: 'SUSPENDED', reason: 'ON_SITE_INSPECTION' });
    expect(caught(() => applyAction({ status: 'ACCEPTED' }, 'suspend', { reason: 'HOLIDAY' as 'HEARING' }, village)).message).toBe(
      'reason: 特别程序的事由须为以下之一：现场踏勘（ON_SITE_INSPECTION）、专家评审（EXPERT_REVIEW）、公示（PUBLIC_NOTICE）、听证（HEARING），收到的是 "HOLIDAY" / must be one of ON_SITE_INSPECTION, EXPERT_REVIEW, PUBLIC_NOTICE, HEARING, got "HOLIDAY"',
    );
  });

  it('refuses to forward a case that has not been accepted, whatever materials it has (R8, R9)', () => {
    for (const status of ['REGISTERED', 'SUPPLEMENT_REQUESTED'] as const) {
      const e = caught(() => applyAction({ status }, 'forward', { toPointCode: '140925100' }, village));
      expect(e).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', details: { state: status, action: 'forward' } });
    }
  });

  it('forwards only up to the township or county above the point (R17)', () => {
    expect(applyAction({ status: 'ACCEPTED' }, 'forward', { toPointCode: '140925' }, village).entry.toPointCode).toBe('140925');
    expect(applyAction({ status: 'ACCEPTED' }, 'forward', { toPointCode: '140925100' }, village).entry.toPointCode).toBe('140925100');
    expect(caught(() => applyAction({ status: 'ACCEPTED' }, 'forward', { toPointCode: '140925200' }, village)).message).toBe(
      'toPointCode: 收件点 140925100201 的办件只能上报到 140925100、140925 中的一个，不能报到 140925200 / a case at 140925100201 can only be forwarded up to one of 140925100, 140925; got 140925200',
    );
    const county = { ...village, pointCode: '140925' };
    expect(caught(() => applyAction({ status: 'ACCEPTED' }, 'forward', { toPointCode: '140900' }, county)).message).toBe(
      'toPointCode: 县中心已是最上一级，收件点 140925 的办件不能再上报（填的是 140900） / a case at 140925 can only be forwarded up to nothing: a county centre has no level above it; got 140900',
    );
  });

  it('requires a refusal to carry its reason and the review and litigation notice (R11)', () => {
    expect(caught(() => applyAction({ status: 'ACCEPTED' }, 'decide', { outcome: 'REFUSED' }, village)).message).toBe(
      'reason: 不予许可须写明理由 / a refusal must state its reason',
    );
    const { entry } = applyAction({ status: 'ACCEPTED' }, 'decide', { outcome: 'REFUSED', reason: '储存场所不符合安全要求' }, village);
    expect(entry).toMatchObject({ outcome: 'REFUSED', reason: '储存场所不符合安全要求', rightsNotice: RIGHTS });
  });

  it('carries the upper level refusal and its notice when the result comes back down', () => {
    const { entry } = applyAction(
      { status: 'FORWARDED' },
      'resultReceived',
      { outcome: 'REFUSED', reason: '超出经营范围', rightsNotice: reviewAndLitigationNotice({ reviewAuthority: '宁武县人民政府' }) },
      village,
    );
    expect(entry.toStatus).toBe('DECIDED');
    expect(entry.rightsNotice).toContain('六十日内向宁武县人民政府申请行政复议');
  });

  it('refuses an outcome, delivery method or evaluation level outside its list', () => {
    expect(caught(() => applyAction({ status: 'ACCEPTED' }, 'decide', { outcome: 'MAYBE' as 'GRANTED' }, village)).field).toBe('outcome');
    expect(caught(() => applyAction({ status: 'DECIDED' }, 'deliver', { method: 'FAX' as 'MAIL' }, village)).message).toBe(
      'method: 送达方式须为以下之一：窗口领取（PICKUP）、邮寄送达（MAIL）、电子送达（ELECTRONIC），收到的是 "FAX" / must be one of PICKUP, MAIL, ELECTRONIC, got "FAX"',
    );
    expect(caught(() => applyAction({ status: 'DELIVERED' }, 'evaluate', { level: 'OK' as 'SATISFIED' }, village)).field).toBe('level');
  });

  it('records the delivery method and the evaluation, flagging bad evaluations for follow-up', () => {
    expect(applyAction({ status: 'DECIDED' }, 'deliver', { method: 'MAIL' }, village).entry.deliveryMethod).toBe('MAIL');
    const { entry } = applyAction({ status: 'DELIVERED' }, 'evaluate', { level: 'DISSATISFIED', note: '等待时间长' }, village);
    expect(entry).toMatchObject({ evaluation: 'DISSATISFIED', note: '等待时间长' });
    expect(needsFollowUp('DISSATISFIED')).toBe(true);
    expect(needsFollowUp('BASICALLY_SATISFIED')).toBe(false);
  });

  it('lets a withdrawal go with or without a reason', () => {
    expect(applyAction({ status: 'SUSPENDED' }, 'withdraw', {}, village).entry.reason).toBeUndefined();
    expect(applyAction({ status: 'FORWARDED' }, 'withdraw', { reason: '申请人主动撤回' }, village).entry.reason).toBe('申请人主动撤回');
  });
});

describe('the review and litigation notice', () => {
  it('uses the standard wording with 60 days for review and six months for litigation', () => {
    expect(reviewAndLitigationNotice()).toBe(RIGHTS);
  });

  it('names the review body and court when given', () => {
    expect(reviewAndLitigationNotice({ reviewAuthority: '宁武县人民政府', court: '宁武县人民法院' })).toBe(
      '如不服本决定，可在收到本决定书之日起六十日内向宁武县人民政府申请行政复议，或者在六个月内向宁武县人民法院提起行政诉讼。',
    );
  });
});

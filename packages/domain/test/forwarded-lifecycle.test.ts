import { describe, expect, it } from 'vitest';
import {
  applyAction,
  applyForwardedAction,
  FORWARDED_ACTIONS,
  FORWARDED_STATUSES,
  forwardedAllowedActions,
  nextForwardedStatus,
  type ActionContext,
  type ForwardedStatus,
} from '../src/lifecycle';
import { reviewAndLitigationNotice } from '../src/rights-notice';
import { caught } from './helpers';

/** 凤凰镇's desk holds a case a village room forwarded to it. */
const township: ActionContext = { at: '2026-11-24T02:00:00Z', by: '140925100.d3.a', pointCode: '140925100' };
const village: ActionContext = { at: '2026-11-24T02:00:00Z', by: '140925100207.a', pointCode: '140925100207' };

describe('the receiving level’s transitions (R18)', () => {
  it('accepts a received case, then decides, returns, forwards on or asks for a supplement', () => {
    expect(forwardedAllowedActions('RECEIVED')).toEqual(['accept', 'decide', 'returnDown', 'forward', 'requestSupplement']);
    expect(forwardedAllowedActions('ACCEPTED')).toEqual(['decide', 'returnDown', 'forward', 'requestSupplement']);
    expect(nextForwardedStatus('RECEIVED', 'accept')).toBe('ACCEPTED');
    expect(nextForwardedStatus('ACCEPTED', 'decide')).toBe('DECIDED');
    expect(nextForwardedStatus('ACCEPTED', 'returnDown')).toBe('RETURNED');
    expect(nextForwardedStatus('RECEIVED', 'forward')).toBe('FORWARDED');
    expect(nextForwardedStatus('RECEIVED', 'requestSupplement')).toBe('SUPPLEMENT_REQUESTED');
  });

  it('ends its part with each of those: nothing more is done here until the case comes back', () => {
    for (const done of ['DECIDED', 'RETURNED', 'FORWARDED', 'SUPPLEMENT_REQUESTED', 'WITHDRAWN'] as ForwardedStatus[]) {
      expect(forwardedAllowedActions(done)).toEqual([]);
    }
  });

  it('refuses accepting twice, naming the state and what is allowed now', () => {
    const e = caught(() => nextForwardedStatus('ACCEPTED', 'accept'));
    expect(e.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(e.details).toEqual({ state: 'ACCEPTED', action: 'accept', allowed: ['decide', 'returnDown', 'forward', 'requestSupplement'] });
  });

  it('refuses acting on a case the applicant withdrew while it was here', () => {
    const e = caught(() => applyForwardedAction({ status: 'WITHDRAWN' }, 'decide', { outcome: 'GRANTED' }, township));
    expect(e.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(e.details).toMatchObject({ state: 'WITHDRAWN', allowed: [] });
  });

  it('refuses unknown statuses and actions as bad input', () => {
    expect(caught(() => forwardedAllowedActions('LOST' as ForwardedStatus)).code).toBe('INVALID_INPUT');
    expect(caught(() => nextForwardedStatus('RECEIVED', 'deliver' as 'accept')).code).toBe('INVALID_INPUT');
  });

  it('names only actions the origin also has, and labels every status', () => {
    expect(FORWARDED_ACTIONS).toEqual(['accept', 'decide', 'returnDown', 'forward', 'requestSupplement']);
    expect(FORWARDED_STATUSES).toContain('WITHDRAWN');
  });
});

describe('one rule for both sides of a hand-over', () => {
  it('records a decision with who, when and where, a refusal with its reason and the rights notice (R11)', () => {
    const { state, entry } = applyForwardedAction({ status: 'ACCEPTED', caseNo: 'x' }, 'decide', { outcome: 'REFUSED', reason: ' 材料与事实不符 ' }, township);
    expect(state).toEqual({ status: 'DECIDED', caseNo: 'x' });
    expect(entry).toEqual({
      action: 'decide', fromStatus: 'ACCEPTED', toStatus: 'DECIDED', at: '2026-11-24T02:00:00.000Z', by: '140925100.d3.a', pointCode: '140925100',
      outcome: 'REFUSED', reason: '材料与事实不符', rightsNotice: reviewAndLitigationNotice(),
    });
  });

  it('refuses a refusal without its reason, with the same words at the origin and above', () => {
    const above = caught(() => applyForwardedAction({ status: 'ACCEPTED' }, 'decide', { outcome: 'REFUSED' }, township));
    const origin = caught(() => applyAction({ status: 'ACCEPTED' }, 'decide', { outcome: 'REFUSED' }, village));
    expect(above.message).toBe('reason: 不予许可须写明理由 / a refusal must state its reason');
    expect(above.message).toBe(origin.message);
  });

  it('requires a return to say why, as the origin’s own return does', () => {
    expect(caught(() => applyForwardedAction({ status: 'RECEIVED' }, 'returnDown', { reason: '  ' }, township)).message).toBe(
      'reason: 退回办件须写明理由 / returning a case requires a reason',
    );
  });

  it('lists every missing material at once (R9), each with a name', () => {
    expect(caught(() => applyForwardedAction({ status: 'RECEIVED' }, 'requestSupplement', { missingMaterials: [] }, township)).message).toBe(
      'missingMaterials: 一次性告知补正须至少列出一项缺少的材料 / a supplement request must list at least one missing material',
    );
    const { entry } = applyForwardedAction({ status: 'RECEIVED' }, 'requestSupplement', { missingMaterials: [{ name: '婚育情况证明', problem: '缺少原件' }] }, township);
    expect(entry.missingMaterials).toEqual([{ name: '婚育情况证明', problem: '缺少原件' }]);
  });

  it('forwards on only up the county and no higher than the level that decides the item (R4, R17)', () => {
    expect(applyForwardedAction({ status: 'RECEIVED' }, 'forward', { toPointCode: '140925', decidingLevel: 'COUNTY' }, township).entry.toPointCode).toBe('140925');
    expect(caught(() => applyForwardedAction({ status: 'RECEIVED' }, 'forward', { toPointCode: '140926', decidingLevel: 'COUNTY' }, township)).message).toBe(
      'toPointCode: 收件点 140925100 的办件只能上报到 140925 中的一个，不能报到 140926 / a case at 140925100 can only be forwarded up to one of 140925; got 140926',
    );
    // The origin's forward obeys the same bound.
    expect(caught(() => applyAction({ status: 'ACCEPTED' }, 'forward', { toPointCode: '140925', decidingLevel: 'TOWNSHIP' }, village)).message).toBe(
      'toPointCode: 此事项由乡镇级决定，请上报到该级，不要越级上报 / the item is decided at the township level; forward to it, not above it',
    );
  });
});

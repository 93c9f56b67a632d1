import { describe, expect, it } from 'vitest';
import { REFUSALS } from '@scf/domain/src/refusals.js';
import { refusalText } from '../src/refusals.js';

const latin = /[A-Za-z]{2,}/;

describe('what a screen says when the server refuses', () => {
  it('says a Chinese sentence for every code, even when the server’s message is English only', () => {
    for (const code of Object.keys(REFUSALS)) {
      const text = refusalText({ code, message: 'Cannot do that: something English went wrong' });
      expect(text, code).not.toMatch(latin);
      expect(text, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says something Chinese, without the code, for a code it has never heard of', () => {
    const text = refusalText({ code: 'SOMETHING_NEW', message: 'An English message' });
    expect(text).toBe('操作未能完成，请稍后再试；如一再出现，请告诉管理员');
  });

  it('prefers the server’s own Chinese, without the field path and the English half', () => {
    const text = refusalText({ code: 'BAD_USER_INPUT', message: 'applicant.idNumber: 身份证号码校验位应为 X / check digit should be X', extensions: { field: 'applicant.idNumber' } });
    expect(text).toBe('身份证号码校验位应为 X');
  });

  it('names the status and the actions of a refused transition, not their codes', () => {
    const text = refusalText({
      code: 'TRANSITION_NOT_ALLOWED',
      message: 'Cannot forward a case that is REGISTERED; allowed now: requestSupplement, accept, notAccept, withdraw',
      extensions: { state: 'REGISTERED', action: 'forward', allowed: ['requestSupplement', 'accept', 'notAccept', 'withdraw'] },
    });
    expect(text).toBe('已登记的办件不能上报；现在可以：一次性告知补正、受理、不予受理、撤回');
  });

  it('says who changed a case meanwhile in words, and how long to wait when asked to', () => {
    expect(refusalText({ code: 'CONFLICT', message: 'case changed', extensions: { currentVersion: 4, currentStatus: 'ACCEPTED' } })).toBe(
      '此办件已被他人更新（现为第 4 版，已受理），请重新载入后再操作',
    );
    expect(refusalText({ code: 'RATE_LIMITED', message: 'too many', extensions: { retryAfterSeconds: 42 } })).toBe('请求过于频繁，请稍后再试，约 42 秒后可再试');
    expect(refusalText({ code: 'SERVICE_UNAVAILABLE', message: 'x', extensions: { level: 'township' } })).toBe('暂时无法连接乡镇级系统，请稍后再试');
    expect(refusalText({ code: 'INTERNAL_SERVER_ERROR', message: 'x', extensions: { errorId: 'a1b2c3' } })).toBe(
      '服务器内部错误，请稍后再试；如一再出现，请把错误编号 a1b2c3 告诉管理员',
    );
  });
});

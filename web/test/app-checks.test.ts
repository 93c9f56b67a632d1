import { describe, expect, it } from 'vitest';
import { creditCodeProblem, nameProblem, phoneProblem, residentIdProblem } from '../src/app/checks.js';
import { forwardTargets } from '../src/app/words.js';

describe('the window’s hints before a registration is sent', () => {
  it('accepts a resident ID with the right GB 11643 check digit and names the right one when it is wrong', () => {
    expect(residentIdProblem('140925199001011237')).toBeNull();
    expect(residentIdProblem(' 11010519491231002x ')).toBeNull(); // lower-case x, spaces around
    expect(residentIdProblem('140925199001011238')).toBe('校验位不对（按前 17 位应为 7），请核对号码');
    expect(residentIdProblem('14092519900101123')).toMatch(/18 位.*现为 17 位/);
    expect(residentIdProblem('140925199002301237')).toMatch(/出生日期 19900230 不存在/);
    expect(residentIdProblem('')).toBe('请填写身份证号码');
  });

  it('accepts a unified social credit code with the right GB 32100 check character', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('校验位不对（按前 17 位应为 3），请核对代码');
    expect(creditCodeProblem('91350100M000100YI3')).toMatch(/第 17 位“I”/);
  });

  it('takes mobiles and landlines as the server does, and refuses markup in names', () => {
    expect(phoneProblem('139 1234 5678')).toBeNull();
    expect(phoneProblem('+8613912345678')).toBeNull();
    expect(phoneProblem('0350-4721234-12')).toBeNull();
    expect(phoneProblem('12345')).toMatch(/11 位手机号/);
    expect(nameProblem('<b>张三</b>')).toMatch(/< >/);
    expect(nameProblem('王桂兰')).toBeNull();
  });

  it('offers to forward only to the points above, no higher than the level that decides the item', () => {
    expect(forwardTargets('140925100207', 'TOWNSHIP')).toEqual([{ code: '140925100', level: 'TOWNSHIP' }]);
    expect(forwardTargets('140925100207', 'COUNTY').map((t) => t.code)).toEqual(['140925100', '140925']);
    expect(forwardTargets('140925100', 'COUNTY').map((t) => t.code)).toEqual(['140925']);
    expect(forwardTargets('140925100', 'TOWNSHIP')).toEqual([]);
  });
});

describe('every registration the window sends carries its idempotency key', () => {
  it('a new form gets a fresh key that the server takes (at most 64 characters)', async () => {
    const { newKey } = await import('../src/app/outbox.js');
    const keys = new Set(Array.from({ length: 50 }, () => newKey('reg')));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(/^reg-[0-9a-f]{24}$/);
  });

  it('a registration without a key is not sent at all, from the form or from the list of those waiting', async () => {
    const { sendRegistration } = await import('../src/app/outbox.js');
    const sent: unknown[] = [];
    const realFetch = globalThis.fetch;
    // Only to see that nothing leaves: a request would be recorded here instead of going anywhere.
    globalThis.fetch = (async (...args: unknown[]) => {
      sent.push(args);
      throw new Error('not sent in this test');
    }) as typeof fetch;
    try {
      for (const idempotencyKey of [undefined, null, '', 'short', 'x'.repeat(65), 'reg-<script>']) {
        await expect(sendRegistration('VILLAGE', { pointCode: '140925100207', itemId: '13', idempotencyKey })).rejects.toThrow(/幂等键/);
      }
      expect(sent).toEqual([]);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});

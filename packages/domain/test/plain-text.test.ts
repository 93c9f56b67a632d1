import { describe, expect, it } from 'vitest';
import { isBlank, plainTextProblem } from '../src/plain-text';

describe('plain text typed by users', () => {
  it.each([
    '李秀英', '买买提·艾力', '复印件不清晰；请补交原件', '营业执照（副本）', 'O Brien & Sons 有限公司', '等了 <1 小时', '2 > 1', '按时办结，服务态度好！',
    "经营场所不符合安全距离要求", '第3-5页缺少签字', 'a = b', '50% 的材料', 'line one\nline two\ttabbed',
  ])('accepts %j', (text) => {
    expect(plainTextProblem(text)).toBeNull();
  });

  it.each([
    ['<script>alert(1)</script>', /markup/], ['<img src=x onerror=alert(1)>', /markup/], ['</textarea>', /markup/], ['<!-- x -->', /markup/],
    ['javascript:alert(1)', /markup/], ['x" onmouseover="alert(1)', /markup/], ['&#60;script&#62;', /markup/],
    ["' OR '1'='1", /SQL/], ["1' or 1=1 --", /SQL/], ["'; DROP TABLE case_file; --", /SQL/], ['x; delete from staff', /SQL/],
    ['1 UNION SELECT password_hash FROM staff', /SQL/], ["admin'--", /SQL/], ['1 and sleep(5)', /SQL/], ["'; WAITFOR DELAY '0:0:5'", /SQL/],
    ['bell\u0007', /control/], ['nul\u0000', /control/], ['c1\u0085', /control/],
  ])('refuses %j', (text, reason) => {
    expect(plainTextProblem(text)).toMatch(reason);
  });

  it.each([
    ['a right-to-left override', '张三\u202Egnp.exe'], ['a left-to-right embedding', 'a\u202Ab'], ['a pop directional formatting', 'a\u202Cb'],
    ['a first-strong isolate', '\u2068材料齐全'], ['a right-to-left mark', '不予许可\u200F'], ['an Arabic letter mark', 'x\u061Cy'],
  ])('refuses %s: text that displays in another order than it is stored', (_what, text) => {
    expect(plainTextProblem(text)).toMatch(/文字方向控制字符.*bidirectional/);
  });

  it.each([
    ['zero-width spaces', '\u200B\u200B'], ['joiners', '\u200C\u200D'], ['a word joiner and invisible operators', '\u2060\u2061\u2062\u2063\u2064'],
    ['a byte-order mark and a zero-width space', '\uFEFF\u200B'], ['a soft hyphen between spaces', ' \u00AD '], ['a Hangul filler', '\u3164'],
  ])('refuses text of only %s as blank', (_what, text) => {
    expect(isBlank(text)).toBe(true);
    expect(plainTextProblem(text)).toMatch(/不可见字符.*blank/);
  });

  it('leaves white space alone to each field (an optional note may be empty) and keeps real text with a joiner inside', () => {
    expect(plainTextProblem('   ')).toBeNull();
    expect(isBlank(' \u3000\t')).toBe(true);
    expect(plainTextProblem('家庭 👩\u200D👧')).toBeNull();
    expect(isBlank('张\u200B三')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { plainTextProblem } from '../src/plain-text';

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
    ['bell\u0007', /control/], ['nul\u0000', /control/],
  ])('refuses %j', (text, reason) => {
    expect(plainTextProblem(text)).toMatch(reason);
  });
});

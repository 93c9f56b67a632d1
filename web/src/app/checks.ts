/**
 * Hints at the window, before anything is sent (the server checks again and has the last word, R6):
 * the resident ID's GB 11643 check digit and birth date, the credit code's GB 32100 check character, phones.
 * Each returns null when the value looks right, or what is wrong in plain words.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function residentIdProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!id) return '请填写身份证号码';
  if (!/^\d{17}[\dX]$/.test(id)) return `身份证号码应为 18 位（17 位数字加 1 位数字或 X），现为 ${id.length} 位`;
  const y = +id.slice(6, 10), m = +id.slice(10, 12), d = +id.slice(12, 14);
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return `出生日期 ${id.slice(6, 14)} 不存在`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += +id[i]! * ID_WEIGHTS[i]!;
  const check = '10X98765432'[sum % 11];
  return id[17] === check ? null : `校验位不对（按前 17 位应为 ${check}），请核对号码`;
}

export function creditCodeProblem(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (!code) return '请填写统一社会信用代码';
  if (code.length !== 18) return `统一社会信用代码应为 18 位，现为 ${code.length} 位`;
  const bad = [...code].findIndex((c) => !CREDIT_CHARS.includes(c));
  if (bad >= 0) return `第 ${bad + 1} 位“${code[bad]}”不会出现在信用代码中（不用 I、O、Z、S、V）`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return '第 3–8 位应为登记管理机关的行政区划代码';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(code[i]!) * CREDIT_WEIGHTS[i]!;
  const check = CREDIT_CHARS[(31 - (sum % 31)) % 31];
  return code[17] === check ? null : `校验位不对（按前 17 位应为 ${check}），请核对代码`;
}

export function phoneProblem(raw: string): string | null {
  const p = raw.replace(/\s+/g, '').replace(/^\+?86(?=1[3-9])/, '');
  if (!p) return '请填写联系电话';
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(p) ? null : '应为 11 位手机号，或区号加 7–8 位的固定电话';
}

export function nameProblem(raw: string): string | null {
  const v = raw.trim();
  if (!v) return '请填写姓名或名称';
  if (v.length > 64) return '最多 64 个字';
  return /[<>\u0000-\u001f]/.test(v) ? '不能含有 < > 或控制字符' : null;
}

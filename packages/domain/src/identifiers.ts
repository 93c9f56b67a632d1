import { chinaToday, compareDates, fromCompactDate, isValidDate, type DateString } from './dates';
import { invalid } from './errors';
import { LEVEL_SPECS, LEVELS, levelOfPointCode, type Level } from './levels';

// ---------------------------------------------------------------------------
// Resident ID (居民身份证号码), GB 11643-1999
// ---------------------------------------------------------------------------

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// ISO 7064 MOD 11-2: index is (weighted sum mod 11).
const RESIDENT_ID_CHECK_CHARS = '10X98765432';
// Nobody applying at a service centre today was born before this; earlier dates are typos.
const EARLIEST_BIRTH_DATE = '1900-01-01';

export type Gender = 'M' | 'F';

export interface ResidentIdInfo {
  birthDate: DateString;
  gender: Gender;
  /** Division code of the place of first registration (not necessarily where the person lives now). */
  regionCode: string;
}

function normalizeIdentifier(value: unknown, field: string): string {
  if (typeof value !== 'string') return invalid(field, `须填写文本，收到的是 ${typeof value} 类型 / expected a string, got ${typeof value}`);
  return value.trim().toUpperCase();
}

/** The check character for the first 17 digits of a resident ID. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) return invalid('first17', `身份证号前 17 位须全为数字，现为“${first17}” / must be exactly 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return RESIDENT_ID_CHECK_CHARS[sum % 11] ?? '';
}

/**
 * Returns the ID trimmed, with a lowercase x made uppercase, or refuses it with the first
 * problem found. `today` only exists so tests can pin "a birth date in the future".
 */
export function validateResidentId(value: unknown, field = 'idNumber', today: DateString = chinaToday()): string {
  const id = normalizeIdentifier(value, field);
  if (id.length !== 18) return invalid(field, `身份证号应为 18 位，现为 ${id.length} 位 / a resident ID has 18 characters, got ${id.length}`);
  const badAt = [...id].findIndex((ch, i) => !(/\d/.test(ch) || (i === 17 && ch === 'X')));
  if (badAt >= 0) {
    return invalid(
      field,
      `身份证号为 17 位数字加 1 位数字或 X，第 ${badAt + 1} 位“${id[badAt]}”不对 / a resident ID is 17 digits followed by a digit or X; character ${badAt + 1} is "${id[badAt]}"`,
    );
  }
  const birth = id.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isValidDate(birthDate)) return invalid(field, `身份证号中的出生日期 ${birth} 不存在 / birth date ${birth} does not exist`);
  if (compareDates(birthDate, today) > 0) return invalid(field, `身份证号中的出生日期 ${birthDate} 晚于今天 / birth date ${birthDate} is in the future`);
  if (compareDates(birthDate, EARLIEST_BIRTH_DATE) < 0) {
    return invalid(field, `身份证号中的出生日期 ${birthDate} 早于 ${EARLIEST_BIRTH_DATE.slice(0, 4)} 年 / birth date ${birthDate} is before ${EARLIEST_BIRTH_DATE.slice(0, 4)}`);
  }
  const expected = residentIdCheckDigit(id.slice(0, 17));
  const got = id[17];
  if (got !== expected) return invalid(field, `身份证号末位校验码应为 ${expected}，现为 ${got}，请核对号码 / check digit should be ${expected}, got ${got}`, { expected, got });
  return id;
}

export function residentIdInfo(id: string, field = 'idNumber'): ResidentIdInfo {
  const valid = validateResidentId(id, field);
  return {
    birthDate: fromCompactDate(valid.slice(6, 14), field),
    // The 17th digit is the sequence number: odd for men, even for women.
    gender: Number(valid[16]) % 2 === 1 ? 'M' : 'F',
    regionCode: valid.slice(0, 6),
  };
}

// ---------------------------------------------------------------------------
// Unified social credit code (统一社会信用代码), GB 32100-2015
// ---------------------------------------------------------------------------

// 31 characters: digits and capitals without I, O, Z, S, V (too easily misread).
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The 18th character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  const code = first17.toUpperCase();
  if (code.length !== 17 || [...code].some((ch) => !CREDIT_CODE_CHARS.includes(ch))) {
    return invalid('first17', `统一社会信用代码前 17 位须取自 ${CREDIT_CODE_CHARS}，现为“${first17}” / must be 17 characters from ${CREDIT_CODE_CHARS}, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(code[i] ?? '') * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31] ?? '';
}

export function validateCreditCode(value: unknown, field = 'creditCode'): string {
  const code = normalizeIdentifier(value, field);
  if (code.length !== 18) return invalid(field, `统一社会信用代码应为 18 位，现为 ${code.length} 位 / a unified social credit code has 18 characters, got ${code.length}`);
  const badAt = [...code].findIndex((ch) => !CREDIT_CODE_CHARS.includes(ch));
  if (badAt >= 0) {
    return invalid(
      field,
      `统一社会信用代码第 ${badAt + 1} 位“${code[badAt]}”不是有效字符（只用数字和除 I、O、Z、S、V 以外的大写字母） / character ${badAt + 1} is "${code[badAt]}", which a credit code never uses (allowed: digits and letters except I, O, Z, S, V)`,
    );
  }
  // Characters 3–8 are the division code of the registering authority.
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return invalid(field, `统一社会信用代码第 3 至 8 位须为登记管理机关的 6 位行政区划代码，现为“${code.slice(2, 8)}” / characters 3–8 must be the 6-digit division code of the registering authority, got "${code.slice(2, 8)}"`);
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const got = code[17];
  if (got !== expected) return invalid(field, `统一社会信用代码末位校验码应为 ${expected}，现为 ${got}，请核对代码 / check character should be ${expected}, got ${got}`, { expected, got });
  return code;
}

// ---------------------------------------------------------------------------
// Phone numbers
// ---------------------------------------------------------------------------

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/**
 * A mainland mobile (13812345678, optionally written +86 138 1234 5678) or a landline with
 * area code (0350-1234567, optionally -ext). Returns it without spaces or country prefix.
 */
export function validatePhone(value: unknown, field = 'phone'): string {
  if (typeof value !== 'string') return invalid(field, `须填写文本，收到的是 ${typeof value} 类型 / expected a string, got ${typeof value}`);
  let phone = value.replace(/\s+/g, '');
  if (/^\+?86(?=1[3-9])/.test(phone)) phone = phone.replace(/^\+?86/, '');
  if (MOBILE.test(phone) || LANDLINE.test(phone)) return phone;
  return invalid(
    field,
    `电话号码“${value}”不对：手机号为 13 至 19 开头的 11 位数字，固定电话为 0 加区号再加 7 至 8 位号码（可带 -分机号） / "${value}" is neither a mainland mobile number (11 digits starting 13–19) nor a landline (0 + area code, then 7–8 digits, optional -extension)`,
  );
}

// ---------------------------------------------------------------------------
// Division codes of service points (county 6, township 9, village 12 digits)
// ---------------------------------------------------------------------------

export const CODE_LENGTH: Readonly<Record<Level, number>> = Object.fromEntries(LEVELS.map((l) => [l, LEVEL_SPECS[l].codeLength])) as Record<Level, number>;

export const LEVEL_LABELS: Readonly<Record<Level, string>> = Object.fromEntries(LEVELS.map((l) => [l, LEVEL_SPECS[l].pointKind])) as Record<Level, string>;

export function validateDivisionCode(code: unknown, level: Level, field = 'code'): string {
  const length = CODE_LENGTH[level];
  if (typeof code !== 'string' || !new RegExp(`^\\d{${length}}$`).test(code.trim())) {
    return invalid(field, `${LEVEL_SPECS[level].word}级行政区划代码须为 ${length} 位数字，现为 ${JSON.stringify(code)} / ${level.toLowerCase()} code must be ${length} digits, got ${JSON.stringify(code)}`);
  }
  return code.trim();
}

/** The county a point belongs to: the first six digits of any county, township or village code. */
export function countyOfPoint(pointCode: string): string {
  return pointCode.slice(0, 6);
}

/** The level a point code belongs to, told by its length. */
export function levelOfCode(code: unknown, field = 'code'): Level {
  const level = levelOfPointCode(typeof code === 'string' ? code.trim() : code);
  return level ?? invalid(field, `收件点代码应为 6 位（县）、9 位（乡镇）或 12 位（村）数字，现为 ${JSON.stringify(code)} / a point code has 6 (county), 9 (township) or 12 (village) digits, got ${JSON.stringify(code)}`);
}

/** The point one level up (village → township → county); a county has none. */
export function parentCode(code: string, field = 'code'): string | null {
  const level = levelOfCode(code, field);
  const trimmed = code.trim();
  if (level === 'VILLAGE') return trimmed.slice(0, CODE_LENGTH.TOWNSHIP);
  if (level === 'TOWNSHIP') return trimmed.slice(0, CODE_LENGTH.COUNTY);
  return null;
}

/** Every point above this one, nearest first: a village has its township and county. */
export function ancestorCodes(code: string, field = 'code'): string[] {
  const result: string[] = [];
  for (let parent = parentCode(code, field); parent !== null; parent = parentCode(parent, field)) result.push(parent);
  return result;
}

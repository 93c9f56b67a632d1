import { describe, expect, it } from 'vitest';
import {
  ancestorCodes,
  creditCodeCheckChar,
  levelOfCode,
  parentCode,
  residentIdCheckDigit,
  residentIdInfo,
  validateCreditCode,
  validateDivisionCode,
  validatePhone,
  validateResidentId,
} from '../src/identifiers';
import { caught, seededRandom } from './helpers';

const TODAY = '2026-11-23';

// Independent re-implementations of the two standards, written from the spec text rather
// than shared with the code under test, to build valid vectors.
function gb11643(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}
function gb32100(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((acc, ch, i) => acc + chars.indexOf(ch) * weights[i]!, 0);
  const check = 31 - (sum % 31);
  return chars[check === 31 ? 0 : check]!;
}

function generatedResidentIds(count: number): string[] {
  const random = seededRandom(11643);
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: count }, () => {
    const birth = `${1930 + pick(90)}${String(1 + pick(12)).padStart(2, '0')}${String(1 + pick(28)).padStart(2, '0')}`;
    const first17 = `140925${birth}${String(pick(1000)).padStart(3, '0')}`;
    return first17 + gb11643(first17);
  });
}

function generatedCreditCodes(count: number): string[] {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const random = seededRandom(32100);
  return Array.from({ length: count }, () => {
    const organisation = Array.from({ length: 9 }, () => chars[Math.floor(random() * 31)]).join('');
    const first17 = `91140925${organisation}`;
    return first17 + gb32100(first17);
  });
}

describe('resident ID (GB 11643)', () => {
  it('accepts the published example 11010519491231002X, whose check character is X', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(validateResidentId('11010519491231002X', 'idNumber', TODAY)).toBe('11010519491231002X');
  });

  it('accepts 200 IDs built from the algorithm, and refuses each with any other check character', () => {
    for (const id of generatedResidentIds(200)) {
      expect(validateResidentId(id, 'idNumber', TODAY)).toBe(id);
      const wrong = id[17] === '0' ? '1' : '0';
      expect(() => validateResidentId(id.slice(0, 17) + wrong, 'idNumber', TODAY)).toThrow(/check digit should be/);
    }
  });

  it('trims the value and upper-cases a trailing x', () => {
    expect(validateResidentId('  11010519491231002x ', 'idNumber', TODAY)).toBe('11010519491231002X');
  });

  it('refuses a resident ID whose check digit is wrong, naming the expected digit', () => {
    const error = caught(() => validateResidentId('140925199001011234', 'applicant.idNumber', TODAY));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe('applicant.idNumber');
    expect(error.message).toBe('applicant.idNumber: 身份证号末位校验码应为 7，现为 4，请核对号码 / check digit should be 7, got 4');
    expect(error.details).toEqual({ expected: '7', got: '4' });
  });

  it('refuses a value of the wrong length, saying how long it was', () => {
    expect(caught(() => validateResidentId('140925900101123', 'idNumber', TODAY)).message).toBe(
      'idNumber: 身份证号应为 18 位，现为 15 位 / a resident ID has 18 characters, got 15',
    );
  });

  it('refuses letters anywhere but the last position, naming the character and its position', () => {
    expect(caught(() => validateResidentId('1409251990A1011237', 'idNumber', TODAY)).message).toBe(
      'idNumber: 身份证号为 17 位数字加 1 位数字或 X，第 11 位“A”不对 / a resident ID is 17 digits followed by a digit or X; character 11 is "A"',
    );
    expect(caught(() => validateResidentId('14092519900101123Y', 'idNumber', TODAY)).message).toMatch(/character 18 is "Y"/);
  });

  it('refuses a birth date that does not exist, such as 30 February 1999', () => {
    const first17 = '14092519990230123';
    expect(caught(() => validateResidentId(first17 + gb11643(first17), 'idNumber', TODAY)).message).toBe(
      'idNumber: 身份证号中的出生日期 19990230 不存在 / birth date 19990230 does not exist',
    );
  });

  it('refuses a birth date after today, and accepts one born today', () => {
    const tomorrow = '14092520261124123';
    expect(caught(() => validateResidentId(tomorrow + gb11643(tomorrow), 'idNumber', TODAY)).message).toBe(
      'idNumber: 身份证号中的出生日期 2026-11-24 晚于今天 / birth date 2026-11-24 is in the future',
    );
    const today = '14092520261123123';
    expect(validateResidentId(today + gb11643(today), 'idNumber', TODAY)).toBe(today + gb11643(today));
  });

  it('refuses a birth date before 1900 as a typo', () => {
    const first17 = '14092518991231123';
    expect(caught(() => validateResidentId(first17 + gb11643(first17), 'idNumber', TODAY)).message).toBe(
      'idNumber: 身份证号中的出生日期 1899-12-31 早于 1900 年 / birth date 1899-12-31 is before 1900',
    );
  });

  it('refuses a non-string value without crashing', () => {
    expect(caught(() => validateResidentId(110105194912310020, 'idNumber', TODAY)).message).toBe(
      'idNumber: 须填写文本，收到的是 number 类型 / expected a string, got number',
    );
  });

  it('reads birth date, gender and region code out of an ID', () => {
    expect(residentIdInfo('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'F', regionCode: '110105' });
    const man = '14092519900101123';
    expect(residentIdInfo(man + gb11643(man))).toEqual({ birthDate: '1990-01-01', gender: 'M', regionCode: '140925' });
  });

  it('computes check digits only from exactly 17 digits', () => {
    expect(caught(() => residentIdCheckDigit('1234')).message).toBe('first17: 身份证号前 17 位须全为数字，现为“1234” / must be exactly 17 digits, got "1234"');
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts the real public code 91350100M000100Y43', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateCreditCode('91350100M000100Y43', 'applicant.creditCode')).toBe('91350100M000100Y43');
  });

  it('accepts 200 codes built from the algorithm, lower-cased input included', () => {
    for (const code of generatedCreditCodes(200)) {
      expect(validateCreditCode(code.toLowerCase())).toBe(code);
    }
  });

  it('maps a remainder of 0 to check character 0, not to the out-of-range 31', () => {
    const zeroCheck = generatedCreditCodes(5000).find((code) => code.endsWith('0'));
    expect(zeroCheck).toBeDefined();
    expect(validateCreditCode(zeroCheck)).toBe(zeroCheck);
  });

  it('refuses a wrong check character, naming the expected one', () => {
    const error = caught(() => validateCreditCode('91350100M000100Y44', 'applicant.creditCode'));
    expect(error.message).toBe('applicant.creditCode: 统一社会信用代码末位校验码应为 3，现为 4，请核对代码 / check character should be 3, got 4');
    expect(error.details).toEqual({ expected: '3', got: '4' });
  });

  it('refuses the letters a credit code never uses (I, O, Z, S, V)', () => {
    expect(caught(() => validateCreditCode('91350100M0O0100Y43')).message).toBe(
      'creditCode: 统一社会信用代码第 11 位“O”不是有效字符（只用数字和除 I、O、Z、S、V 以外的大写字母） / character 11 is "O", which a credit code never uses (allowed: digits and letters except I, O, Z, S, V)',
    );
  });

  it('refuses a wrong length and a registering-authority division code that is not digits', () => {
    expect(caught(() => validateCreditCode('91350100M000100Y4')).message).toBe(
      'creditCode: 统一社会信用代码应为 18 位，现为 17 位 / a unified social credit code has 18 characters, got 17',
    );
    const first17 = '91A50100M000100Y4';
    expect(caught(() => validateCreditCode(first17 + gb32100(first17))).message).toMatch(
      /characters 3–8 must be the 6-digit division code of the registering authority, got "A50100"/,
    );
  });
});

describe('phone numbers', () => {
  it('accepts mainland mobiles and strips spaces and the +86 prefix', () => {
    expect(validatePhone('13812345678')).toBe('13812345678');
    expect(validatePhone(' 138 1234 5678 ')).toBe('13812345678');
    expect(validatePhone('+86 199 0000 1111')).toBe('19900001111');
  });

  it('accepts landlines with a 3- or 4-digit area code, with or without a dash and extension', () => {
    expect(validatePhone('0350-4722345')).toBe('0350-4722345');
    expect(validatePhone('03504722345')).toBe('03504722345');
    expect(validatePhone('010-12345678-801')).toBe('010-12345678-801');
  });

  it('refuses numbers that are neither, naming the field and both accepted shapes', () => {
    for (const bad of ['12812345678', '1381234567', '4722345', 'phone']) {
      expect(() => validatePhone(bad, 'applicant.phone')).toThrow(/^applicant\.phone: 电话号码“.*”不对：.* \/ ".*" is neither a mainland mobile/);
    }
  });
});

describe('division codes of service points', () => {
  it('accepts codes of the right length for each level', () => {
    expect(validateDivisionCode('140925', 'COUNTY')).toBe('140925');
    expect(validateDivisionCode('140925100', 'TOWNSHIP')).toBe('140925100');
    expect(validateDivisionCode('140925100201', 'VILLAGE')).toBe('140925100201');
  });

  it('refuses a code of the wrong length for its level, quoting it', () => {
    expect(caught(() => validateDivisionCode('14092', 'COUNTY', 'countyCode')).message).toBe(
      'countyCode: 县级行政区划代码须为 6 位数字，现为 "14092" / county code must be 6 digits, got "14092"',
    );
    expect(caught(() => validateDivisionCode('140925', 'VILLAGE')).message).toBe(
      'code: 村级行政区划代码须为 12 位数字，现为 "140925" / village code must be 12 digits, got "140925"',
    );
  });

  it('tells the level from the length and refuses anything else', () => {
    expect(levelOfCode('140925')).toBe('COUNTY');
    expect(levelOfCode('140925100')).toBe('TOWNSHIP');
    expect(levelOfCode('140925100201')).toBe('VILLAGE');
    expect(caught(() => levelOfCode('1409251002')).message).toBe(
      'code: 收件点代码应为 6 位（县）、9 位（乡镇）或 12 位（村）数字，现为 "1409251002" / a point code has 6 (county), 9 (township) or 12 (village) digits, got "1409251002"',
    );
  });

  it('walks up from village to township to county, and a county has no parent', () => {
    expect(parentCode('140925100201')).toBe('140925100');
    expect(parentCode('140925100')).toBe('140925');
    expect(parentCode('140925')).toBeNull();
    expect(ancestorCodes('140925100201')).toEqual(['140925100', '140925']);
  });
});

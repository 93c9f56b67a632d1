import { describe, expect, it } from 'vitest';
import { caseNoPrefix, formatCaseNo, parseCaseNo } from '../src/case-number';
import { caught } from './helpers';

describe('case numbers (R5)', () => {
  it('formats point code, compact date and a five-digit sequence', () => {
    expect(formatCaseNo('140925100201', '2026-11-23', 17)).toBe('140925100201-20261123-00017');
    expect(formatCaseNo('140925', '2026-01-05', 99_999)).toBe('140925-20260105-99999');
    expect(caseNoPrefix('140925100', '2026-11-23')).toBe('140925100-20261123-');
  });

  it('refuses a sequence outside 1–99999', () => {
    for (const seq of [0, 100_000, 1.5, -3]) {
      expect(caught(() => formatCaseNo('140925', '2026-11-23', seq)).message).toBe(
        `seq: 办件编号的流水号须为 1 至 99999 的整数，现为 ${seq} / sequence must be a whole number from 1 to 99999, got ${seq}`,
      );
    }
  });

  it('refuses a point code of no known level and a date that does not exist', () => {
    expect(caught(() => formatCaseNo('1409251', '2026-11-23', 1)).field).toBe('pointCode');
    expect(caught(() => formatCaseNo('140925', '2026-02-30', 1)).message).toBe('date: 日期“2026-02-30”不存在，请核对 / "2026-02-30" is not a date');
  });

  it('parses a case number back into point, level, date and sequence', () => {
    expect(parseCaseNo('140925100201-20261123-00017')).toEqual({
      pointCode: '140925100201',
      level: 'VILLAGE',
      date: '2026-11-23',
      seq: 17,
    });
    expect(parseCaseNo(' 140925100-20261001-00001 ').level).toBe('TOWNSHIP');
  });

  it('round-trips every level', () => {
    for (const code of ['140925', '140925100', '140925100201']) {
      const caseNo = formatCaseNo(code, '2026-02-28', 321);
      const { pointCode, date, seq } = parseCaseNo(caseNo);
      expect(formatCaseNo(pointCode, date, seq)).toBe(caseNo);
    }
  });

  it('explains the expected shape when the value is not a case number', () => {
    expect(caught(() => parseCaseNo('140925-2026-11-23-17')).message).toBe(
      'caseNo: 办件编号格式不对："140925-2026-11-23-17"（应为“收件点代码（6、9 或 12 位）-年月日-5 位流水号”，如 140925100201-20261123-00017） / "140925-2026-11-23-17" is not a case number (expected <6/9/12-digit point code>-<YYYYMMDD>-<5-digit sequence>, e.g. 140925100201-20261123-00017)',
    );
    expect(caught(() => parseCaseNo('1409251-20261123-00017')).code).toBe('INVALID_INPUT');
  });

  it('refuses an impossible date and the unused sequence 00000 inside an otherwise well-formed number', () => {
    expect(caught(() => parseCaseNo('140925-20260230-00001')).message).toBe(
      'caseNo: 办件编号 140925-20260230-00001 中的日期 20260230 不存在 / date 20260230 in case number 140925-20260230-00001 does not exist',
    );
    expect(caught(() => parseCaseNo('140925-20260228-00000')).message).toBe(
      'caseNo: 办件编号 140925-20260228-00000 的流水号 00000 不使用，流水号从 00001 起 / sequence 00000 in case number 140925-20260228-00000 is not used; sequences start at 00001',
    );
  });
});

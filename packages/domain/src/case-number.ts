import { fromCompactDate, toCompactDate, parseDate, type DateString } from './dates';
import { invalid } from './errors';
import { levelOfCode } from './identifiers';
import type { Level } from './levels';

/**
 * R5: `<point code>-<YYYYMMDD>-<sequence>`, e.g. `140925100201-20261123-00017`. The point code
 * is a national division code, so the number is unique nationally as long as each point
 * hands out each day's sequence once; and a clerk can read where and when it was taken in.
 */
export interface CaseNoParts {
  pointCode: string;
  level: Level;
  date: DateString;
  seq: number;
}

export const MAX_CASE_SEQ = 99_999;
const CASE_NO = /^(\d{6}|\d{9}|\d{12})-(\d{8})-(\d{5})$/;
const EXAMPLE = '140925100201-20261123-00017';

function checkSeq(seq: unknown, field: string): number {
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > MAX_CASE_SEQ) {
    return invalid(field, `办件编号的流水号须为 1 至 ${MAX_CASE_SEQ} 的整数，现为 ${String(seq)} / sequence must be a whole number from 1 to ${MAX_CASE_SEQ}, got ${String(seq)}`);
  }
  return seq;
}

/** The part shared by one point's cases of one day; handy as a sequence key. */
export function caseNoPrefix(pointCode: string, date: DateString): string {
  levelOfCode(pointCode, 'pointCode');
  return `${pointCode.trim()}-${toCompactDate(parseDate(date))}-`;
}

export function formatCaseNo(pointCode: string, date: DateString, seq: number): string {
  const prefix = caseNoPrefix(pointCode, date);
  return prefix + String(checkSeq(seq, 'seq')).padStart(5, '0');
}

export function parseCaseNo(value: unknown, field = 'caseNo'): CaseNoParts {
  const text = typeof value === 'string' ? value.trim() : '';
  const m = CASE_NO.exec(text);
  if (!m) {
    return invalid(
      field,
      `办件编号格式不对：${JSON.stringify(value)}（应为“收件点代码（6、9 或 12 位）-年月日-5 位流水号”，如 ${EXAMPLE}） / ${JSON.stringify(value)} is not a case number (expected <6/9/12-digit point code>-<YYYYMMDD>-<5-digit sequence>, e.g. ${EXAMPLE})`,
    );
  }
  const [, pointCode = '', compactDate = '', seqText = ''] = m;
  let date: DateString;
  try {
    date = fromCompactDate(compactDate, field);
  } catch {
    return invalid(field, `办件编号 ${text} 中的日期 ${compactDate} 不存在 / date ${compactDate} in case number ${text} does not exist`);
  }
  const seq = Number(seqText);
  if (seq < 1) return invalid(field, `办件编号 ${text} 的流水号 00000 不使用，流水号从 00001 起 / sequence 00000 in case number ${text} is not used; sequences start at 00001`);
  return { pointCode, level: levelOfCode(pointCode, field), date, seq };
}

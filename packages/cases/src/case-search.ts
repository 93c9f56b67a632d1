import { compareDates, invalid, parseDate } from '@scf/domain';

/** What a clerk can look a case up by in a point's list: the filters of `cases(...)`. */
export interface CaseSearchArgs {
  search?: string | null;
  itemId?: string | null;
  from?: string | null;
  to?: string | null;
}

export const SEARCH_MAX_LENGTH = 64;

const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The filter of a point's case list. One box finds a case by what the applicant brings to the window: the
 * case number (or part of it), an ID number or credit code (whole), a phone number (whole, or its last four
 * digits — what the acceptance notice asks for), or a word of the applicant's or the item's name.
 */
export function caseSearchWhere(args: CaseSearchArgs): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  const q = typeof args.search === 'string' ? args.search.trim() : '';
  if (q.length > SEARCH_MAX_LENGTH) invalid('search', `搜索内容最多 ${SEARCH_MAX_LENGTH} 个字符 / at most ${SEARCH_MAX_LENGTH} characters`, { max: SEARCH_MAX_LENGTH });
  if (q) {
    const upper = q.toUpperCase();
    if (/^\d{17}[\dX]$/.test(upper) || /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(upper)) where.$or = [{ applicantIdNumber: upper }, { applicantCreditCode: upper }, { caseNo: { $like: likeText(q) } }];
    else if (/^1\d{10}$/.test(q)) where.applicantPhone = q;
    else if (/^\d{4}$/.test(q)) where.$or = [{ applicantPhone: { $like: `%${q}` } }, { caseNo: { $like: likeText(q) } }];
    else if (/^[\d-]+$/.test(q)) where.caseNo = { $like: likeText(q) };
    else where.$or = [{ applicantName: { $like: likeText(q) } }, { itemName: { $like: likeText(q) } }];
  }
  if (args.itemId != null && args.itemId !== '') {
    if (!/^\d{1,9}$/.test(String(args.itemId))) invalid('itemId', `没有此事项 / no item ${String(args.itemId)}`);
    where.itemId = Number(args.itemId);
  }
  const from = args.from ? parseDate(args.from, 'from') : null;
  const to = args.to ? parseDate(args.to, 'to') : null;
  if (from && to && compareDates(from, to) > 0) invalid('to', `结束日期早于开始日期 / ${to} is before ${from}`);
  if (from || to) where.registeredOn = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
  return where;
}

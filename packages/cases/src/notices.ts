import { DomainError, reviewAndLitigationNotice } from '@scf/domain';
import type { CaseEventRow, CaseRow } from './entities.js';
import { decodeMaterials } from './events.js';

export type NoticeKind = 'ACCEPTANCE' | 'SUPPLEMENT' | 'NOT_ACCEPTED' | 'REFUSAL';

interface Point {
  name: string;
  centreName: string;
  complaintPhone?: string | null;
}

const TITLES: Record<NoticeKind, string> = {
  ACCEPTANCE: '受理通知书',
  SUPPLEMENT: '补正材料一次性告知书',
  NOT_ACCEPTED: '不予受理通知书',
  REFUSAL: '不予许可决定书',
};

// A refusal decided at another level reaches the origin as its result (resultReceived): the origin, the
// applicant's only contact, prints the decision for them.
const WHEN: Record<NoticeKind, { action: string | string[]; missing: string }> = {
  ACCEPTANCE: { action: 'accept', missing: 'it has not been accepted' },
  SUPPLEMENT: { action: 'requestSupplement', missing: 'no supplement was requested' },
  NOT_ACCEPTED: { action: 'notAccept', missing: 'it was not refused at intake' },
  REFUSAL: { action: ['decide', 'resultReceived'], missing: 'it has no refusal decision' },
};

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function chineseDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** A printable notice, built from the recorded facts of the case; refused when the case has none of that kind. */
export function buildNotice(kind: NoticeKind, c: CaseRow, history: CaseEventRow[], point: Point) {
  const actions = ([] as string[]).concat(WHEN[kind].action);
  const events = history.filter((e) => actions.includes(e.action));
  const event = events[events.length - 1];
  if (!event || (kind === 'REFUSAL' && c.outcome !== 'REFUSED')) {
    throw new DomainError('NOTICE_NOT_AVAILABLE', `Case ${c.caseNo} has no ${TITLES[kind]}: ${WHEN[kind].missing}`);
  }
  const issued = event.at.toISOString().slice(0, 10);
  const lines: string[] = [`${c.applicantName}：`];
  switch (kind) {
    case 'ACCEPTANCE':
      lines.push(
        `您于${chineseDate(c.registeredOn)}申请的「${c.itemName}」，经审查，申请材料齐全、符合法定形式，本机关决定予以受理。`,
        c.promisedLimitDays === 0 ? '本事项为即办件，当场办结。' : `承诺办结时限为${c.promisedLimitDays}个工作日，预计办结日期：${chineseDate(c.deadline!)}。`,
      );
      break;
    case 'SUPPLEMENT': {
      const list = decodeMaterials(event.materials);
      lines.push(`您于${chineseDate(c.registeredOn)}申请的「${c.itemName}」，申请材料不齐全或不符合法定形式，请一次性补正以下全部材料：`);
      list.forEach((m, i) => lines.push(`${i + 1}. ${m.name}${m.problem ? `（${m.problem}）` : ''}`));
      lines.push('补正材料后，请到原受理窗口提交，本机关将在收到全部补正材料之日起受理。');
      break;
    }
    case 'NOT_ACCEPTED':
      lines.push(`您于${chineseDate(c.registeredOn)}申请的「${c.itemName}」，经审查，决定不予受理。`, `理由：${event.reason ?? ''}`);
      break;
    case 'REFUSAL':
      lines.push(
        `您于${chineseDate(c.registeredOn)}申请的「${c.itemName}」，经审查，决定不予许可。`,
        `理由：${c.decisionReason ?? ''}`,
        c.rightsNotice ?? reviewAndLitigationNotice(),
      );
      break;
  }
  const phone = point.complaintPhone ?? '12345';
  const footer = [`办件编号：${c.caseNo}`, `${point.centreName}`, `${chineseDate(issued)}`, `监督投诉电话：${phone}`];
  const title = TITLES[kind];
  const text = [title, '', ...lines, '', ...footer].join('\n');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)} ${escape(c.caseNo)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:44em;margin:3em auto;line-height:1.9}h1{text-align:center;font-size:1.6em;letter-spacing:.3em}
.no{text-align:right}.footer{margin-top:3em;text-align:right}@media print{body{margin:2cm}}</style></head><body>
<h1>${escape(title)}</h1><p class="no">${escape(c.caseNo)}</p>
${lines.map((l) => `<p>${escape(l)}</p>`).join('\n')}
<div class="footer">${footer.slice(1).map((l) => `<p>${escape(l)}</p>`).join('')}</div></body></html>`;
  return { kind, title, text, html };
}

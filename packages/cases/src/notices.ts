import { generate } from 'lean-qr';
import { toSvgSource } from 'lean-qr/extras/svg';
import { DELIVERY_METHOD_LABELS, DomainError, LEVEL_SPECS, reviewAndLitigationNotice, type DeliveryMethod, type Level } from '@scf/domain';
import type { CaseEventRow, CaseRow } from './entities.js';
import { decodeMaterials } from './events.js';

export type NoticeKind = 'ACCEPTANCE' | 'SUPPLEMENT' | 'NOT_ACCEPTED' | 'REFUSAL' | 'DELIVERY';

/** What a notice says beyond the case row: who decides, what was received, and where the applicant tracks it. */
export interface NoticeContext {
  item?: { decidingUnit: string; decidingLevel: string; contactPhone?: string | null } | null;
  materials?: { name: string; received: boolean }[];
  /** The public address of the tracking page (SCF_PUBLIC_URL + /track.html); none: the notice names the page only. */
  trackingUrl?: string | null;
  /** The level this notice is printed at: an item decided elsewhere is "上报…决定". */
  level?: Level;
}

/** The tracking page's public address, from SCF_PUBLIC_URL (what citizens type: e.g. https://zwfw.ningwu.gov.cn). */
export function trackingUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const base = env.SCF_PUBLIC_URL?.trim().replace(/\/+$/, '');
  return base && /^https?:\/\/[^\s]+$/.test(base) ? `${base}/track.html` : null;
}

/** 送达方式 on the receipt: the case vocabulary's words, with the legal name of handing it over at the window. */
const deliveryWords = (m: string | null) =>
  m && m in DELIVERY_METHOD_LABELS ? `${DELIVERY_METHOD_LABELS[m as DeliveryMethod]}${m === 'PICKUP' ? '（直接送达）' : ''}` : (m ?? '');

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
  DELIVERY: '送达回证',
};

// A refusal decided at another level reaches the origin as its result (resultReceived): the origin, the
// applicant's only contact, prints the decision for them.
const WHEN: Record<NoticeKind, { action: string | string[]; missing: string }> = {
  ACCEPTANCE: { action: 'accept', missing: 'it has not been accepted' },
  SUPPLEMENT: { action: 'requestSupplement', missing: 'no supplement was requested' },
  NOT_ACCEPTED: { action: 'notAccept', missing: 'it was not refused at intake' },
  REFUSAL: { action: ['decide', 'resultReceived'], missing: 'it has no refusal decision' },
  DELIVERY: { action: 'deliver', missing: 'its result has not been delivered' },
};

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function chineseDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** A printable notice, built from the recorded facts of the case; refused when the case has none of that kind. */
export function buildNotice(kind: NoticeKind, c: CaseRow, history: CaseEventRow[], point: Point, more: NoticeContext = {}) {
  const actions = ([] as string[]).concat(WHEN[kind].action);
  const events = history.filter((e) => actions.includes(e.action));
  const event = events[events.length - 1];
  if (!event || (kind === 'REFUSAL' && c.outcome !== 'REFUSED')) {
    throw new DomainError('NOTICE_NOT_AVAILABLE', `办件 ${c.caseNo} 没有可打印的${TITLES[kind]} / case ${c.caseNo} has no ${TITLES[kind]}: ${WHEN[kind].missing}`);
  }
  const issued = event.at.toISOString().slice(0, 10);
  const lines: string[] = [`${c.applicantName}：`];
  /** Blocks after the lines: the materials table, the tracking box with its QR code, signature lines. */
  const blocks: string[] = [];
  const textBlocks: string[] = [];
  switch (kind) {
    case 'ACCEPTANCE': {
      lines.push(
        `您于${chineseDate(c.registeredOn)}申请的「${c.itemName}」，经审查，申请材料齐全、符合法定形式，本机关决定予以受理。`,
        c.promisedLimitDays === 0 ? '本事项为即办件，当场办结。' : `承诺办结时限为${c.promisedLimitDays}个工作日，预计办结日期：${chineseDate(c.deadline!)}。`,
      );
      const item = more.item;
      if (item) {
        const decidedHere = !more.level || item.decidingLevel === more.level;
        const levelWord = LEVEL_SPECS[item.decidingLevel as Level]?.word ?? '';
        lines.push(decidedHere
          ? `本事项由${item.decidingUnit}办理并作出决定。`
          : `本事项由${levelWord}级${item.decidingUnit}作出决定：本点收件后上报，办理结果由本点送达您。`);
      }
      const received = (more.materials ?? []).filter((m) => m.received);
      if (received.length) {
        lines.push(`已收取材料（${received.length} 项）：`);
        received.forEach((m, i) => lines.push(`${i + 1}. ${m.name}`));
      }
      const how = '凭办件编号和您登记的手机号码后四位查询办理进度';
      if (more.trackingUrl) {
        const link = `${more.trackingUrl}#no=${c.caseNo}`;
        const qr = toSvgSource(generate(link), { on: 'black', off: 'white', padX: 2, padY: 2, width: 132, height: 132 });
        blocks.push(`<div class="track"><div class="qr" aria-label="办件查询二维码">${qr}</div><div><p>办件查询：扫描左侧二维码，或登录 ${escape(more.trackingUrl)}</p><p>${how}。</p></div></div>`);
        textBlocks.push(`办件查询：${link}（${how}）`);
      } else {
        blocks.push(`<div class="track"><p>办件查询：本县政务服务网「办件查询」页面，${how}。</p></div>`);
        textBlocks.push(`办件查询：本县政务服务网「办件查询」页面，${how}`);
      }
      const phones = [item?.contactPhone ? `咨询电话：${item.contactPhone}` : null].filter(Boolean) as string[];
      lines.push(...phones);
      break;
    }
    case 'DELIVERY': {
      const outcome = c.outcome === 'GRANTED' ? '准予许可决定（办理结果）' : c.outcome === 'REFUSED' ? '不予许可决定书' : '办理结果';
      lines.length = 0;
      const rows: [string, string][] = [
        ['受送达人', c.applicantName],
        ['送达文书', `「${c.itemName}」${outcome}`],
        ['送达方式', deliveryWords(c.deliveryMethod)],
        ['送达地点', point.centreName],
        ['送达时间', `${chineseDate(issued)} ${new Date(event.at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`],
        ['送达人', event.byName ?? event.byUsername],
      ];
      blocks.push(`<table class="receipt">${rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}
<tr><th>受送达人签名</th><td class="sign"></td></tr><tr><th>签收日期</th><td class="sign">　　年　　月　　日</td></tr></table>`);
      textBlocks.push(...rows.map(([k, v]) => `${k}：${v}`), '受送达人签名：__________', '签收日期：____年__月__日');
      break;
    }
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
  const text = [title, '', ...lines, ...textBlocks, '', ...footer].join('\n');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)} ${escape(c.caseNo)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:44em;margin:3em auto;line-height:1.9}h1{text-align:center;font-size:1.6em;letter-spacing:.3em}
.no{text-align:right}.footer{margin-top:3em;text-align:right}.track{display:flex;gap:1em;align-items:center;border:1px solid #999;padding:.5em 1em;margin-top:1em}
.qr svg{display:block}.receipt{border-collapse:collapse;width:100%;margin-top:1em}.receipt th,.receipt td{border:1px solid #333;padding:.5em 1em;text-align:left}
.receipt th{width:9em;font-weight:normal}.receipt .sign{height:3em}@media print{body{margin:2cm}}</style></head><body>
<h1>${escape(title)}</h1><p class="no">${escape(c.caseNo)}</p>
${lines.map((l) => `<p>${escape(l)}</p>`).join('\n')}
${blocks.join('\n')}
<div class="footer">${footer.slice(1).map((l) => `<p>${escape(l)}</p>`).join('')}</div></body></html>`;
  return { kind, title, text, html };
}

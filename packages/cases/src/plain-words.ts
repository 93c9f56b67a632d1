import {
  chinaToday, DECISION_OUTCOME_LABELS, DELIVERY_METHOD_LABELS, promisedDeadline, reviewAndLitigationNotice, SUSPENSION_REASON_LABELS,
  type DecisionOutcome, type DeliveryMethod, type SuspensionReason, type WorkingCalendar,
} from '@scf/domain';
import type { CaseEventRow, CaseRow, HopRow } from './entities.js';
import { decodeMaterials } from './events.js';

/**
 * What an applicant sees of their own case (trackMyCase), in plain words. Pure: the origin level turns its
 * rows into facts (caseFacts), the county words them (applicantJourney) once it knows the names of the
 * points the case went to. A fact carries nothing the applicant may not see: no staff, no internal
 * notes, no ID numbers or phones — only dates, what happened, and the reasons given to the applicant.
 */
export interface CaseFact {
  /** The day it happened, in China (YYYY-MM-DD). */
  on: string;
  action: string;
  /** The point of another level the step came from: its result, its return or its supplement request. */
  fromPointCode: string | null;
  /** forward: the point the case was sent to. */
  toPointCode: string | null;
  /** notAccept: why; decide / resultReceived: the reason of a refusal. */
  reason: string | null;
  /** requestSupplement: everything to bring, at once (R9). */
  materials: { name: string; problem: string | null }[];
  outcome: DecisionOutcome | null;
  /** On a refusal: the applicant's rights to administrative review and litigation (R11). */
  rightsNotice: string | null;
  deliveryMethod: DeliveryMethod | null;
  suspensionReason: SuspensionReason | null;
  /** accept: the promised limit in working days, and the promised completion date it gave. */
  promisedDays: number | null;
  deadline: string | null;
}

/** The origin's answer once the applicant's check matched. */
export interface CaseForApplicant {
  itemName: string;
  /** The point that took the case in, and its centre's or room's name. */
  pointCode: string;
  pointName: string;
  status: string;
  deadline: string | null;
  facts: CaseFact[];
}

export interface ApplicantStep {
  on: string;
  text: string;
}

export interface ApplicantJourney {
  statusText: string;
  steps: ApplicantStep[];
  /** What to bring while a supplement request is open; empty otherwise. */
  whatToBring: string[];
}

/**
 * The origin's history reduced to facts. `hops` are the origin's own hop rows (its forwardings, in order);
 * the k-th forward event went to the k-th forward hop's point.
 */
export function caseFacts(
  c: Pick<CaseRow, 'pointCode' | 'promisedLimitDays' | 'outcome' | 'decisionReason' | 'rightsNotice' | 'deliveryMethod' | 'notAcceptedReason'>,
  events: Pick<CaseEventRow, 'action' | 'at' | 'pointCode' | 'reason' | 'materials'>[],
  hops: Pick<HopRow, 'action' | 'hop' | 'fromCode' | 'toCode'>[],
  calendar: WorkingCalendar,
): CaseFact[] {
  const forwards = hops.filter((h) => h.action === 'forward' && h.fromCode === c.pointCode).sort((a, b) => a.hop - b.hop);
  let forwarded = 0;
  const facts: CaseFact[] = [];
  for (const e of events) {
    const on = chinaToday(e.at);
    const fact: CaseFact = {
      on, action: e.action, fromPointCode: e.pointCode !== c.pointCode ? e.pointCode : null, toPointCode: null, reason: null, materials: [],
      outcome: null, rightsNotice: null, deliveryMethod: null, suspensionReason: null, promisedDays: null, deadline: null,
    };
    switch (e.action) {
      case 'requestSupplement':
        fact.materials = decodeMaterials(e.materials).filter((m) => m.name.trim());
        break;
      case 'accept':
        fact.promisedDays = c.promisedLimitDays;
        try {
          fact.deadline = c.promisedLimitDays > 0 ? promisedDeadline(calendar, on, c.promisedLimitDays) : null;
        } catch {
          fact.deadline = null;
        }
        break;
      case 'notAccept':
        fact.reason = e.reason ?? c.notAcceptedReason ?? null;
        break;
      case 'suspend':
        fact.suspensionReason = (e.reason as SuspensionReason | null) ?? null;
        break;
      case 'forward':
        fact.toPointCode = forwards[forwarded++]?.toCode ?? null;
        break;
      // A case is decided once: the decision on the case row is the one this step recorded.
      case 'decide':
      case 'resultReceived':
        fact.outcome = (c.outcome as DecisionOutcome | null) ?? null;
        if (c.outcome === 'REFUSED') {
          fact.reason = c.decisionReason ?? null;
          fact.rightsNotice = c.rightsNotice ?? reviewAndLitigationNotice();
        }
        break;
      case 'deliver':
        fact.deliveryMethod = (c.deliveryMethod as DeliveryMethod | null) ?? null;
        break;
      default:
        break;
    }
    facts.push(fact);
  }
  return facts;
}

/** 2026-10-10 → 2026年10月10日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const LEVEL_WORDS: Record<number, string> = { 6: '县政务服务中心', 9: '乡镇便民服务中心', 12: '村便民服务室' };

/** A point's name for the applicant; where it is not known, what kind of point it is and its code. */
function placeName(code: string | null, nameOf: (code: string) => string | null | undefined): string {
  if (!code) return '上级部门';
  return nameOf(code) ?? `${LEVEL_WORDS[code.length] ?? '服务中心'}（${code}）`;
}

function materialList(materials: CaseFact['materials']): string {
  return materials.map((m) => (m.problem ? `${m.name}（${m.problem}）` : m.name)).join('；');
}

function decisionWords(f: CaseFact): string {
  if (f.outcome === 'REFUSED') {
    const reason = f.reason ? `。理由：${f.reason.replace(/[。.]$/, '')}` : '';
    return `${DECISION_OUTCOME_LABELS.REFUSED}${reason}。${f.rightsNotice ?? reviewAndLitigationNotice()}`;
  }
  return `${f.outcome ? DECISION_OUTCOME_LABELS[f.outcome] : '已作出决定'}。`;
}

function suspensionWords(reason: SuspensionReason | null): string {
  return reason && SUSPENSION_REASON_LABELS[reason] ? SUSPENSION_REASON_LABELS[reason] : '特别';
}

/** One step in plain words, or null for a step the applicant has no use for. */
function stepText(f: CaseFact, c: CaseForApplicant, name: (code: string | null) => string, lastSuspension: SuspensionReason | null): string | null {
  const here = c.pointName;
  switch (f.action) {
    case 'register':
      return `${here}收到您的申请：${c.itemName}。`;
    case 'requestSupplement': {
      const who = f.fromPointCode ? `${name(f.fromPointCode)}审查后，` : '';
      const list = f.materials.length ? `：${materialList(f.materials)}` : '';
      return `${who}需要您补充材料，请一次性带齐后交到${here}${list}。`;
    }
    case 'supplySupplement':
      return '已收到您补交的材料。';
    case 'accept':
      if (!f.promisedDays) return '已受理，当场办理。';
      return `已受理，承诺${f.promisedDays}个工作日内办结${f.deadline ? `，预计${chineseDate(f.deadline)}前办结` : ''}。`;
    case 'notAccept':
      return `不予受理${f.reason ? `。理由：${f.reason.replace(/[。.]$/, '')}` : ''}。`;
    case 'suspend':
      return `进入${suspensionWords(f.suspensionReason)}程序，这段时间不计入办理时限。`;
    case 'resume':
      return `${suspensionWords(lastSuspension)}程序结束，继续计算办理时限。`;
    case 'forward':
      return `已代您上报至${name(f.toPointCode)}办理。您无需另跑，结果出来后由${here}通知您。`;
    case 'returnDown':
      return `${name(f.fromPointCode)}将申请退回${here}复核，${here}处理后会重新上报。`;
    case 'resultReceived':
      return `${name(f.fromPointCode)}已作出决定：${decisionWords(f)}结果已送回${here}。`;
    case 'decide':
      return `已作出决定：${decisionWords(f)}`;
    case 'deliver':
      return `办理结果已送达${f.deliveryMethod ? `（${DELIVERY_METHOD_LABELS[f.deliveryMethod] ?? f.deliveryMethod}）` : ''}。`;
    case 'evaluate':
      return '您已对本次服务作出评价，感谢您的反馈。';
    case 'close':
      return '办件已归档，办理完毕。';
    case 'withdraw':
      return '已按您的要求撤回申请。';
    default:
      return null;
  }
}

function statusText(c: CaseForApplicant, name: (code: string | null) => string, heldAt: string | null, lastSuspension: SuspensionReason | null): string {
  const last = (action: string) => [...c.facts].reverse().find((f) => f.action === action);
  switch (c.status) {
    case 'REGISTERED':
      return '已收到申请，正在审查材料';
    case 'SUPPLEMENT_REQUESTED':
      return '需要补充材料';
    case 'NOT_ACCEPTED':
      return '不予受理';
    case 'ACCEPTED':
      return '已受理，正在办理';
    case 'SUSPENDED':
      return `已受理，正在进行${suspensionWords(lastSuspension)}程序（暂停计时）`;
    case 'FORWARDED':
      return `已上报至${heldAt ?? name(last('forward')?.toPointCode ?? null)}办理`;
    case 'DECIDED': {
      const decided = [...c.facts].reverse().find((f) => f.action === 'decide' || f.action === 'resultReceived');
      return decided?.outcome ? `已办结：${DECISION_OUTCOME_LABELS[decided.outcome]}` : '已办结';
    }
    case 'DELIVERED':
      return '结果已送达';
    case 'EVALUATED':
      return '结果已送达，您已评价';
    case 'CLOSED':
      return '已办结归档';
    case 'WITHDRAWN':
      return '已撤回';
    default:
      return '正在办理';
  }
}

/**
 * The journey of a case as its applicant reads it. `nameOf` names the points of other levels the case went
 * to (null where unknown: the step then says what kind of point and its code); `heldAt` is the name of the
 * point working on a forwarded case now, when known.
 */
export function applicantJourney(c: CaseForApplicant, opts: { nameOf?: (code: string) => string | null | undefined; heldAt?: string | null } = {}): ApplicantJourney {
  const nameOf = (code: string) => (code === c.pointCode ? c.pointName : opts.nameOf?.(code));
  const name = (code: string | null) => placeName(code, nameOf);
  const steps: ApplicantStep[] = [];
  let suspension: SuspensionReason | null = null;
  for (const f of c.facts) {
    const text = stepText(f, c, name, suspension);
    if (f.action === 'suspend') suspension = f.suspensionReason;
    if (text) steps.push({ on: f.on, text });
  }
  const openRequest = c.status === 'SUPPLEMENT_REQUESTED' ? [...c.facts].reverse().find((f) => f.action === 'requestSupplement') : undefined;
  return {
    statusText: statusText(c, name, opts.heldAt ?? null, suspension),
    steps,
    whatToBring: openRequest ? openRequest.materials.map((m) => (m.problem ? `${m.name}（${m.problem}）` : m.name)) : [],
  };
}

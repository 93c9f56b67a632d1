/** What staff read on screen: the API's enums in the words the centres use (DOMAIN R10–R15). */

import { LEVEL_SPECS, LEVELS, levelOfPointCode, type Level } from '@scf/domain/src/levels.js';

export type { Level };

const byLevel = <T>(pick: (l: Level) => T) => Object.fromEntries(LEVELS.map((l) => [l, pick(l)])) as Record<Level, T>;
export const LEVEL_TYPE = byLevel((l) => LEVEL_SPECS[l].type);
export const LEVEL_FIELD = byLevel((l) => LEVEL_SPECS[l].field);
export const LEVEL_WORD = byLevel((l) => LEVEL_SPECS[l].word);

export const STATUS: Record<string, string> = {
  REGISTERED: '已登记', SUPPLEMENT_REQUESTED: '待补正', NOT_ACCEPTED: '不予受理', ACCEPTED: '已受理', SUSPENDED: '特别程序中',
  FORWARDED: '已上报', DECIDED: '已办结', DELIVERED: '已送达', EVALUATED: '已评价', CLOSED: '已归档', WITHDRAWN: '已撤回',
};
export const FWD_STATUS: Record<string, string> = {
  RECEIVED: '待接收', ACCEPTED: '已接收', DECIDED: '已决定', RETURNED: '已退回', FORWARDED: '已转报', SUPPLEMENT_REQUESTED: '已要求补正', WITHDRAWN: '已撤回',
};
/** A hop between levels (CaseViewHop.action), as a forwarded case's history shows it. */
export const HOP_ACTION: Record<string, string> = {
  forward: '上报', decide: '作出决定', returnDown: '退回', requestSupplement: '要求补正', withdraw: '撤回',
};
export const KIND: Record<string, string> = { IMMEDIATE: '即办件', PROMISED: '承诺件', JOINT: '联办件', REPORTED: '报批件', REPLY: '答复件' };
export const FORM: Record<string, string> = { ORIGINAL: '原件', COPY: '复印件', ORIGINAL_AND_COPY: '原件及复印件' };
export const LIGHT: Record<string, string> = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯' };
export const OUTCOME: Record<string, string> = { GRANTED: '准予许可', REFUSED: '不予许可' };
export const DELIVERY: Record<string, string> = { PICKUP: '窗口领取', MAIL: '邮寄送达', ELECTRONIC: '电子送达' };
export const EVALUATION: Record<string, string> = {
  VERY_SATISFIED: '非常满意', SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', DISSATISFIED: '不满意', VERY_DISSATISFIED: '非常不满意',
};
export const FIELD: Record<string, string> = {
  'applicant.name': '申请人姓名/名称', 'applicant.idNumber': '身份证号码', 'applicant.creditCode': '统一社会信用代码', 'applicant.phone': '联系电话',
  'agent.name': '代办人姓名', 'agent.idNumber': '代办人身份证号码', 'agent.phone': '代办人电话', 'agent.entrustmentRef': '委托书编号',
  materialsReceived: '收取材料', reason: '理由', note: '备注', toPointCode: '上报至', outcome: '决定',
};

/** The points a case may be forwarded to from `pointCode`: those above it, no higher than the deciding level (R17). */
export function forwardTargets(pointCode: string, decidingLevel: Level): { code: string; level: Level }[] {
  const from = LEVEL_SPECS[levelOfCode(pointCode)].depth;
  return LEVELS.filter((l) => LEVEL_SPECS[l].depth > from && LEVEL_SPECS[l].depth <= LEVEL_SPECS[decidingLevel].depth)
    .reverse()
    .map((level) => ({ code: pointCode.slice(0, LEVEL_SPECS[level].codeLength), level }));
}

export const levelOfCode = (code: string): Level => levelOfPointCode(code) ?? 'COUNTY';

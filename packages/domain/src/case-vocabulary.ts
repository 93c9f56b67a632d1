/**
 * The closed vocabularies a case uses, each with the Chinese label staff and applicants see.
 * GraphQL enums in the subgraphs mirror these arrays, so their order is display order.
 */

/** R10. */
export const CASE_KINDS = ['IMMEDIATE', 'PROMISED', 'JOINT', 'REPORTED', 'REPLY'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Readonly<Record<CaseKind, string>> = {
  IMMEDIATE: '即办件',
  PROMISED: '承诺件',
  JOINT: '联办件',
  REPORTED: '报批件',
  REPLY: '答复件',
};

/** R12: special procedures during which the promised-limit clock stops. */
export const SUSPENSION_REASONS = ['ON_SITE_INSPECTION', 'EXPERT_REVIEW', 'PUBLIC_NOTICE', 'HEARING'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
export const SUSPENSION_REASON_LABELS: Readonly<Record<SuspensionReason, string>> = {
  ON_SITE_INSPECTION: '现场踏勘',
  EXPERT_REVIEW: '专家评审',
  PUBLIC_NOTICE: '公示',
  HEARING: '听证',
};

export const DECISION_OUTCOMES = ['GRANTED', 'REFUSED'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_OUTCOME_LABELS: Readonly<Record<DecisionOutcome, string>> = {
  GRANTED: '准予许可',
  REFUSED: '不予许可',
};

/** R12: 送达. */
export const DELIVERY_METHODS = ['PICKUP', 'MAIL', 'ELECTRONIC'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Readonly<Record<DeliveryMethod, string>> = {
  PICKUP: '窗口领取',
  MAIL: '邮寄送达',
  ELECTRONIC: '电子送达',
};

/** R21: the national five-level 好差评 scale, best first. */
export const EVALUATION_LEVELS = [
  'VERY_SATISFIED',
  'SATISFIED',
  'BASICALLY_SATISFIED',
  'DISSATISFIED',
  'VERY_DISSATISFIED',
] as const;
export type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];
export const EVALUATION_LEVEL_LABELS: Readonly<Record<EvaluationLevel, string>> = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
};

/** R21: 不满意 or worse must be followed up (回访) and its rectification recorded. */
export function needsFollowUp(level: EvaluationLevel): boolean {
  return level === 'DISSATISFIED' || level === 'VERY_DISSATISFIED';
}

/** R2: a promised limit of 0 working days is what makes an item 即办. */
export function kindForPromisedDays(promisedDays: number): 'IMMEDIATE' | 'PROMISED' {
  return promisedDays === 0 ? 'IMMEDIATE' : 'PROMISED';
}

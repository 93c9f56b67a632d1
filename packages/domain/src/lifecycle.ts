import {
  DECISION_OUTCOMES,
  DECISION_OUTCOME_LABELS,
  DELIVERY_METHODS,
  DELIVERY_METHOD_LABELS,
  EVALUATION_LEVELS,
  EVALUATION_LEVEL_LABELS,
  SUSPENSION_REASONS,
  SUSPENSION_REASON_LABELS,
  type CaseKind,
  type DecisionOutcome,
  type DeliveryMethod,
  type EvaluationLevel,
  type SuspensionReason,
} from './case-vocabulary';
import { invalid, TransitionNotAllowedError } from './errors';
import { ancestorCodes, levelOfCode } from './identifiers';
import { isLevel, LEVEL_SPECS, type Level } from './levels';
import { reviewAndLitigationNotice } from './rights-notice';
import { isBlank } from './plain-text';
import { requireFits, TEXT_LIMITS } from './text-limits';

/**
 * R8, R10, R12: one state machine for every level. A case at a village room and the same
 * matter at the county both move through these statuses; FORWARDED is how the origin sees a
 * case while another level holds it.
 */
export const CASE_STATUSES = [
  'REGISTERED',
  'SUPPLEMENT_REQUESTED',
  'NOT_ACCEPTED',
  'ACCEPTED',
  'SUSPENDED',
  'FORWARDED',
  'DECIDED',
  'DELIVERED',
  'EVALUATED',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  REGISTERED: '已登记',
  SUPPLEMENT_REQUESTED: '待补正',
  NOT_ACCEPTED: '不予受理',
  ACCEPTED: '已受理',
  SUSPENDED: '特别程序中',
  FORWARDED: '已上报',
  DECIDED: '已办结',
  DELIVERED: '已送达',
  EVALUATED: '已评价',
  CLOSED: '已归档',
  WITHDRAWN: '已撤回',
};

export const CASE_ACTIONS = [
  'requestSupplement',
  'supplySupplement',
  'accept',
  'notAccept',
  'suspend',
  'resume',
  'forward',
  'returnDown',
  'resultReceived',
  'decide',
  'deliver',
  'evaluate',
  'close',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_LABELS: Readonly<Record<CaseAction, string>> = {
  requestSupplement: '一次性告知补正',
  supplySupplement: '补齐材料',
  accept: '受理',
  notAccept: '不予受理',
  suspend: '启动特别程序',
  resume: '特别程序结束',
  forward: '上报',
  returnDown: '退回',
  resultReceived: '接收上级办理结果',
  decide: '作出决定',
  deliver: '送达',
  evaluate: '评价',
  close: '归档',
  withdraw: '撤回',
};

const TRANSITIONS: Readonly<Record<CaseStatus, Readonly<Partial<Record<CaseAction, CaseStatus>>>>> = {
  REGISTERED: {
    requestSupplement: 'SUPPLEMENT_REQUESTED',
    accept: 'ACCEPTED',
    notAccept: 'NOT_ACCEPTED',
    withdraw: 'WITHDRAWN',
  },
  SUPPLEMENT_REQUESTED: { supplySupplement: 'REGISTERED', notAccept: 'NOT_ACCEPTED', withdraw: 'WITHDRAWN' },
  NOT_ACCEPTED: {},
  // R8, R9: only an accepted case goes up — acceptance starts its clock and its light, and gives the
  // applicant the acceptance notice; a case sent up unaccepted would be invisible to supervision.
  ACCEPTED: { suspend: 'SUSPENDED', forward: 'FORWARDED', decide: 'DECIDED', withdraw: 'WITHDRAWN' },
  SUSPENDED: { resume: 'ACCEPTED', withdraw: 'WITHDRAWN' },
  // R18: the receiving level may ask for a supplement; it reaches the applicant through the origin.
  FORWARDED: { requestSupplement: 'SUPPLEMENT_REQUESTED', returnDown: 'ACCEPTED', resultReceived: 'DECIDED', withdraw: 'WITHDRAWN' },
  // R12: withdrawal is only possible before a decision.
  DECIDED: { deliver: 'DELIVERED' },
  DELIVERED: { evaluate: 'EVALUATED', close: 'CLOSED' },
  EVALUATED: { close: 'CLOSED' },
  CLOSED: {},
  WITHDRAWN: {},
};

function checkStatus(status: unknown): CaseStatus {
  if (!CASE_STATUSES.includes(status as CaseStatus)) {
    return invalid('status', `没有 ${JSON.stringify(status)} 这种办件状态，可用的有：${CASE_STATUSES.join('、')} / unknown case status ${JSON.stringify(status)}; known: ${CASE_STATUSES.join(', ')}`);
  }
  return status as CaseStatus;
}

function checkAction(action: unknown): CaseAction {
  if (!CASE_ACTIONS.includes(action as CaseAction)) {
    return invalid('action', `没有 ${JSON.stringify(action)} 这项办理操作，可用的有：${CASE_ACTIONS.join('、')} / unknown action ${JSON.stringify(action)}; known: ${CASE_ACTIONS.join(', ')}`);
  }
  return action as CaseAction;
}

/** Actions possible from `status`, in the order of CASE_ACTIONS. */
export function allowedActions(status: CaseStatus): CaseAction[] {
  const from = TRANSITIONS[checkStatus(status)];
  return CASE_ACTIONS.filter((a) => from[a] !== undefined);
}

export function nextStatus(status: CaseStatus, action: CaseAction): CaseStatus {
  const to = TRANSITIONS[checkStatus(status)][checkAction(action)];
  if (to === undefined) throw new TransitionNotAllowedError(status, action, allowedActions(status), { status: STATUS_LABELS, action: ACTION_LABELS });
  return to;
}

/** Final statuses: nothing more can happen to the case. */
export function isTerminal(status: CaseStatus): boolean {
  return allowedActions(status).length === 0;
}

/** Someone still has to act on the case (it is not not-accepted, closed or withdrawn). */
export function isOpen(status: CaseStatus): boolean {
  return !isTerminal(status);
}

/** 办结: a decision exists (R37 counts these as finished). */
export function isFinished(status: CaseStatus): boolean {
  return status === 'DECIDED' || status === 'DELIVERED' || status === 'EVALUATED' || status === 'CLOSED';
}

/** Accepted and not yet decided: the cases that have a deadline and a supervision light (R15). */
export function awaitsDecision(status: CaseStatus): boolean {
  return status === 'ACCEPTED' || status === 'SUSPENDED' || status === 'FORWARDED';
}

/**
 * Whether the promised-limit clock is consuming working days. It starts at acceptance, keeps
 * running while another level holds the case (the origin stays responsible, R17), and stops
 * during special procedures (R12).
 */
export function clockRuns(status: CaseStatus): boolean {
  return status === 'ACCEPTED' || status === 'FORWARDED';
}

// ---------------------------------------------------------------------------
// Applying an action: validated input in, next state and one history row out.
// ---------------------------------------------------------------------------

export interface MissingMaterial {
  name: string;
  /** What is wrong with it, e.g. 缺少原件, 复印件不清晰; omitted means it is missing. */
  problem?: string;
}

interface Noted {
  note?: string;
}

/** What each action needs from the caller. */
export interface ActionInputs {
  requestSupplement: Noted & { missingMaterials: MissingMaterial[] };
  supplySupplement: Noted;
  accept: Noted;
  notAccept: Noted & { reason: string };
  suspend: Noted & { reason: SuspensionReason };
  resume: Noted;
  /** `decidingLevel`, when given, bounds how far up the case may go (R4). */
  forward: Noted & { toPointCode: string; decidingLevel?: Level };
  returnDown: Noted & { reason: string };
  resultReceived: Noted & { outcome: DecisionOutcome; reason?: string; rightsNotice?: string };
  decide: Noted & { outcome: DecisionOutcome; reason?: string; rightsNotice?: string };
  deliver: Noted & { method: DeliveryMethod };
  evaluate: Noted & { level: EvaluationLevel };
  close: Noted;
  withdraw: Noted & { reason?: string };
}

export interface ActionContext {
  /** When it happened; stored as an ISO instant. */
  at: Date | string;
  /** Staff member (or system actor) recording it. */
  by: string;
  /** The point where it is recorded: where the case is, R12's "where". */
  pointCode: string;
}

export interface CaseState {
  status: CaseStatus;
  kind?: CaseKind;
}

/** One row of a case's history; flat so it maps onto one table row. */
export interface HistoryEntry {
  action: CaseAction;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  at: string;
  by: string;
  pointCode: string;
  /** Why: a free-text reason, or the SuspensionReason code for `suspend`. */
  reason?: string;
  note?: string;
  missingMaterials?: MissingMaterial[];
  toPointCode?: string;
  outcome?: DecisionOutcome;
  /** Present on every refusal (R11). */
  rightsNotice?: string;
  deliveryMethod?: DeliveryMethod;
  evaluation?: EvaluationLevel;
}

export interface ActionResult<S extends CaseState> {
  state: S;
  entry: HistoryEntry;
}

type Fields = Record<string, unknown>;

/**
 * `required` may be the exact complaint to make when the value is missing. Text of invisible characters
 * only is missing too: a refusal whose reason shows nothing states no reason.
 */
function text(value: unknown, field: string, required: boolean | string, max: number = TEXT_LIMITS.reason): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && isBlank(value))) {
    if (required === false) return undefined;
    return invalid(field, required === true ? '此项必填，不能为空 / is required and must not be blank' : required);
  }
  if (typeof value !== 'string') return invalid(field, `须填写文本，收到的是 ${typeof value} 类型 / must be text, got ${typeof value}`);
  return requireFits(value.trim(), field, max);
}

/** `what` names the field for a clerk, `labels` the allowed values' Chinese names. */
function oneOf<T extends string>(input: Fields, key: string, allowed: readonly T[], what: string, labels: Readonly<Record<T, string>>): T {
  const value = input[key];
  if (!allowed.includes(value as T)) {
    const choices = allowed.map((a) => `${labels[a]}（${a}）`).join('、');
    return invalid(key, `${what}须为以下之一：${choices}，收到的是 ${JSON.stringify(value)} / must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function instant(at: unknown): string {
  const date = at instanceof Date ? at : typeof at === 'string' ? new Date(at) : undefined;
  if (!date || Number.isNaN(date.getTime())) return invalid('at', `时间 ${JSON.stringify(at)} 不是有效的时刻 / ${JSON.stringify(at)} is not a point in time`);
  return date.toISOString();
}

function missingMaterials(input: Fields): MissingMaterial[] {
  const list = input['missingMaterials'];
  // R9: the one-time notification must name what is missing, or it notifies nothing.
  if (!Array.isArray(list) || list.length === 0) {
    return invalid('missingMaterials', '一次性告知补正须至少列出一项缺少的材料 / a supplement request must list at least one missing material');
  }
  if (list.length > TEXT_LIMITS.missingMaterials) {
    return invalid('missingMaterials', `最多列 ${TEXT_LIMITS.missingMaterials} 项，现为 ${list.length} 项 / lists ${list.length} materials; at most ${TEXT_LIMITS.missingMaterials}`, { maxItems: TEXT_LIMITS.missingMaterials });
  }
  return list.map((item: unknown, i) => {
    const fields: Fields = typeof item === 'object' && item !== null ? (item as Fields) : {};
    const name = text(fields['name'], `missingMaterials[${i}].name`, true, TEXT_LIMITS.materialName) as string;
    const problem = text(fields['problem'], `missingMaterials[${i}].problem`, false, TEXT_LIMITS.materialProblem);
    return problem === undefined ? { name } : { name, problem };
  });
}

/** R11: the outcome, and for a refusal its reason and the review/litigation notice. */
function decision(input: Fields): Pick<HistoryEntry, 'outcome' | 'reason' | 'rightsNotice'> {
  const outcome = oneOf(input, 'outcome', DECISION_OUTCOMES, '办理结果', DECISION_OUTCOME_LABELS);
  const reason = text(input['reason'], 'reason', outcome === 'REFUSED' && '不予许可须写明理由 / a refusal must state its reason');
  if (outcome === 'GRANTED') return reason === undefined ? { outcome } : { outcome, reason };
  return { outcome, reason, rightsNotice: text(input['rightsNotice'], 'rightsNotice', false, TEXT_LIMITS.rightsNotice) ?? reviewAndLitigationNotice() };
}

function forwardTarget(input: Fields, from: string): string {
  const to = text(input['toPointCode'], 'toPointCode', '上报须填写接收办件的收件点代码 / forwarding needs the code of the point to forward to') as string;
  const toLevel = levelOfCode(to, 'toPointCode');
  const above = ancestorCodes(from, 'pointCode');
  // R17: village → township or county, township → county, always within the same county.
  if (!above.includes(to)) {
    const hint = above.length > 0 ? `one of ${above.join(', ')}` : 'nothing: a county centre has no level above it';
    const zh = above.length > 0 ? `收件点 ${from} 的办件只能上报到 ${above.join('、')} 中的一个，不能报到 ${to}` : `县中心已是最上一级，收件点 ${from} 的办件不能再上报（填的是 ${to}）`;
    return invalid('toPointCode', `${zh} / a case at ${from} can only be forwarded up to ${hint}; got ${to}`);
  }
  // R4: up to the level that decides the item, never past it.
  const deciding = input['decidingLevel'];
  if (isLevel(deciding) && LEVEL_SPECS[toLevel].depth > LEVEL_SPECS[deciding].depth) {
    return invalid('toPointCode', `此事项由${LEVEL_SPECS[deciding].word}级决定，请上报到该级，不要越级上报 / the item is decided at the ${deciding.toLowerCase()} level; forward to it, not above it`);
  }
  return to;
}

function actionFields(action: CaseAction, input: Fields, pointCode: string): Partial<HistoryEntry> {
  switch (action) {
    case 'requestSupplement':
      return { missingMaterials: missingMaterials(input) };
    case 'notAccept':
      return { reason: text(input['reason'], 'reason', '不予受理须写明理由 / not accepting a case requires a reason') };
    case 'returnDown':
      return { reason: text(input['reason'], 'reason', '退回办件须写明理由 / returning a case requires a reason') };
    case 'withdraw':
      return { reason: text(input['reason'], 'reason', false) };
    case 'suspend':
      return { reason: oneOf(input, 'reason', SUSPENSION_REASONS, '特别程序的事由', SUSPENSION_REASON_LABELS) };
    case 'forward':
      return { toPointCode: forwardTarget(input, pointCode) };
    case 'decide':
    case 'resultReceived':
      return decision(input);
    case 'deliver':
      return { deliveryMethod: oneOf(input, 'method', DELIVERY_METHODS, '送达方式', DELIVERY_METHOD_LABELS) };
    case 'evaluate':
      return { evaluation: oneOf(input, 'level', EVALUATION_LEVELS, '评价', EVALUATION_LEVEL_LABELS) };
    case 'supplySupplement':
    case 'accept':
    case 'resume':
    case 'close':
      return {};
  }
}

/** The history row of an action, the input checked once for both sides of a hand-over. */
function entryFor<St extends string>(action: CaseAction, fromStatus: St, toStatus: St, input: unknown, ctx: ActionContext) {
  const pointCode = String(ctx.pointCode).trim();
  levelOfCode(pointCode, 'pointCode');
  const by = text(ctx.by, 'by', true) as string;
  const at = instant(ctx.at);
  const fields: Fields = typeof input === 'object' && input !== null ? (input as Fields) : {};
  // Absent optional facts are left out rather than stored as undefined, so rows compare cleanly.
  const facts = Object.entries({ ...actionFields(action, fields, pointCode), note: text(fields['note'], 'note', false, TEXT_LIMITS.note) });
  return {
    action,
    fromStatus,
    toStatus,
    at,
    by,
    pointCode,
    ...Object.fromEntries(facts.filter(([, value]) => value !== undefined)),
  } as Omit<HistoryEntry, 'fromStatus' | 'toStatus'> & { fromStatus: St; toStatus: St };
}

/**
 * Checks the transition, then the input, and returns the new state with the history row to
 * store beside it. Pure: persisting both in one transaction is the caller's job.
 */
export function applyAction<S extends CaseState, A extends CaseAction>(
  caseState: S,
  action: A,
  input: ActionInputs[A],
  ctx: ActionContext,
): ActionResult<S> {
  const toStatus = nextStatus(caseState.status, action);
  const entry: HistoryEntry = entryFor(action, caseState.status, toStatus, input, ctx);
  return { state: { ...caseState, status: toStatus }, entry };
}

// ---------------------------------------------------------------------------
// The receiving side (R18): how a level holds a case another level forwarded to it.
// ---------------------------------------------------------------------------

/**
 * A forwarded case at the level that received it. The origin keeps the case itself (FORWARDED there);
 * the receiver keeps this: it may accept, decide, return, ask for a supplement or forward it on, and
 * each of these ends its part (the result, the return or the request travels back as a hand-over).
 * WITHDRAWN: the applicant withdrew at the origin while it was here.
 */
export const FORWARDED_STATUSES = ['RECEIVED', 'ACCEPTED', 'DECIDED', 'RETURNED', 'FORWARDED', 'SUPPLEMENT_REQUESTED', 'WITHDRAWN'] as const;
export type ForwardedStatus = (typeof FORWARDED_STATUSES)[number];

export const FORWARDED_STATUS_LABELS: Readonly<Record<ForwardedStatus, string>> = {
  RECEIVED: '待接收',
  ACCEPTED: '已接收',
  DECIDED: '已决定',
  RETURNED: '已退回',
  FORWARDED: '已转报',
  SUPPLEMENT_REQUESTED: '已要求补正',
  WITHDRAWN: '申请人已撤回',
};

/** What the receiving level's staff may do: the origin's own actions of the same name, with the same rules. */
export const FORWARDED_ACTIONS = ['accept', 'decide', 'returnDown', 'forward', 'requestSupplement'] as const satisfies readonly CaseAction[];
export type ForwardedAction = (typeof FORWARDED_ACTIONS)[number];

const ENDS_HERE: Readonly<Partial<Record<ForwardedAction, ForwardedStatus>>> = {
  decide: 'DECIDED',
  returnDown: 'RETURNED',
  forward: 'FORWARDED',
  requestSupplement: 'SUPPLEMENT_REQUESTED',
};

const FORWARDED_TRANSITIONS: Readonly<Record<ForwardedStatus, Readonly<Partial<Record<ForwardedAction, ForwardedStatus>>>>> = {
  RECEIVED: { accept: 'ACCEPTED', ...ENDS_HERE },
  ACCEPTED: ENDS_HERE,
  DECIDED: {},
  RETURNED: {},
  FORWARDED: {},
  SUPPLEMENT_REQUESTED: {},
  WITHDRAWN: {},
};

function checkForwardedStatus(status: unknown): ForwardedStatus {
  if (!FORWARDED_STATUSES.includes(status as ForwardedStatus)) {
    return invalid('status', `没有 ${JSON.stringify(status)} 这种上报件状态，可用的有：${FORWARDED_STATUSES.join('、')} / unknown forwarded-case status ${JSON.stringify(status)}; known: ${FORWARDED_STATUSES.join(', ')}`);
  }
  return status as ForwardedStatus;
}

/** Actions the receiving level may take from `status`, in the order of FORWARDED_ACTIONS. */
export function forwardedAllowedActions(status: ForwardedStatus): ForwardedAction[] {
  const from = FORWARDED_TRANSITIONS[checkForwardedStatus(status)];
  return FORWARDED_ACTIONS.filter((a) => from[a] !== undefined);
}

export function nextForwardedStatus(status: ForwardedStatus, action: ForwardedAction): ForwardedStatus {
  const from = FORWARDED_TRANSITIONS[checkForwardedStatus(status)];
  if (!FORWARDED_ACTIONS.includes(action)) invalid('action', `上报件没有 ${JSON.stringify(action)} 这项办理操作，可用的有：${FORWARDED_ACTIONS.join('、')} / unknown action ${JSON.stringify(action)}; known: ${FORWARDED_ACTIONS.join(', ')}`);
  const to = from[action];
  if (to === undefined) throw new TransitionNotAllowedError(status, action, forwardedAllowedActions(status), { status: FORWARDED_STATUS_LABELS, action: ACTION_LABELS });
  return to;
}

export interface ForwardedEntry extends Omit<HistoryEntry, 'action' | 'fromStatus' | 'toStatus'> {
  action: ForwardedAction;
  fromStatus: ForwardedStatus;
  toStatus: ForwardedStatus;
}

/**
 * The receiving level's action on a forwarded case: its transition, then its input checked by the same
 * rules as the origin's (a refusal's reason and rights notice, a return's reason, the one-time list of
 * missing materials, how far up a case may go). Pure, like applyAction.
 */
export function applyForwardedAction<S extends { status: ForwardedStatus }, A extends ForwardedAction>(
  state: S,
  action: A,
  input: ActionInputs[A],
  ctx: ActionContext,
): { state: S; entry: ForwardedEntry } {
  const toStatus = nextForwardedStatus(state.status, action);
  const entry = entryFor(action, state.status, toStatus, input, ctx) as ForwardedEntry;
  return { state: { ...state, status: toStatus }, entry };
}

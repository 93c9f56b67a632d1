import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError } from '@scf/auth';
import {
  ancestorCodes, applyAction, maskPhone, maskResidentId, TEXT_LIMITS, textLength, applyForwardedAction, chinaToday, completionTiming, countyOfPoint, DomainError, invalid, isLevel, LEVEL_SPECS, levelOfCode, parseCaseNo, STATUS_LABELS,
  type CaseStatus, type Level,
} from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';
import { deliveryError, enqueue, HandoverRefusal, type OutboxRow, type ReceivedMessage } from '@scf/handover';
import type { CaseMaterialRow, CaseRow, HopRow, InboundRow } from './entities.js';
import { encodeMaterials, recordEvent } from './events.js';
import { ConflictError } from './conflict.js';
import type { CasesHost } from './ports.js';

/**
 * Moving a case between levels (R17–R19). Every move is a state change at the sender plus an outbox
 * message in the same transaction; the receiver takes each message exactly once (the hand-over's inbox).
 * The origin stays the applicant's only contact: results and returns travel back to it.
 */
export type HandoverKind = 'FORWARD' | 'RESULT' | 'RETURN' | 'SUPPLEMENT' | 'WITHDRAW';


export interface ForwardPayload {
  originPointCode: string;
  fromPointCode: string;
  toPointCode: string;
  item: { id: number; name: string; decidingLevel: string; decidingUnit: string; kind: string; promisedLimitDays: number };
  applicantName: string;
  acceptedOn: string | null;
  deadline: string | null;
  by: { username: string; name: string };
  at: string;
  note: string | null;
  // What the deciding level reads before it decides (issue 13). Messages sent before they existed lack them.
  /** The centre or room that took the case in, and the one sending it here, by name. */
  originPointName?: string;
  fromPointName?: string;
  /** The applicant as a list shows them: ID number and phone masked. The whole stays at the origin. */
  applicant?: ForwardedApplicant;
  /** The item's materials and whether the origin received each. */
  materials?: ForwardedMaterial[];
  /** The hops recorded below, oldest first, ending with the one that sends the case here. */
  hops?: CarriedHop[];
}

export interface ForwardedApplicant { type: string; idNumber: string | null; creditCode: string | null; phone: string }
export interface ForwardedMaterial { position: number; name: string; form: string; copies: number; received: boolean }
export interface CarriedHop { hop: number; action: string; fromCode: string; toCode: string; at: string; byUsername: string; byName: string; note: string | null }

export interface ResultPayload {
  fromPointCode: string;
  toPointCode: string;
  outcome: 'GRANTED' | 'REFUSED';
  reason: string | null;
  rightsNotice: string | null;
  decidedOn: string;
  by: { username: string; name: string };
  at: string;
}

export interface ReturnPayload {
  fromPointCode: string;
  toPointCode: string;
  reason: string;
  by: { username: string; name: string };
  at: string;
}

export interface SupplementPayload {
  fromPointCode: string;
  toPointCode: string;
  missingMaterials: { name: string; problem?: string }[];
  note: string | null;
  by: { username: string; name: string };
  at: string;
}

/** The origin withdrew the case (R12); it travels up to whoever holds it, hop by hop. */
export interface WithdrawPayload {
  fromPointCode: string;
  toPointCode: string;
  reason: string | null;
  by: { username: string; name: string };
  at: string;
}

type ItemTerms = Pick<CaseRow, 'itemId' | 'itemName' | 'decidingLevel' | 'decidingUnit' | 'kind' | 'promisedLimitDays'>;

/** The item's terms travel with the case, so every level works to the limits it was accepted under. */
function itemTerms(r: ItemTerms): ForwardPayload['item'] {
  return { id: r.itemId, name: r.itemName, decidingLevel: r.decidingLevel, decidingUnit: r.decidingUnit, kind: r.kind, promisedLimitDays: r.promisedLimitDays };
}

export function recordHop(em: EntityManager, h: Omit<HopRow, 'id'>): void {
  em.create<HopRow>('CaseHop', h as HopRow);
}

/** A hop as it travels and as CaseViewHop shows it. */
export const carriedHop = (h: Omit<HopRow, 'id'>): CarriedHop => ({
  hop: h.hop, action: h.action, fromCode: h.fromCode, toCode: h.toCode, at: h.at.toISOString(), byUsername: h.byUsername, byName: h.byName, note: h.note,
});

/**
 * The whole FORWARD must fit the outbox's TEXT column (65,535 bytes, at most 3 bytes a UTF-16 unit here).
 * The trail grows each time a case is returned and sent up again, so it keeps its newest hops within this
 * budget; the materials list is the item's checklist, which the catalogue keeps short.
 */
const TRAIL_BUDGET = 8_000;
const MATERIALS_BUDGET = 10_000;

/** The hops this level recorded for a case, then the one about to be sent: the trail the receiver shows. */
async function hopTrail(tx: EntityManager, caseNo: string, earlier: CarriedHop[], next: Omit<HopRow, 'id'>): Promise<CarriedHop[]> {
  const own = await tx.find<HopRow>('CaseHop', { caseNo }, { orderBy: { id: 'asc' } });
  const trail = mergeHops(earlier, own.map(carriedHop), [carriedHop(next)]);
  while (trail.length > 1 && JSON.stringify(trail).length > TRAIL_BUDGET) trail.shift();
  return trail;
}

function boundedMaterials(list: ForwardedMaterial[]): ForwardedMaterial[] {
  const kept = [...list];
  while (kept.length && JSON.stringify(kept).length > MATERIALS_BUDGET) kept.pop();
  return kept;
}

/** One trail from what was carried here and what was recorded here, each hop once, oldest first. */
export function mergeHops(...lists: CarriedHop[][]): CarriedHop[] {
  const seen = new Map<string, CarriedHop>();
  for (const h of lists.flat()) seen.set(`${h.hop}|${h.action}|${h.fromCode}|${h.at}`, h);
  return [...seen.values()].sort((a, b) => a.at.localeCompare(b.at) || a.hop - b.hop);
}

/** The origin forwards one of its own cases (called inside actOnCase's transaction). */
export async function enqueueForward(tx: EntityManager, host: CasesHost, c: CaseRow, toPointCode: string, staff: { username: string; name: string }, note: string | null, now: Date) {
  const hop = c.hop + 1;
  const sent = { caseNo: c.caseNo, hop, action: 'forward', fromCode: c.pointCode, toCode: toPointCode, at: now, byUsername: staff.username, byName: staff.name, note };
  const [point, materials, hops] = await Promise.all([
    host.findPoint(tx, c.pointCode),
    tx.find<CaseMaterialRow>('CaseMaterial', { caseId: c.id }, { orderBy: { position: 'asc' } }),
    hopTrail(tx, c.caseNo, [], sent),
  ]);
  recordHop(tx, sent);
  const here = point?.centreName ?? c.pointCode;
  const payload: ForwardPayload = {
    originPointCode: c.pointCode, fromPointCode: c.pointCode, toPointCode,
    item: itemTerms(c),
    applicantName: c.applicantName, acceptedOn: c.acceptedOn, deadline: c.deadline, by: staff, at: now.toISOString(), note,
    originPointName: here, fromPointName: here,
    applicant: {
      type: c.applicantType, idNumber: c.applicantIdNumber ? maskResidentId(c.applicantIdNumber) : null, creditCode: c.applicantCreditCode, phone: maskPhone(c.applicantPhone),
    },
    materials: boundedMaterials(materials.map((m) => ({ position: m.position, name: m.name, form: m.form, copies: m.copies, received: m.received }))),
    hops,
  };
  await enqueue(tx, { messageId: `${c.caseNo}#${hop}#FORWARD`, target: levelOfCode(toPointCode), kind: 'FORWARD', caseNo: c.caseNo, hop, payload }, now);
  return hop;
}

/** Takes one hand-over into this level's state, in the inbox's transaction. */
export async function applyHandover(tx: EntityManager, host: CasesHost, m: ReceivedMessage, now: Date): Promise<unknown> {
  switch (m.kind as HandoverKind) {
    case 'FORWARD':
      return receiveForward(tx, host, m as ReceivedMessage<ForwardPayload>, now);
    case 'RESULT':
      return receiveResult(tx, host, m as ReceivedMessage<ResultPayload>, now);
    case 'RETURN':
      return receiveReturn(tx, host, m as ReceivedMessage<ReturnPayload>, now);
    case 'SUPPLEMENT':
      return receiveSupplement(tx, host, m as ReceivedMessage<SupplementPayload>, now);
    case 'WITHDRAW':
      return receiveWithdraw(tx, host, m as ReceivedMessage<WithdrawPayload>, now);
    default:
      throw new HandoverRefusal(`不认识的移交类型 ${JSON.stringify(m.kind)} (unknown hand-over kind)`, 'kind');
  }
}

/**
 * A hand-over that does not fit the case it names is refused and changes nothing (422; the sender's
 * relay marks it FAILED). The signature proved which level sent it; these checks prove that level may
 * send this, now: it holds the case at that hop, the hop is the next one, the kind fits the case's state.
 */
type MisfitCode = 'HANDOVER_WRONG_SENDER' | 'HANDOVER_WRONG_TARGET' | 'HANDOVER_WRONG_HOP' | 'HANDOVER_WRONG_STATE';
function misfit(code: MisfitCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, undefined, details);
}

const KIND_WORDS: Record<HandoverKind, string> = { FORWARD: '上报', RESULT: '办理结果', RETURN: '退回', SUPPLEMENT: '补正要求', WITHDRAW: '撤回' };
const INBOUND_WORDS: Record<InboundRow['status'], string> = {
  RECEIVED: '已接收待办理', ACCEPTED: '已受理', DECIDED: '已办结', RETURNED: '已退回', FORWARDED: '已继续上报', SUPPLEMENT_REQUESTED: '已要求补正', WITHDRAWN: '已撤回',
};
const isCode = (v: unknown): v is string => typeof v === 'string' && /^(\d{6}|\d{9}|\d{12})$/.test(v);

/** The payload's points are codes, and the signing level is the level of the point it says it comes from. */
function checkPoints(m: ReceivedMessage<{ fromPointCode?: unknown; toPointCode?: unknown }>): { from: string; to: string } {
  const p = m.payload ?? {};
  if (!isCode(p.fromPointCode) || !isCode(p.toPointCode)) {
    throw new HandoverRefusal(`移交消息缺少发出或接收服务点代码 (payload.fromPointCode and payload.toPointCode must be point codes)`, 'payload');
  }
  if (levelOfCode(p.fromPointCode) !== m.from) {
    misfit('HANDOVER_WRONG_SENDER', `这条${KIND_WORDS[m.kind as HandoverKind] ?? '移交'}自称来自 ${p.fromPointCode}，却由 ${m.from} 级签发，不予接收`, { from: m.from, fromPointCode: p.fromPointCode });
  }
  return { from: p.fromPointCode, to: p.toPointCode };
}

/** The last forwarding of a case that this level recorded from `fromCode`: where it sent the case, at which hop. */
export function lastForwardFrom(em: EntityManager, caseNo: string, fromCode: string): Promise<HopRow | null> {
  return em.findOne<HopRow>('CaseHop', { caseNo, action: 'forward', fromCode }, { orderBy: { id: 'desc' }, disableIdentityMap: true });
}

/**
 * A message coming down to a point that forwarded the case (`at`, whose last forwarding was `hop` to
 * `sentTo`) must come from the point it went to, at that hop — or, where that point sent it on up (hop + 1),
 * from a point above it. `onward` is false for returns: a return goes back only to the level that sent it.
 */
async function checkFromHolder(tx: EntityManager, m: ReceivedMessage, at: string, points: { from: string; to: string }, onward: boolean) {
  const what = KIND_WORDS[m.kind as HandoverKind];
  if (points.to !== at) misfit('HANDOVER_WRONG_TARGET', `办件 ${m.caseNo} 在 ${at}，这条${what}却是发给 ${points.to} 的，不予接收`, { pointCode: at, toPointCode: points.to });
  const sent = await lastForwardFrom(tx, m.caseNo, at);
  if (!sent) misfit('HANDOVER_WRONG_STATE', `办件 ${m.caseNo} 从未从 ${at} 上报，不接收${what}`);
  const direct = m.hop === sent.hop;
  if (!direct && !(onward && m.hop === sent.hop + 1)) {
    misfit('HANDOVER_WRONG_HOP', `办件 ${m.caseNo} 第 ${sent.hop} 环节上报至 ${sent.toCode}，收到的${what}却属于第 ${m.hop} 环节，不予接收`, { hop: sent.hop, got: m.hop });
  }
  const holds = direct ? points.from === sent.toCode : ancestorCodes(sent.toCode).includes(points.from);
  if (!holds) {
    misfit('HANDOVER_WRONG_SENDER', `办件 ${m.caseNo} 第 ${m.hop} 环节不在 ${points.from} 办理（已上报至 ${sent.toCode}），${points.from} 不能发来${what}`, { holder: sent.toCode, fromPointCode: points.from });
  }
}

/** A message to the origin about its case: the case must be away (FORWARDED); a withdrawn one takes nothing more. */
function checkAway(c: CaseRow, m: ReceivedMessage) {
  if (c.status === 'FORWARDED') return;
  const what = KIND_WORDS[m.kind as HandoverKind];
  misfit('HANDOVER_WRONG_STATE', c.status === 'WITHDRAWN'
    ? `办件 ${c.caseNo} 已撤回（申请人撤回），不再接收${what}`
    : `办件 ${c.caseNo} 当前为“${STATUS_LABELS[c.status as CaseStatus] ?? c.status}”，不在上级办理，不接收${what}`, { status: c.status });
}

async function receiveForward(tx: EntityManager, host: CasesHost, m: ReceivedMessage<ForwardPayload>, now: Date) {
  const p = m.payload;
  const points = checkPoints(m);
  if (levelOfCode(points.to) !== host.names.level || !(await host.findPoint(tx, points.to))) {
    misfit('HANDOVER_WRONG_TARGET', `本级没有服务点 ${points.to}，不能接收办件 ${m.caseNo} (no ${host.names.label} ${points.to} here)`);
  }
  if (!ancestorCodes(points.from).includes(points.to)) misfit('HANDOVER_WRONG_TARGET', `${points.from} 只能上报到它的上级，${points.to} 不是 (not above the sender)`);
  const origin = parseCaseNo(m.caseNo).pointCode;
  if (p.originPointCode !== origin || (points.from !== origin && !ancestorCodes(origin).includes(points.from))) {
    misfit('HANDOVER_WRONG_SENDER', `办件 ${m.caseNo} 由 ${origin} 受理，只会由它或它的上级上报，不会来自 ${points.from}`, { originPointCode: origin, fromPointCode: points.from });
  }
  if (!p.item || !isLevel(p.item.decidingLevel) || host.names.depth > LEVEL_SPECS[p.item.decidingLevel].depth) {
    misfit('HANDOVER_WRONG_TARGET', `事项由${String(p.item?.decidingLevel ?? '?').toLowerCase()}级决定，不应上报到 ${points.to}`);
  }
  const existing = await tx.findOne<InboundRow>('InboundCase', { caseNo: m.caseNo });
  // Again here only after it went back down (returned, a supplement) or on up and back: never while this
  // level works on it, and never once decided or withdrawn — that would wipe the decision.
  if (existing && !['RETURNED', 'SUPPLEMENT_REQUESTED', 'FORWARDED'].includes(existing.status)) {
    misfit('HANDOVER_WRONG_STATE', `办件 ${m.caseNo} 在本级${INBOUND_WORDS[existing.status]}，不能再次接收上报`, { status: existing.status });
  }
  if (existing && m.hop <= existing.hop) {
    misfit('HANDOVER_WRONG_HOP', `办件 ${m.caseNo} 在本级已到第 ${existing.hop} 环节，第 ${m.hop} 环节的上报不是下一环节`, { hop: existing.hop, got: m.hop });
  }
  const fields = {
    caseNo: m.caseNo, hop: m.hop, originPointCode: p.originPointCode, fromPointCode: p.fromPointCode, pointCode: p.toPointCode, status: 'RECEIVED' as const,
    itemId: p.item.id, itemName: p.item.name, decidingLevel: p.item.decidingLevel, decidingUnit: p.item.decidingUnit, kind: p.item.kind,
    promisedLimitDays: p.item.promisedLimitDays, applicantName: p.applicantName, acceptedOn: p.acceptedOn, deadline: p.deadline,
    receivedAt: now, decidedOn: null, outcome: null, reason: null, updatedAt: now,
    ...forwardedDetails(p),
  };
  if (existing) tx.assign(existing, { ...fields, version: existing.version + 1 });
  else tx.create<InboundRow>('InboundCase', { ...fields, version: 1 } as InboundRow);
  await tx.flush();
  return { received: m.caseNo };
}

/** A column this message writes: within its length, or the message is refused before anything is written. */
function fitting(value: unknown, max: number, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || textLength(value) > max) {
    throw new HandoverRefusal(`上报消息的 ${field} 不是文字或超过 ${max} 个字符，不予接收 (payload.${field} must be a string of at most ${max} characters)`, 'payload');
  }
  return value;
}

/** Kept as JSON in a TEXT column (65,535 bytes in MySQL: 16,383 characters of 4 bytes). */
function fittingJson(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new HandoverRefusal(`上报消息的 ${field} 应为列表，不予接收 (payload.${field} must be a list)`, 'payload');
  return fitting(JSON.stringify(value), 16_383, field);
}

/** What the forwarding adds for the decider (issue 13); absent from older messages, which leave these empty. */
function forwardedDetails(p: ForwardPayload): Pick<InboundRow, 'originPointName' | 'fromPointName' | 'forwardNote' | 'applicantType' | 'applicantIdNumber' | 'applicantCreditCode' | 'applicantPhone' | 'materials' | 'hops'> {
  const a = p.applicant && typeof p.applicant === 'object' ? p.applicant : null;
  return {
    originPointName: fitting(p.originPointName, 128, 'originPointName'),
    fromPointName: fitting(p.fromPointName, 128, 'fromPointName'),
    forwardNote: fitting(p.note, TEXT_LIMITS.note, 'note'),
    applicantType: a ? fitting(a.type, 16, 'applicant.type') : null,
    applicantIdNumber: a ? fitting(a.idNumber, 18, 'applicant.idNumber') : null,
    applicantCreditCode: a ? fitting(a.creditCode, 18, 'applicant.creditCode') : null,
    applicantPhone: a ? fitting(a.phone, 32, 'applicant.phone') : null,
    materials: fittingJson(p.materials, 'materials'),
    hops: fittingJson(p.hops, 'hops'),
  };
}

/** The deciding level's result reaches the origin, which records it and will deliver it (R18). */
async function receiveResult(tx: EntityManager, host: CasesHost, m: ReceivedMessage<ResultPayload>, now: Date) {
  const c = await originCase(tx, host, m.caseNo);
  const p = m.payload;
  const points = checkPoints(m);
  checkAway(c, m);
  if (m.from !== c.decidingLevel) misfit('HANDOVER_WRONG_SENDER', `${c.itemName}由${c.decidingLevel}级决定，${m.from} 级不能送来办理结果`, { decidingLevel: c.decidingLevel });
  await checkFromHolder(tx, m, c.pointCode, points, true);
  const { state, entry } = applyAction({ status: c.status as CaseStatus }, 'resultReceived', { outcome: p.outcome, reason: p.reason ?? undefined, rightsNotice: p.rightsNotice ?? undefined }, {
    at: now, by: p.by.username, pointCode: c.pointCode,
  });
  const calendar = await loadCalendar(tx, countyOfPoint(c.pointCode));
  const changes: Partial<CaseRow> = {
    status: state.status, decidedOn: p.decidedOn, outcome: entry.outcome ?? null, decisionReason: entry.reason ?? null,
    rightsNotice: entry.rightsNotice ?? null, timing: c.deadline ? completionTiming(calendar, p.decidedOn, c.deadline) : null,
    version: c.version + 1, updatedAt: now,
  };
  tx.assign(c, changes);
  recordEvent(tx, c, { action: 'resultReceived', fromStatus: entry.fromStatus, toStatus: entry.toStatus, at: now, byUsername: p.by.username, byName: p.by.name, pointCode: p.fromPointCode, reason: entry.reason ?? null });
  await tx.flush();
  return { status: state.status };
}

async function receiveReturn(tx: EntityManager, host: CasesHost, m: ReceivedMessage<ReturnPayload>, now: Date) {
  const p = m.payload;
  const points = checkPoints(m);
  if (levelOfCode(m.caseNo.split('-')[0]!) === host.names.level) {
    const c = await originCase(tx, host, m.caseNo);
    checkAway(c, m);
    await checkFromHolder(tx, m, c.pointCode, points, false);
    const { state, entry } = applyAction({ status: c.status as CaseStatus }, 'returnDown', { reason: p.reason }, { at: now, by: p.by.username, pointCode: c.pointCode });
    tx.assign(c, { status: state.status, hop: m.hop, version: c.version + 1, updatedAt: now });
    recordEvent(tx, c, { action: 'returnDown', fromStatus: entry.fromStatus, toStatus: entry.toStatus, at: now, byUsername: p.by.username, byName: p.by.name, pointCode: p.fromPointCode, reason: p.reason });
  } else {
    // Returned to an intermediate level, which may fix it and forward it again or return it further down.
    const inbound = await tx.findOne<InboundRow>('InboundCase', { caseNo: m.caseNo });
    if (!inbound || inbound.status !== 'FORWARDED') {
      misfit('HANDOVER_WRONG_STATE', `办件 ${m.caseNo} ${inbound ? `在本级${INBOUND_WORDS[inbound.status]}` : '不在本级'}，没有从这里继续上报，不接收退回`, { status: inbound?.status ?? null });
    }
    if (m.hop !== inbound.hop) misfit('HANDOVER_WRONG_HOP', `办件 ${m.caseNo} 在第 ${inbound.hop} 环节从本级上报，收到的退回却属于第 ${m.hop} 环节`, { hop: inbound.hop, got: m.hop });
    await checkFromHolder(tx, m, inbound.pointCode, points, false);
    tx.assign(inbound, { status: 'RECEIVED', hop: m.hop, reason: p.reason, version: inbound.version + 1, updatedAt: now });
  }
  await tx.flush();
  return { returned: m.caseNo };
}

/**
 * The upper level needs more from the applicant (R18): the origin records the request as its own one-time
 * notification (the SUPPLEMENT notice prints from it) and marks those materials as not yet received.
 */
async function receiveSupplement(tx: EntityManager, host: CasesHost, m: ReceivedMessage<SupplementPayload>, now: Date) {
  const c = await originCase(tx, host, m.caseNo);
  const p = m.payload;
  const points = checkPoints(m);
  checkAway(c, m);
  await checkFromHolder(tx, m, c.pointCode, points, true);
  const { state, entry } = applyAction({ status: c.status as CaseStatus }, 'requestSupplement', { missingMaterials: p.missingMaterials, note: p.note ?? undefined }, {
    at: now, by: p.by.username, pointCode: c.pointCode,
  });
  const names = new Set(entry.missingMaterials!.map((x) => x.name));
  const materials = await tx.find<CaseMaterialRow>('CaseMaterial', { caseId: c.id });
  for (const mat of materials) if (names.has(mat.name)) mat.received = false;
  tx.assign(c, { status: state.status, hop: m.hop, acceptedOn: null, deadline: null, version: c.version + 1, updatedAt: now });
  recordEvent(tx, c, {
    action: 'requestSupplement', fromStatus: entry.fromStatus, toStatus: entry.toStatus, at: now, byUsername: p.by.username, byName: p.by.name,
    pointCode: p.fromPointCode, note: entry.note ?? null, materials: encodeMaterials(entry.missingMaterials!),
  });
  await tx.flush();
  return { supplementRequested: m.caseNo };
}

async function originCase(tx: EntityManager, host: CasesHost, caseNo: string): Promise<CaseRow> {
  const c = await tx.findOne<CaseRow>('CaseFile', { caseNo });
  if (!c) misfit('HANDOVER_WRONG_TARGET', `本级没有受理过办件 ${caseNo} (no such case at this ${host.names.label})`);
  return c;
}

/**
 * The origin withdrew the case, or the level below that sent it here relays the withdrawal: the case stops
 * here (WITHDRAWN: no one may act on it), and where this level had forwarded it on, the withdrawal goes on
 * up to whoever holds it now. Too late once decided: the decision stands and the sender sees the refusal.
 */
async function receiveWithdraw(tx: EntityManager, host: CasesHost, m: ReceivedMessage<WithdrawPayload>, now: Date) {
  const p = m.payload;
  const points = checkPoints(m);
  const inbound = await tx.findOne<InboundRow>('InboundCase', { caseNo: m.caseNo });
  // Never taken here (its forwarding was given up before it arrived): nothing is live here to stop.
  if (!inbound) return { withdrawn: m.caseNo, held: false };
  if (points.to !== inbound.pointCode) misfit('HANDOVER_WRONG_TARGET', `办件 ${m.caseNo} 在 ${inbound.pointCode}，撤回却是发给 ${points.to} 的`);
  if (points.from !== inbound.fromPointCode) {
    misfit('HANDOVER_WRONG_SENDER', `办件 ${m.caseNo} 由 ${inbound.fromPointCode} 上报到本级，撤回只能由它转来，不能来自 ${points.from}`, { fromPointCode: inbound.fromPointCode });
  }
  if (m.hop > inbound.hop) misfit('HANDOVER_WRONG_HOP', `办件 ${m.caseNo} 在本级是第 ${inbound.hop} 环节，第 ${m.hop} 环节的撤回不属于它`, { hop: inbound.hop, got: m.hop });
  if (inbound.status === 'DECIDED') {
    misfit('HANDOVER_WRONG_STATE', `办件 ${m.caseNo} 已作出决定（${inbound.decidedOn}，${inbound.outcome === 'REFUSED' ? '不予许可' : '准予'}），撤回送达太晚，决定不变`, { status: inbound.status });
  }
  if (inbound.status === 'WITHDRAWN') misfit('HANDOVER_WRONG_STATE', `办件 ${m.caseNo} 在本级已撤回`, { status: inbound.status });
  if (inbound.status === 'FORWARDED') {
    const sent = await lastForwardFrom(tx, m.caseNo, inbound.pointCode);
    if (sent) {
      const by = p.by;
      const payload: WithdrawPayload = { fromPointCode: inbound.pointCode, toPointCode: sent.toCode, reason: p.reason ?? null, by, at: now.toISOString() };
      recordHop(tx, { caseNo: m.caseNo, hop: inbound.hop, action: 'withdraw', fromCode: inbound.pointCode, toCode: sent.toCode, at: now, byUsername: by.username, byName: by.name, note: p.reason ?? null });
      await enqueue(tx, { messageId: `${m.caseNo}#${inbound.hop}#WITHDRAW`, target: levelOfCode(sent.toCode), kind: 'WITHDRAW', caseNo: m.caseNo, hop: inbound.hop, payload }, now);
    }
  }
  tx.assign(inbound, { status: 'WITHDRAWN', reason: p.reason ?? inbound.reason, version: inbound.version + 1, updatedAt: now });
  await tx.flush();
  return { withdrawn: m.caseNo, held: true };
}

/** The origin withdraws a case that is away (inside actOnCase's transaction): the withdrawal goes where the case went. */
export async function enqueueWithdrawal(tx: EntityManager, c: CaseRow, sent: HopRow, staff: { username: string; name: string }, reason: string | null, now: Date) {
  const payload: WithdrawPayload = { fromPointCode: c.pointCode, toPointCode: sent.toCode, reason, by: staff, at: now.toISOString() };
  recordHop(tx, { caseNo: c.caseNo, hop: c.hop, action: 'withdraw', fromCode: c.pointCode, toCode: sent.toCode, at: now, byUsername: staff.username, byName: staff.name, note: reason });
  await enqueue(tx, { messageId: `${c.caseNo}#${c.hop}#WITHDRAW`, target: levelOfCode(sent.toCode), kind: 'WITHDRAW', caseNo: c.caseNo, hop: c.hop, payload }, now);
}

const LEVEL_WORDS: Record<string, string> = { COUNTY: '县政务服务中心', TOWNSHIP: '乡镇便民服务中心', VILLAGE: '村便民服务室' };

/**
 * The relay's onFailed: a receiver refused one of this level's messages for good. On a case taken in here
 * the refusal goes into its history (the forwarded cases of other levels show it on their `handover`).
 */
export async function recordRefusal(tx: EntityManager, _host: CasesHost, message: OutboxRow, error: string, now: Date): Promise<void> {
  const c = await tx.findOne<CaseRow>('CaseFile', { caseNo: message.caseNo }, { disableIdentityMap: true });
  if (!c) return;
  let to: unknown;
  try {
    to = (JSON.parse(message.payload) as { toPointCode?: unknown }).toPointCode;
  } catch {
    to = undefined;
  }
  recordEvent(tx, c, {
    action: 'handoverRefused', fromStatus: c.status, toStatus: c.status, at: now, byUsername: message.target, byName: LEVEL_WORDS[message.target] ?? message.target,
    pointCode: isCode(to) ? to : c.pointCode, reason: deliveryError(error)?.message ?? error, note: `${KIND_WORDS[message.kind as HandoverKind] ?? message.kind}（${message.messageId}）`,
  });
  await tx.flush();
}

function withdrawnError(inbound: InboundRow, action: string): DomainError {
  return new DomainError('CASE_WITHDRAWN', `办件 ${inbound.caseNo} 已撤回（受理点 ${inbound.originPointCode} 应申请人要求撤回），不能再办理 (withdrawn at its origin)`, undefined, { state: inbound.status, action });
}

export interface ForwardedActInput {
  caseNo: string;
  expectedVersion: number;
  action: 'accept' | 'decide' | 'returnDown' | 'forward' | 'requestSupplement';
  missingMaterials?: { name: string; problem?: string }[] | null;
  staff: string;
  outcome?: 'GRANTED' | 'REFUSED' | null;
  reason?: string | null;
  note?: string | null;
  toPointCode?: string | null;
}

/** What the receiving level does with a case forwarded to it (R18): accept, decide, return it, or forward it on. */
/** `authorize` refuses the actor, once the forwarded case is loaded, when it is not theirs to act on. */
export async function actOnForwarded(em: EntityManager, host: CasesHost, input: ForwardedActInput, now: Date, authorize?: (inbound: InboundRow) => unknown): Promise<InboundRow> {
  const inbound = await em.findOne<InboundRow>('InboundCase', { caseNo: input.caseNo }, { refresh: true });
  if (!inbound) throw new DomainError('NOT_FOUND', `办件 ${input.caseNo} 没有上报到本${LEVEL_SPECS[host.names.level].pointKind} / No case ${input.caseNo} was forwarded to this ${host.names.label}`);
  await authorize?.(inbound);
  const staff = await host.findStaff(em, input.staff);
  if (!staff || !staff.active || staff.pointCode !== inbound.pointCode) throw new ForbiddenError(`账号 ${input.staff} 不是本收件点在岗的工作人员：账号已停用或属于其他收件点 / ${input.staff} is not an active member of staff here: the account is deactivated or belongs elsewhere`);
  if (inbound.status === 'WITHDRAWN') throw withdrawnError(inbound, input.action);
  if (input.action === 'decide' && inbound.decidingLevel !== host.names.level) invalid('action', `事项“${inbound.itemName}”由${LEVEL_SPECS[inbound.decidingLevel as Level]?.word ?? inbound.decidingLevel}级决定，请上报到该级 / ${inbound.itemName} is decided at the ${inbound.decidingLevel.toLowerCase()} level; forward it there`);
  if (input.action === 'forward' && inbound.decidingLevel === host.names.level) invalid('action', `事项“${inbound.itemName}”由本级决定，请直接作出决定，不要上报 / ${inbound.itemName} is decided here; decide it instead of forwarding it`);
  // The transition, then the input, by the same rules as the origin's own actions (packages/domain).
  const { state, entry } = applyForwardedAction({ status: inbound.status }, input.action, {
    outcome: input.outcome ?? undefined, reason: input.reason ?? undefined, note: input.note ?? undefined,
    missingMaterials: input.missingMaterials ?? [], toPointCode: input.toPointCode ?? '', decidingLevel: inbound.decidingLevel as Level,
  } as never, { at: now, by: staff.username, pointCode: inbound.pointCode });
  if (inbound.version !== input.expectedVersion) throw new ConflictError(inbound.caseNo, input.expectedVersion, inbound);
  const by = { username: staff.username, name: staff.name };
  const today = chinaToday(now);
  const note = entry.note ?? null;
  const next = state.status;
  const changes: Partial<InboundRow> = {};
  const outbox: { kind: HandoverKind; target: string; hop: number; payload: unknown }[] = [];
  const hops: Omit<HopRow, 'id'>[] = [];

  if (input.action === 'decide') {
    const outcome = entry.outcome!;
    const reason = entry.reason ?? null;
    Object.assign(changes, { decidedOn: today, outcome, reason });
    const payload: ResultPayload = {
      fromPointCode: inbound.pointCode, toPointCode: inbound.originPointCode, outcome, reason,
      rightsNotice: entry.rightsNotice ?? null, decidedOn: today, by, at: now.toISOString(),
    };
    outbox.push({ kind: 'RESULT', target: levelOfCode(inbound.originPointCode), hop: inbound.hop, payload });
    hops.push({ caseNo: inbound.caseNo, hop: inbound.hop, action: 'decide', fromCode: inbound.pointCode, toCode: inbound.originPointCode, at: now, byUsername: by.username, byName: by.name, note: outcome === 'GRANTED' ? '准予' : `不予许可：${reason}` });
  }
  if (input.action === 'returnDown') {
    const reason = entry.reason!;
    changes.reason = reason;
    const payload: ReturnPayload = { fromPointCode: inbound.pointCode, toPointCode: inbound.fromPointCode, reason, by, at: now.toISOString() };
    outbox.push({ kind: 'RETURN', target: levelOfCode(inbound.fromPointCode), hop: inbound.hop, payload });
    hops.push({ caseNo: inbound.caseNo, hop: inbound.hop, action: 'returnDown', fromCode: inbound.pointCode, toCode: inbound.fromPointCode, at: now, byUsername: by.username, byName: by.name, note: reason });
  }
  if (input.action === 'requestSupplement') {
    // R9: one notification listing everything that is missing; the origin issues it to the applicant.
    const missing = entry.missingMaterials!;
    const payload: SupplementPayload = { fromPointCode: inbound.pointCode, toPointCode: inbound.originPointCode, missingMaterials: missing, note, by, at: now.toISOString() };
    outbox.push({ kind: 'SUPPLEMENT', target: levelOfCode(inbound.originPointCode), hop: inbound.hop, payload });
    hops.push({ caseNo: inbound.caseNo, hop: inbound.hop, action: 'requestSupplement', fromCode: inbound.pointCode, toCode: inbound.originPointCode, at: now, byUsername: by.username, byName: by.name, note: missing.map((x) => x.name).join('、') });
  }
  if (input.action === 'forward') {
    const to = entry.toPointCode!;
    const hop = inbound.hop + 1;
    changes.hop = hop;
    const sent = { caseNo: inbound.caseNo, hop, action: 'forward', fromCode: inbound.pointCode, toCode: to, at: now, byUsername: by.username, byName: by.name, note };
    const point = await host.findPoint(em, inbound.pointCode);
    // Passed on as it came, with this level's own hops added: the next level sees the whole trail.
    const payload: ForwardPayload = {
      originPointCode: inbound.originPointCode, fromPointCode: inbound.pointCode, toPointCode: to,
      item: itemTerms(inbound),
      applicantName: inbound.applicantName, acceptedOn: inbound.acceptedOn, deadline: inbound.deadline, by, at: now.toISOString(), note,
      ...(inbound.originPointName ? { originPointName: inbound.originPointName } : {}),
      fromPointName: point?.centreName ?? inbound.pointCode,
      ...(inbound.applicantType ? { applicant: { type: inbound.applicantType, idNumber: inbound.applicantIdNumber ?? null, creditCode: inbound.applicantCreditCode ?? null, phone: inbound.applicantPhone ?? '' } } : {}),
      ...(inbound.materials ? { materials: JSON.parse(inbound.materials) as ForwardedMaterial[] } : {}),
      hops: await hopTrail(em, inbound.caseNo, inbound.hops ? (JSON.parse(inbound.hops) as CarriedHop[]) : [], sent),
    };
    outbox.push({ kind: 'FORWARD', target: levelOfCode(to), hop, payload });
    hops.push(sent);
  }

  return em.transactional(async (tx) => {
    const affected = await tx.nativeUpdate<InboundRow>('InboundCase', { id: inbound.id, version: input.expectedVersion }, { ...changes, status: next, version: input.expectedVersion + 1, updatedAt: now });
    if (affected === 0) {
      // A withdrawal that arrived while this action was on its way says more than "changed by someone else".
      const fresh = await tx.findOneOrFail<InboundRow>('InboundCase', { id: inbound.id }, { refresh: true });
      throw fresh.status === 'WITHDRAWN' ? withdrawnError(fresh, input.action) : new ConflictError(inbound.caseNo, input.expectedVersion, fresh);
    }
    for (const h of hops) recordHop(tx as EntityManager, h);
    for (const o of outbox) {
      await enqueue(tx as EntityManager, { messageId: `${inbound.caseNo}#${o.hop}#${o.kind}`, target: o.target, kind: o.kind, caseNo: inbound.caseNo, hop: o.hop, payload: o.payload }, now);
    }
    await tx.flush();
    return tx.findOneOrFail<InboundRow>('InboundCase', { id: inbound.id }, { refresh: true });
  });
}

import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError } from '@scf/auth';
import {
  ancestorCodes, applyAction, chinaToday, completionTiming, countyOfPoint, DomainError, invalid, levelOfCode, optionalText, requireFits, reviewAndLitigationNotice, TEXT_LIMITS,
  type CaseStatus,
} from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';
import { enqueue, HandoverRefusal, type ReceivedMessage } from '@scf/handover';
import type { CaseMaterialRow, CaseRow, HopRow, InboundRow } from './entities.js';
import { encodeMaterials, recordEvent } from './events.js';
import { ConflictError } from './conflict.js';
import type { CasesHost } from './ports.js';

/**
 * Moving a case between levels (R17–R19). Every move is a state change at the sender plus an outbox
 * message in the same transaction; the receiver takes each message exactly once (the hand-over's inbox).
 * The origin stays the applicant's only contact: results and returns travel back to it.
 */
export type HandoverKind = 'FORWARD' | 'RESULT' | 'RETURN' | 'SUPPLEMENT';

const DEPTH = { VILLAGE: 0, TOWNSHIP: 1, COUNTY: 2 } as const;
type Level = keyof typeof DEPTH;

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
}

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

type ItemTerms = Pick<CaseRow, 'itemId' | 'itemName' | 'decidingLevel' | 'decidingUnit' | 'kind' | 'promisedLimitDays'>;

/** The item's terms travel with the case, so every level works to the limits it was accepted under. */
function itemTerms(r: ItemTerms): ForwardPayload['item'] {
  return { id: r.itemId, name: r.itemName, decidingLevel: r.decidingLevel, decidingUnit: r.decidingUnit, kind: r.kind, promisedLimitDays: r.promisedLimitDays };
}

export function recordHop(em: EntityManager, h: Omit<HopRow, 'id'>): void {
  em.create<HopRow>('CaseHop', h as HopRow);
}

/** Checks a forwarding target (R4, R17): a point above this one, no higher than the level that decides the item. */
export function checkForwardTarget(fromPointCode: string, toPointCode: unknown, decidingLevel: string): string {
  if (typeof toPointCode !== 'string' || !toPointCode.trim()) invalid('toPointCode', 'forwarding needs the code of the point to forward to');
  const to = (toPointCode as string).trim();
  const above = ancestorCodes(fromPointCode, 'pointCode');
  if (!above.includes(to)) invalid('toPointCode', `a case at ${fromPointCode} can only be forwarded up to ${above.join(' or ') || 'nothing'}; got ${to}`);
  const toLevel = levelOfCode(to) as Level;
  if (DEPTH[toLevel] > DEPTH[decidingLevel as Level]) {
    invalid('toPointCode', `the item is decided at the ${decidingLevel.toLowerCase()} level; forward to it, not above it`);
  }
  return to;
}

/** The origin forwards one of its own cases (called inside actOnCase's transaction). */
export async function enqueueForward(tx: EntityManager, c: CaseRow, toPointCode: string, staff: { username: string; name: string }, note: string | null, now: Date) {
  const hop = c.hop + 1;
  recordHop(tx, { caseNo: c.caseNo, hop, action: 'forward', fromCode: c.pointCode, toCode: toPointCode, at: now, byUsername: staff.username, byName: staff.name, note });
  const payload: ForwardPayload = {
    originPointCode: c.pointCode, fromPointCode: c.pointCode, toPointCode,
    item: itemTerms(c),
    applicantName: c.applicantName, acceptedOn: c.acceptedOn, deadline: c.deadline, by: staff, at: now.toISOString(), note,
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
    default:
      throw new HandoverRefusal(`unknown hand-over kind ${JSON.stringify(m.kind)}`, 'kind');
  }
}

async function receiveForward(tx: EntityManager, host: CasesHost, m: ReceivedMessage<ForwardPayload>, now: Date) {
  const p = m.payload;
  if (levelOfCode(p.toPointCode) !== host.names.level || !(await host.findPoint(tx, p.toPointCode))) {
    throw new HandoverRefusal(`no ${host.names.label} ${p.toPointCode} here to receive case ${m.caseNo}`, 'toPointCode');
  }
  const existing = await tx.findOne<InboundRow>('InboundCase', { caseNo: m.caseNo });
  const fields = {
    caseNo: m.caseNo, hop: m.hop, originPointCode: p.originPointCode, fromPointCode: p.fromPointCode, pointCode: p.toPointCode, status: 'RECEIVED' as const,
    itemId: p.item.id, itemName: p.item.name, decidingLevel: p.item.decidingLevel, decidingUnit: p.item.decidingUnit, kind: p.item.kind,
    promisedLimitDays: p.item.promisedLimitDays, applicantName: p.applicantName, acceptedOn: p.acceptedOn, deadline: p.deadline,
    receivedAt: now, decidedOn: null, outcome: null, reason: null, updatedAt: now,
  };
  if (existing) tx.assign(existing, { ...fields, version: existing.version + 1 });
  else tx.create<InboundRow>('InboundCase', { ...fields, version: 1 } as InboundRow);
  await tx.flush();
  return { received: m.caseNo };
}

/** The deciding level's result reaches the origin, which records it and will deliver it (R18). */
async function receiveResult(tx: EntityManager, host: CasesHost, m: ReceivedMessage<ResultPayload>, now: Date) {
  const c = await originCase(tx, host, m.caseNo);
  const p = m.payload;
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
  if (levelOfCode(m.caseNo.split('-')[0]!) === host.names.level) {
    const c = await originCase(tx, host, m.caseNo);
    const { state, entry } = applyAction({ status: c.status as CaseStatus }, 'returnDown', { reason: p.reason }, { at: now, by: p.by.username, pointCode: c.pointCode });
    tx.assign(c, { status: state.status, hop: m.hop, version: c.version + 1, updatedAt: now });
    recordEvent(tx, c, { action: 'returnDown', fromStatus: entry.fromStatus, toStatus: entry.toStatus, at: now, byUsername: p.by.username, byName: p.by.name, pointCode: p.fromPointCode, reason: p.reason });
  } else {
    // Returned to an intermediate level, which may fix it and forward it again or return it further down.
    const inbound = await tx.findOne<InboundRow>('InboundCase', { caseNo: m.caseNo });
    if (!inbound || inbound.status !== 'FORWARDED') throw new HandoverRefusal(`case ${m.caseNo} was not forwarded from here`);
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
  if (!c) throw new HandoverRefusal(`no case ${caseNo} was taken in at this ${host.names.label}`);
  return c;
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

const RECEIVER_MOVES: Record<ForwardedActInput['action'], InboundRow['status'][]> = {
  accept: ['RECEIVED'],
  decide: ['RECEIVED', 'ACCEPTED'],
  returnDown: ['RECEIVED', 'ACCEPTED'],
  forward: ['RECEIVED', 'ACCEPTED'],
  requestSupplement: ['RECEIVED', 'ACCEPTED'],
};

/** What the receiving level does with a case forwarded to it (R18): accept, decide, return it, or forward it on. */
/** `authorize` refuses the actor, once the forwarded case is loaded, when it is not theirs to act on. */
export async function actOnForwarded(em: EntityManager, host: CasesHost, input: ForwardedActInput, now: Date, authorize?: (inbound: InboundRow) => unknown): Promise<InboundRow> {
  const inbound = await em.findOne<InboundRow>('InboundCase', { caseNo: input.caseNo }, { refresh: true });
  if (!inbound) throw new DomainError('NOT_FOUND', `No case ${input.caseNo} was forwarded to this ${host.names.label}`);
  await authorize?.(inbound);
  const staff = await host.findStaff(em, input.staff);
  if (!staff || !staff.active || staff.pointCode !== inbound.pointCode) throw new ForbiddenError(`${input.staff} is not an active member of staff here: the account is deactivated or belongs elsewhere`);
  const allowedFrom = RECEIVER_MOVES[input.action];
  if (!allowedFrom) invalid('action', `unknown action ${JSON.stringify(input.action)}`);
  if (!allowedFrom.includes(inbound.status)) {
    const allowed = Object.entries(RECEIVER_MOVES).filter(([, from]) => from.includes(inbound.status)).map(([a]) => a);
    throw new DomainError('TRANSITION_NOT_ALLOWED', `Cannot ${input.action} a forwarded case that is ${inbound.status}; allowed now: ${allowed.join(', ') || 'none'}`, undefined, {
      state: inbound.status, action: input.action, allowed,
    });
  }
  if (inbound.version !== input.expectedVersion) throw new ConflictError(inbound.caseNo, input.expectedVersion, inbound);
  const by = { username: staff.username, name: staff.name };
  const today = chinaToday(now);
  const note = optionalText(input.note, 'note', TEXT_LIMITS.note);
  let next: InboundRow['status'] = inbound.status;
  const changes: Partial<InboundRow> = {};
  const outbox: { kind: HandoverKind; target: string; hop: number; payload: unknown }[] = [];
  const hops: Omit<HopRow, 'id'>[] = [];

  if (input.action === 'accept') next = 'ACCEPTED';
  if (input.action === 'decide') {
    if (inbound.decidingLevel !== host.names.level) invalid('action', `${inbound.itemName} is decided at the ${inbound.decidingLevel.toLowerCase()} level; forward it there`);
    const outcome = input.outcome;
    if (outcome !== 'GRANTED' && outcome !== 'REFUSED') invalid('outcome', 'must be GRANTED or REFUSED');
    const reason = optionalText(input.reason, 'reason', TEXT_LIMITS.reason);
    if (outcome === 'REFUSED' && !reason) invalid('reason', 'a refusal must state its reason');
    next = 'DECIDED';
    Object.assign(changes, { decidedOn: today, outcome, reason });
    const payload: ResultPayload = {
      fromPointCode: inbound.pointCode, toPointCode: inbound.originPointCode, outcome: outcome!, reason,
      rightsNotice: outcome === 'REFUSED' ? reviewAndLitigationNotice() : null, decidedOn: today, by, at: now.toISOString(),
    };
    outbox.push({ kind: 'RESULT', target: levelOfCode(inbound.originPointCode), hop: inbound.hop, payload });
    hops.push({ caseNo: inbound.caseNo, hop: inbound.hop, action: 'decide', fromCode: inbound.pointCode, toCode: inbound.originPointCode, at: now, byUsername: by.username, byName: by.name, note: outcome === 'GRANTED' ? '准予' : `不予许可：${reason}` });
  }
  if (input.action === 'returnDown') {
    const reason = optionalText(input.reason, 'reason', TEXT_LIMITS.reason);
    if (!reason) invalid('reason', 'returning a case requires a reason');
    next = 'RETURNED';
    changes.reason = reason!;
    const payload: ReturnPayload = { fromPointCode: inbound.pointCode, toPointCode: inbound.fromPointCode, reason: reason!, by, at: now.toISOString() };
    outbox.push({ kind: 'RETURN', target: levelOfCode(inbound.fromPointCode), hop: inbound.hop, payload });
    hops.push({ caseNo: inbound.caseNo, hop: inbound.hop, action: 'returnDown', fromCode: inbound.pointCode, toCode: inbound.fromPointCode, at: now, byUsername: by.username, byName: by.name, note: reason! });
  }
  if (input.action === 'requestSupplement') {
    const missing = (input.missingMaterials ?? []).filter((x) => x && typeof x.name === 'string' && x.name.trim());
    // R9: one notification listing everything that is missing.
    if (missing.length === 0) invalid('missingMaterials', 'a supplement request must list at least one missing material');
    // The origin checks the list again when it arrives; what it would refuse is refused here, before it travels.
    if (missing.length > TEXT_LIMITS.missingMaterials) invalid('missingMaterials', `最多列 ${TEXT_LIMITS.missingMaterials} 项 / at most ${TEXT_LIMITS.missingMaterials} materials`, { maxItems: TEXT_LIMITS.missingMaterials });
    missing.forEach((x, i) => {
      requireFits(x.name.trim(), `missingMaterials[${i}].name`, TEXT_LIMITS.materialName);
      if (typeof x.problem === 'string') requireFits(x.problem.trim(), `missingMaterials[${i}].problem`, TEXT_LIMITS.materialProblem);
    });
    next = 'SUPPLEMENT_REQUESTED';
    const payload: SupplementPayload = { fromPointCode: inbound.pointCode, toPointCode: inbound.originPointCode, missingMaterials: missing, note, by, at: now.toISOString() };
    outbox.push({ kind: 'SUPPLEMENT', target: levelOfCode(inbound.originPointCode), hop: inbound.hop, payload });
    hops.push({ caseNo: inbound.caseNo, hop: inbound.hop, action: 'requestSupplement', fromCode: inbound.pointCode, toCode: inbound.originPointCode, at: now, byUsername: by.username, byName: by.name, note: missing.map((x) => x.name).join('、') });
  }
  if (input.action === 'forward') {
    if (inbound.decidingLevel === host.names.level) invalid('action', `${inbound.itemName} is decided here; decide it instead of forwarding it`);
    const to = checkForwardTarget(inbound.pointCode, input.toPointCode, inbound.decidingLevel);
    next = 'FORWARDED';
    const hop = inbound.hop + 1;
    changes.hop = hop;
    const payload: ForwardPayload = {
      originPointCode: inbound.originPointCode, fromPointCode: inbound.pointCode, toPointCode: to,
      item: itemTerms(inbound),
      applicantName: inbound.applicantName, acceptedOn: inbound.acceptedOn, deadline: inbound.deadline, by, at: now.toISOString(), note,
    };
    outbox.push({ kind: 'FORWARD', target: levelOfCode(to), hop, payload });
    hops.push({ caseNo: inbound.caseNo, hop, action: 'forward', fromCode: inbound.pointCode, toCode: to, at: now, byUsername: by.username, byName: by.name, note });
  }

  return em.transactional(async (tx) => {
    const affected = await tx.nativeUpdate<InboundRow>('InboundCase', { id: inbound.id, version: input.expectedVersion }, { ...changes, status: next, version: input.expectedVersion + 1, updatedAt: now });
    if (affected === 0) {
      throw new ConflictError(inbound.caseNo, input.expectedVersion, await tx.findOneOrFail<InboundRow>('InboundCase', { id: inbound.id }, { refresh: true }));
    }
    for (const h of hops) recordHop(tx as EntityManager, h);
    for (const o of outbox) {
      await enqueue(tx as EntityManager, { messageId: `${inbound.caseNo}#${o.hop}#${o.kind}`, target: o.target, kind: o.kind, caseNo: inbound.caseNo, hop: o.hop, payload: o.payload }, now);
    }
    await tx.flush();
    return tx.findOneOrFail<InboundRow>('InboundCase', { id: inbound.id }, { refresh: true });
  });
}

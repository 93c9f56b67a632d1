import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError } from '@scf/auth';
import {
  allowedActions, applyAction, chinaToday, compareDates, countyOfPoint, completionTiming, supplementNoticeDeadline, DomainError, invalid, LEVEL_SPECS, parseCaseNo, promisedDeadline, suspensionWorkingDays,
  type ActionInputs, type CaseAction, type CaseStatus, type MissingMaterial, type WorkingCalendar,
} from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';
import { assertFitsColumns } from '@scf/kit';
import type { CaseEventRow, CaseMaterialRow, CaseRow, HopRow, SupervisionRow } from './entities.js';
import { decodeMaterials, encodeMaterials, recordEvent } from './events.js';
import type { CasesHost } from './ports.js';
import { enqueueForward, enqueueWithdrawal, lastForwardFrom } from './delegation.js';
import { ConflictError } from './conflict.js';

export interface ActInput {
  caseNo: string;
  expectedVersion: number;
  action: CaseAction;
  staff: string;
  note?: string | null;
  reason?: string | null;
  missingMaterials?: MissingMaterial[] | null;
  materialsSupplied?: number[] | null;
  outcome?: 'GRANTED' | 'REFUSED' | null;
  deliveryMethod?: 'PICKUP' | 'MAIL' | 'ELECTRONIC' | null;
  suspensionReason?: string | null;
  evaluation?: string | null;
  toPointCode?: string | null;
}

/** Results and returns arrive from other levels through the hand-over; a window cannot fake them. */
const WINDOW_ACTIONS = new Set<CaseAction>([
  'requestSupplement', 'supplySupplement', 'accept', 'notAccept', 'suspend', 'resume', 'forward', 'decide', 'deliver', 'evaluate', 'close', 'withdraw',
]);

/**
 * What a window can do with the case now, as the server would allow it: the lifecycle's actions for the
 * status, less what the case's own facts rule out — 受理 while required materials are missing and the
 * one-time notification is still open (then 补正 is the step), 补正 once that window has closed, 上报 of
 * an item decided here and 决定 of one decided above. A case away at another level can only be withdrawn.
 * The window app offers exactly these, so it never shows a button the server would refuse.
 */
export function windowActions(
  c: Pick<CaseRow, 'status' | 'registeredOn' | 'decidingLevel'>,
  level: string,
  materials: readonly { received: boolean }[],
  calendar: WorkingCalendar,
  today: string,
): CaseAction[] {
  const status = c.status as CaseStatus;
  if (status === 'FORWARDED') return allowedActions(status).filter((a) => a === 'withdraw');
  const notificationOpen = compareDates(today, supplementNoticeDeadline(calendar, c.registeredOn)) <= 0;
  const lacking = materials.some((m) => !m.received);
  return allowedActions(status).filter((a) => {
    if (!WINDOW_ACTIONS.has(a)) return false;
    if (a === 'accept') return !(lacking && notificationOpen);
    if (a === 'requestSupplement') return notificationOpen;
    if (a === 'forward') return c.decidingLevel !== level;
    if (a === 'decide') return c.decidingLevel === level;
    return true;
  });
}


export async function findCase(em: EntityManager, host: CasesHost, caseNo: string): Promise<CaseRow> {
  const parts = parseCaseNo(caseNo);
  if (parts.level !== host.names.level) invalid('caseNo', `办件 ${caseNo} 是在${LEVEL_SPECS[parts.level].word}级收件点登记的，不在本${LEVEL_SPECS[host.names.level].pointKind} / ${caseNo} was taken in at a ${parts.level.toLowerCase()} point, not at a ${host.names.label}`);
  const row = await em.findOne<CaseRow>('CaseFile', { caseNo }, { refresh: true });
  if (!row) throw new DomainError('NOT_FOUND', `本${LEVEL_SPECS[host.names.level].pointKind}没有编号为 ${caseNo} 的办件 / No case ${caseNo} at this ${host.names.label}`);
  return row;
}

/**
 * One step of the lifecycle: the shared state machine decides whether it is allowed and what it needs;
 * this writes the new state and its history row in one transaction, guarded by the version the clerk saw.
 */
export async function actOnCase(
  em: EntityManager,
  host: CasesHost,
  input: ActInput,
  now: Date,
  hooks: {
    /** Refuses the actor, once the case is loaded, when it is not theirs to act on (scope rules). */
    authorize?: (current: CaseRow) => unknown;
    afterCommit?: () => void;
  } = {},
): Promise<CaseRow> {
  if (!WINDOW_ACTIONS.has(input.action)) invalid('action', `窗口不能办理“${input.action}”这项操作 / ${input.action} is not a window action`);
  if (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 1) invalid('expectedVersion', '须为读取办件时得到的版本号（正整数），请重新载入办件后再操作 / must be the positive version number read with the case');
  const current = await findCase(em, host, input.caseNo);
  await hooks.authorize?.(current);
  const staff = await host.findStaff(em, input.staff);
  if (!staff || !staff.active || staff.pointCode !== current.pointCode) throw new ForbiddenError(`账号 ${input.staff} 不是本收件点在岗的工作人员：账号已停用或属于其他收件点 / ${input.staff} is not an active member of staff here: the account is deactivated or belongs elsewhere`);
  if (current.version !== input.expectedVersion) throw new ConflictError(current.caseNo, input.expectedVersion, current);
  if (current.status === 'FORWARDED' && input.action !== 'withdraw') {
    invalid('action', `办件 ${current.caseNo} 已上报到上级办理，要等上级办结、退回或要求补正后才回到本级；本级现在只能办理撤回 / case ${current.caseNo} is away at another level; it comes back with a result, a return or a supplement request (only withdraw is possible here now)`);
  }

  const today = chinaToday(now);
  const materials = await em.find<CaseMaterialRow>('CaseMaterial', { caseId: current.id }, { orderBy: { position: 'asc' } });
  const changes: Partial<CaseRow> = {};
  const supplied = new Set<number>();
  let missing: MissingMaterial[] | undefined;
  // The county's own calendar: another county's holidays never move this case's deadlines.
  const calendar = await loadCalendar(em, countyOfPoint(current.pointCode));
  let forwardTo: string | undefined;
  let withdrawFrom: HopRow | null = null;

  switch (input.action) {
    case 'requestSupplement': {
      // R9 and 行政许可法 §32: a notification later than 5 working days after receipt is too late; the
      // application then counts as accepted from the day it was received.
      const lastDay = supplementNoticeDeadline(calendar, current.registeredOn);
      if (compareDates(today, lastDay) > 0) {
        invalid('action', `办件 ${current.caseNo} 的一次性告知应在 ${lastDay} 前作出，已经逾期；依规定自 ${current.registeredOn} 起视为受理，请直接受理 / the one-time notification for ${current.caseNo} was due by ${lastDay}; the application now counts as accepted from ${current.registeredOn} — accept it`);
      }
      // R9: one notification listing everything; by default every material not yet received.
      missing = input.missingMaterials?.length
        ? input.missingMaterials
        : materials.filter((m) => !m.received).map((m) => ({ name: m.name }));
      break;
    }
    case 'supplySupplement':
      for (const p of input.materialsSupplied ?? []) {
        if (!materials.some((m) => m.position === p)) invalid('materialsSupplied', `办件 ${current.caseNo} 没有第 ${p} 项材料 / case ${current.caseNo} has no material number ${p}`);
        supplied.add(p);
      }
      break;
    case 'accept': {
      const lacking = materials.filter((m) => !m.received);
      const notificationOpen = compareDates(today, supplementNoticeDeadline(calendar, current.registeredOn)) <= 0;
      if (lacking.length && notificationOpen) {
        invalid('action', `不能受理办件 ${current.caseNo}：还有 ${lacking.length} 项必交材料未收到（${lacking.map((m) => m.name).join('、')}），请先一次性告知补正 / cannot accept case ${current.caseNo}: ${lacking.length} required material(s) not received (${lacking.map((m) => m.name).join('、')}); request a supplement instead`);
      }
      changes.acceptedOn = today;
      changes.deadline = promisedDeadline(calendar, today, current.promisedLimitDays);
      break;
    }
    case 'notAccept':
      changes.notAcceptedReason = input.reason ?? null;
      break;
    case 'suspend':
      changes.suspendedOn = today;
      break;
    case 'resume': {
      const used = suspensionWorkingDays(calendar, current.suspendedOn ?? today, today);
      changes.suspendedDays = current.suspendedDays + used;
      changes.suspendedOn = null;
      changes.deadline = promisedDeadline(calendar, current.acceptedOn!, current.promisedLimitDays, changes.suspendedDays);
      break;
    }
    case 'forward':
      if (current.decidingLevel === host.names.level) invalid('action', `事项“${current.itemName}”由本${LEVEL_SPECS[host.names.level].pointKind}决定，请直接作出决定，不要上报 / ${current.itemName} is decided at this ${host.names.label}; decide it instead of forwarding it`);
      changes.hop = current.hop + 1;
      break;
    case 'withdraw':
      // Withdrawn while away: the level holding it must stop too (R12), so the withdrawal follows the case.
      if (current.status === 'FORWARDED') withdrawFrom = await lastForwardFrom(em, current.caseNo, current.pointCode);
      break;
    case 'decide':
      if (current.decidingLevel !== host.names.level) {
        invalid('action', `事项“${current.itemName}”由${LEVEL_SPECS[current.decidingLevel as keyof typeof LEVEL_SPECS]?.word ?? current.decidingLevel}级决定，不由本${LEVEL_SPECS[host.names.level].pointKind}决定，请上报办件 / ${current.itemName} is decided at the ${current.decidingLevel.toLowerCase()} level, not at this ${host.names.label}; forward the case instead`);
      }
      break;
    default:
      break;
  }

  const actionInput: Record<string, unknown> = {
    note: input.note ?? undefined,
    reason: input.action === 'suspend' ? input.suspensionReason : input.reason ?? undefined,
    missingMaterials: missing,
    outcome: input.outcome ?? undefined,
    method: input.deliveryMethod ?? undefined,
    level: input.evaluation ?? undefined,
    toPointCode: input.toPointCode ?? undefined,
    // R4: up to the level that decides the item, never past it (checked in the domain, as above).
    decidingLevel: current.decidingLevel,
  };
  const { state, entry } = applyAction(
    { status: current.status as CaseStatus },
    input.action,
    actionInput as unknown as ActionInputs[CaseAction],
    { at: now, by: staff.username, pointCode: current.pointCode },
  );
  if (input.action === 'forward') forwardTo = entry.toPointCode;

  if (input.action === 'decide') {
    changes.decidedOn = today;
    changes.outcome = entry.outcome ?? null;
    changes.decisionReason = entry.reason ?? null;
    changes.rightsNotice = entry.rightsNotice ?? null;
    changes.timing = current.deadline ? completionTiming(calendar, today, current.deadline) : null;
  }
  if (input.action === 'deliver') {
    changes.deliveredOn = today;
    changes.deliveryMethod = entry.deliveryMethod ?? null;
  }
  if (input.action === 'evaluate') changes.evaluation = entry.evaluation ?? null;
  // The case row is written with nativeUpdate, which the flush guard does not see.
  assertFitsColumns(em, 'CaseFile', changes as Record<string, unknown>);

  const result = await em.transactional(async (tx) => {
    const affected = await tx.nativeUpdate<CaseRow>(
      'CaseFile',
      { id: current.id, version: input.expectedVersion },
      { ...changes, status: state.status, version: input.expectedVersion + 1, updatedAt: now },
    );
    if (affected === 0) {
      // Someone committed between our read and our write.
      const fresh = await tx.findOneOrFail<CaseRow>('CaseFile', { id: current.id }, { refresh: true });
      throw new ConflictError(current.caseNo, input.expectedVersion, fresh);
    }
    for (const p of supplied) await tx.nativeUpdate<CaseMaterialRow>('CaseMaterial', { caseId: current.id, position: p }, { received: true });
    if (input.action === 'requestSupplement' && missing) await recordRepeatedSupplement(tx as EntityManager, current, missing, today);
    recordEvent(tx as EntityManager, current, {
      action: input.action, fromStatus: entry.fromStatus, toStatus: entry.toStatus, at: now,
      byUsername: staff.username, byName: staff.name, pointCode: current.pointCode,
      reason: entry.reason ?? null, note: entry.note ?? null,
      materials: entry.missingMaterials ? encodeMaterials(entry.missingMaterials) : null,
    });
    if (forwardTo) await enqueueForward(tx as EntityManager, host, current, forwardTo, { username: staff.username, name: staff.name }, entry.note ?? null, now);
    if (withdrawFrom) await enqueueWithdrawal(tx as EntityManager, current, withdrawFrom, { username: staff.username, name: staff.name }, entry.reason ?? null, now);
    await tx.flush();
    return tx.findOneOrFail<CaseRow>('CaseFile', { id: current.id }, { refresh: true });
  });
  hooks.afterCommit?.();
  return result;
}

/**
 * R9: a second supplement request that names a material the first one could have listed is a recorded
 * violation of the one-time notification rule (it costs the window points, R33).
 */
async function recordRepeatedSupplement(em: EntityManager, c: CaseRow, missing: MissingMaterial[], today: string) {
  const earlier = await em.find<CaseEventRow>('CaseEvent', { caseId: c.id, action: 'requestSupplement' }, { orderBy: { id: 'asc' } });
  if (earlier.length === 0) return;
  const first = new Set(decodeMaterials(earlier[0]!.materials).map((m) => m.name));
  const late = missing.filter((m) => !first.has(m.name));
  if (late.length === 0) return;
  const exists = await em.count('SupervisionRecord', { caseId: c.id, kind: 'REPEATED_SUPPLEMENT' });
  if (exists) return;
  em.create<SupervisionRow>('SupervisionRecord', {
    caseId: c.id, caseNo: c.caseNo, pointCode: c.pointCode, unit: c.decidingUnit, kind: 'REPEATED_SUPPLEMENT', points: 5,
    raisedOn: today, detail: `一次性告知未列明: ${late.map((m) => m.name).join('、')}`, resolvedOn: null,
  } as SupervisionRow);
}

import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ForbiddenError } from '@scf/auth';
import {
  chinaToday, countyOfPoint, formatCaseNo, invalid, isBlank, MAX_CASE_SEQ, optionalText, requireFits, toCompactDate, validateCreditCode, validateDivisionCode,
  validatePhone, validateResidentId, DomainError, LEVEL_SPECS,
} from '@scf/domain';
import { itemForIntake } from '@scf/catalogue';
import type { CaseMaterialRow, CaseRow } from './entities.js';
import type { CasesHost } from './ports.js';
import { recordEvent } from './events.js';

export interface RegisterInput {
  pointCode: string;
  itemId: string;
  staff: string;
  applicant: { type: 'PERSON' | 'ORGANISATION'; name: string; idNumber?: string | null; creditCode?: string | null; phone: string };
  agent?: { name: string; idNumber: string; phone: string; entrustmentRef: string } | null;
  materialsReceived?: number[];
  channel?: string;
  idempotencyKey?: string | null;
}

function name(value: unknown, field: string): string {
  if (typeof value !== 'string' || isBlank(value)) return invalid(field, '此项必填，不能为空 / is required and must not be blank');
  const v = value.trim();
  requireFits(v, field, 64);
  // Control characters and markup have no place in a name printed on an official notice.
  if (/[\u0000-\u001f<>]/.test(v)) return invalid(field, '不能含控制字符或尖括号 < > / must not contain control characters or < >');
  return v;
}

/**
 * Takes a case in (R5–R8): validates everything first, then writes the case, its materials checklist and
 * its first history row in one transaction, numbered from the point's daily sequence.
 */
export async function registerCase(em: EntityManager, host: CasesHost, input: RegisterInput, now: Date): Promise<CaseRow> {
  const pointCode = validateDivisionCode(input.pointCode, host.names.level, 'pointCode');
  const applicant = {
    type: input.applicant.type,
    name: name(input.applicant.name, 'applicant.name'),
    idNumber: null as string | null,
    creditCode: null as string | null,
    phone: validatePhone(input.applicant.phone, 'applicant.phone'),
  };
  if (applicant.type === 'PERSON') {
    if (!input.applicant.idNumber) invalid('applicant.idNumber', '个人申请须填写 18 位身份证号 / a person applies with an 18-digit resident ID');
    applicant.idNumber = validateResidentId(input.applicant.idNumber, 'applicant.idNumber', chinaToday(now));
  } else {
    if (!input.applicant.creditCode) invalid('applicant.creditCode', '单位申请须填写 18 位统一社会信用代码 / an organisation applies with its 18-character unified social credit code');
    applicant.creditCode = validateCreditCode(input.applicant.creditCode, 'applicant.creditCode');
  }
  const agent = input.agent
    ? {
        name: name(input.agent.name, 'agent.name'),
        idNumber: validateResidentId(input.agent.idNumber, 'agent.idNumber', chinaToday(now)),
        phone: validatePhone(input.agent.phone, 'agent.phone'),
        entrustmentRef: optionalText(input.agent.entrustmentRef, 'agent.entrustmentRef', 128) ?? invalid('agent.entrustmentRef', '代理人代办须提供委托书 / an agent needs an entrustment letter (委托书)'),
      }
    : null;
  const idempotencyKey = optionalText(input.idempotencyKey, 'idempotencyKey', 64);

  const point = await host.findPoint(em, pointCode);
  if (!point) invalid('pointCode', `本地没有代码为 ${pointCode} 的${LEVEL_SPECS[host.names.level].pointKind} / no ${host.names.label} with code ${pointCode} here`);
  const staff = await host.findStaff(em, input.staff);
  if (!staff || !staff.active || staff.pointCode !== pointCode) throw new ForbiddenError(`账号 ${input.staff} 不是本收件点在岗的工作人员：账号已停用或属于其他收件点 / ${input.staff} is not an active member of staff here: the account is deactivated or belongs elsewhere`);

  // A repeated key is the same registration sent again (a lost answer, a second press, two tabs): the answer
  // is the case it made. The same key for another applicant or item is a mistake, never someone else's case.
  const registration = { itemId: input.itemId, applicant, agent };
  if (idempotencyKey) {
    const existing = await em.findOne<CaseRow>('CaseFile', { pointCode, idempotencyKey });
    if (existing) return sameRegistration(existing, registration);
  }

  const { item, materials } = await itemForIntake(em, input.itemId, host.names.level);
  // A replica holds the catalogue of every county it has points of; a point takes in its own county's items only.
  if (item.countyCode !== countyOfPoint(pointCode)) {
    throw new DomainError(
      'ITEM_OF_ANOTHER_COUNTY',
      `事项 ${item.id}（${item.name}）属于 ${item.countyCode} 的事项目录，${pointCode} 只受理本县事项 / service item ${item.id} is in county ${item.countyCode}'s catalogue; ${pointCode} takes in its own county's items only`,
      'itemId',
      { itemId: String(item.id), itemCountyCode: item.countyCode, pointCountyCode: countyOfPoint(pointCode) },
    );
  }
  const received = new Set(input.materialsReceived ?? []);
  for (const p of received) {
    if (!materials.some((m) => m.position === p)) invalid('materialsReceived', `事项“${item.name}”没有第 ${p} 项材料（材料编号为 1 至 ${materials.length}） / item ${item.name} has no material number ${p} (it has 1–${materials.length})`);
  }

  const today = chinaToday(now);
  const write = () => em.transactional(async (tx) => {
    const seq = await nextSequence(tx as EntityManager, pointCode, today);
    const row = tx.create<CaseRow>('CaseFile', {
      caseNo: formatCaseNo(pointCode, today, seq),
      pointCode,
      level: host.names.level,
      itemId: item.id,
      itemCode: item.code,
      itemName: item.name,
      decidingLevel: item.decidingLevel,
      decidingUnit: item.decidingUnit,
      kind: item.kind,
      legalLimitDays: item.legalLimitDays,
      promisedLimitDays: item.promisedLimitDays,
      applicantType: applicant.type,
      applicantName: applicant.name,
      applicantIdNumber: applicant.idNumber,
      applicantCreditCode: applicant.creditCode,
      applicantPhone: applicant.phone,
      agentName: agent?.name ?? null,
      agentIdNumber: agent?.idNumber ?? null,
      agentPhone: agent?.phone ?? null,
      entrustmentRef: agent?.entrustmentRef ?? null,
      channel: input.channel ?? 'WINDOW',
      idempotencyKey,
      status: 'REGISTERED',
      responsibleUsername: staff!.username,
      responsibleName: staff!.name,
      registeredAt: now,
      registeredOn: today,
      acceptedOn: null, deadline: null, suspendedOn: null, suspendedDays: 0, decidedOn: null, outcome: null,
      decisionReason: null, rightsNotice: null, timing: null, deliveredOn: null, deliveryMethod: null,
      evaluation: null, notAcceptedReason: null, hop: 0,
      version: 1,
      updatedAt: now,
    } as CaseRow);
    await tx.flush();
    for (const m of materials) {
      tx.create<CaseMaterialRow>('CaseMaterial', {
        caseId: row.id, position: m.position, name: m.name, form: m.form, copies: m.copies, received: received.has(m.position),
      } as CaseMaterialRow);
    }
    recordEvent(tx as EntityManager, row, { action: 'register', fromStatus: null, toStatus: 'REGISTERED', at: now, byUsername: staff!.username, byName: staff!.name, pointCode });
    await tx.flush();
    return row;
  });
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      // Concurrent copies of one registration all passed the look-up above; the unique key on
      // (point, idempotency key) let one of them in, and the others answer with its case.
      if (idempotencyKey && e instanceof UniqueConstraintViolationException) {
        const made = await em.fork().findOne<CaseRow>('CaseFile', { pointCode, idempotencyKey });
        if (made) return sameRegistration(made, registration);
      }
      // MySQL may pick one of several registrations queueing for the day's first number as a deadlock
      // victim and roll it back whole: it simply goes again.
      if (!lostRace(e) || attempt >= 8) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

interface Registration {
  itemId: string;
  applicant: { type: string; name: string; idNumber: string | null; creditCode: string | null; phone: string };
  agent: { name: string; idNumber: string; phone: string; entrustmentRef: string } | null;
}

/** The case a key already made, when this is the same registration again; CONFLICT when it is another. */
function sameRegistration(existing: CaseRow, r: Registration): CaseRow {
  const same =
    String(existing.itemId) === String(r.itemId).trim() &&
    existing.applicantType === r.applicant.type &&
    existing.applicantName === r.applicant.name &&
    existing.applicantIdNumber === r.applicant.idNumber &&
    existing.applicantCreditCode === r.applicant.creditCode &&
    existing.applicantPhone === r.applicant.phone &&
    (existing.agentName ?? null) === (r.agent?.name ?? null) &&
    (existing.agentIdNumber ?? null) === (r.agent?.idNumber ?? null) &&
    (existing.agentPhone ?? null) === (r.agent?.phone ?? null) &&
    (existing.entrustmentRef ?? null) === (r.agent?.entrustmentRef ?? null);
  if (same) return existing;
  // Neither the other case's number nor its applicant is told: the key is all the two have in common.
  throw new DomainError(
    'CONFLICT',
    '此幂等键已用于本点另一件登记（申请人、代理人或事项不同），未作登记；新的登记请重新打开登记表 / this idempotency key was already used here for a different registration (another applicant, agent or item); nothing was registered — a new registration needs a new key',
    'idempotencyKey',
  );
}

// A raw statement (conn.execute) fails with the driver's own error, not MikroORM's exception classes:
// recognise both, by class and by the driver's code.
const codeOf = (e: unknown) => (e as { code?: unknown; errno?: unknown } | null)?.code;
const isDuplicate = (e: unknown) => e instanceof UniqueConstraintViolationException || codeOf(e) === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/.test(String((e as Error)?.message));
/** A registration rolled back by a concurrent one (a deadlock victim, a lock wait, the day's first number taken): it goes again. */
function lostRace(e: unknown): boolean {
  return e instanceof DeadlockException || e instanceof LockWaitTimeoutException || isDuplicate(e) || codeOf(e) === 'ER_LOCK_DEADLOCK' || codeOf(e) === 'ER_LOCK_WAIT_TIMEOUT';
}

/** The point's next number for the day. The row lock on UPDATE makes concurrent registrations queue. */
async function nextSequence(em: EntityManager, pointCode: string, today: string): Promise<number> {
  const day = toCompactDate(today);
  const conn = em.getConnection();
  const ctx = em.getTransactionContext();
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await conn.execute<{ affectedRows?: number; changes?: number }>(
      'update case_sequence set last_seq = last_seq + 1 where point_code = ? and day = ?', [pointCode, day], 'run', ctx,
    );
    if ((res.affectedRows ?? res.changes ?? 0) === 0) {
      try {
        await conn.execute('insert into case_sequence (point_code, day, last_seq) values (?, ?, 1)', [pointCode, day], 'run', ctx);
        return 1;
      } catch (e) {
        // Another registration created the day's row first; take the next number from it. Anything else
        // (a deadlock rolls the whole transaction back) goes up to registerCase, which starts again.
        if (isDuplicate(e)) continue;
        throw e;
      }
    }
    const [row] = await conn.execute<{ last_seq: number }[]>('select last_seq from case_sequence where point_code = ? and day = ?', [pointCode, day], 'all', ctx);
    const seq = Number(row!.last_seq);
    if (seq > MAX_CASE_SEQ) throw new DomainError('DAILY_LIMIT', `收件点 ${pointCode} 今天已登记 ${MAX_CASE_SEQ} 件，办件编号已用完，请明天再登记 / ${pointCode} has registered ${MAX_CASE_SEQ} cases today; no more numbers are left`);
    return seq;
  }
  throw new DomainError('CONFLICT', '未能分配办件编号，请再提交一次 / could not allocate a case number; try again');
}

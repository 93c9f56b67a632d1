import { DeadlockException, LockWaitTimeoutException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import {
  chinaToday, DomainError, fromCompactDate, invalid, levelOfCode, parseCaseNo, toCompactDate, validatePhone,
  type DateString, type WorkingCalendar,
} from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';
import { pointOfUsername } from '@scf/auth';
import { County } from '../counties/county.entity.js';
import { CountyStaff, WindowUnit } from '../staff/staff.entity.js';
import {
  COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, Complaint, ComplaintEvent,
  type ComplaintCategory, type ComplaintChannel, type ComplaintStep, type ReplyForm,
} from './complaint.entity.js';

// ---------------------------------------------------------------------------------------------------------
// Numbers, deadlines, points
// ---------------------------------------------------------------------------------------------------------

export const MAX_COMPLAINT_SEQ = 9999;
const NUMBER = /^TS-(\d{6})-(\d{8})-(\d{4})$/;
const NUMBER_EXAMPLE = 'TS-140925-20261123-0001';

/** `TS-<county code>-<YYYYMMDD>-<daily sequence, 4 digits>`: readable over the phone, unique per county per day. */
export function formatComplaintNumber(countyCode: string, day: DateString, seq: number): string {
  return `TS-${countyCode}-${toCompactDate(day)}-${String(seq).padStart(4, '0')}`;
}

export function parseComplaintNumber(value: unknown, field = 'number'): { countyCode: string; day: DateString; seq: number; number: string } {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  const m = NUMBER.exec(text);
  if (!m || Number(m[3]) < 1) return invalid(field, `投诉编号 ${JSON.stringify(value)} 格式不对，应为 TS-县代码-年月日-4 位序号，如 ${NUMBER_EXAMPLE} / ` +
      `${JSON.stringify(value)} is not a complaint number (expected TS-<county code>-<YYYYMMDD>-<4-digit sequence>, e.g. ${NUMBER_EXAMPLE})`);
  return { countyCode: m[1]!, day: fromCompactDate(m[2]!, field), seq: Number(m[3]), number: text };
}

/** Working days to answer (R23): a simple complaint by the next working day, one involving two or more units within a week. */
export function answerDaysFor(unitsInvolved: number): number {
  return unitsInvolved >= 2 ? 5 : 1;
}

export function answerDue(calendar: WorkingCalendar, receivedOn: DateString, unitsInvolved: number): DateString {
  return calendar.workingDaysAfter(receivedOn, answerDaysFor(unitsInvolved));
}

/** R22/R33: a verified complaint costs the unit 5 points, one with serious impact 10; an unfounded one nothing. */
export function pointsFor(verified: boolean, seriousImpact: boolean): number {
  return verified ? (seriousImpact ? 10 : 5) : 0;
}

/** Open and past its answer day, as of `today` (China time). An answered complaint is no longer overdue. */
export function isOverdue(c: Pick<Complaint, 'status' | 'answerDue'>, today: DateString): boolean {
  return c.status === 'OPEN' && c.answerDue < today;
}

// ---------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// A tag opener: `<script`, `</p`, `<!--`, `<?xml`. A lone `<` as in "等了<1小时" is allowed in free text.
const MARKUP = /<\s*[A-Za-z!/?]/;

/** A name or unit: optional, at most 64 characters, no control characters and no markup (as in case registration). */
function optionalName(value: unknown, field: string): string | null {
  if (value == null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value !== 'string') return invalid(field, '此项须填写文字 / must be text');
  const v = value.trim();
  if (v.length > 64) return invalid(field, `最多 64 个字符，现为 ${v.length} 个 / must be at most 64 characters, got ${v.length}`);
  if (/[\u0000-\u001f<>]/.test(v)) return invalid(field, '不能含控制字符或尖括号 < > / must not contain control characters or < >');
  return v;
}

/** Free text (content, answer, note): min–max characters, line breaks allowed, no control characters or HTML tags. */
function text(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== 'string') return invalid(field, '此项必须填写 / is required');
  const v = value.trim();
  const length = Array.from(v).length;
  if (length < min) return invalid(field, length === 0 ? `此项必须填写，不能为空（至少 ${min} 个字） / is required and must not be blank (at least ${min} characters)` : `至少 ${min} 个字，现为 ${length} 个 / must be at least ${min} characters, got ${length}`);
  if (length > max) return invalid(field, `最多 ${max} 个字，现为 ${length} 个 / must be at most ${max} characters, got ${length}`);
  if (CONTROL.test(v)) return invalid(field, '不能含控制字符 / must not contain control characters');
  if (MARKUP.test(v)) return invalid(field, '不能含 HTML 标记（< 后紧跟字母、/ 或 !） / must not contain HTML markup (< followed by a letter, / or !)');
  return v;
}

function optionalText(value: unknown, field: string, max: number): string | null {
  if (value == null || (typeof value === 'string' && value.trim() === '')) return null;
  return text(value, field, 1, max);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) return invalid(field, `须为 ${allowed.join('、')} 之一，现为 ${JSON.stringify(value)} / must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function expectedVersion(value: unknown): number | null {
  if (value == null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) return invalid('input.expectedVersion', '须为读取投诉时得到的版本号（正整数） / must be the positive version number read with the complaint');
  return value;
}

/**
 * A point of the county: the county centre itself, one of its townships (9 digits) or villages (12). The
 * county database holds no township or village rows (each level owns its own), so below the county the code
 * is checked by form: its level's length, inside this county, no all-zero township or village part.
 */
export function validatePointInCounty(value: unknown, countyCode: string, field = 'input.pointCode') {
  const level = levelOfCode(value, field);
  const code = (value as string).trim();
  if (!code.startsWith(countyCode)) return invalid(field, `${code} 不是本县（${countyCode}）的服务点：这里只受理对本县政务服务中心及其乡镇、村的投诉 / ` +
      `${code} is not a point of county ${countyCode}: complaints here are about the county centre, its townships and villages`);
  if (level === 'COUNTY') return { code, level };
  if (code.slice(6, 9) === '000') return invalid(field, `代码 ${code} 没有指明乡镇（第 7–9 位为 000） / ${code} names no township (its digits 7–9 are 000)`);
  if (level === 'VILLAGE' && code.slice(9, 12) === '000') return invalid(field, `代码 ${code} 没有指明村（末 3 位为 000） / ${code} names no village (its last 3 digits are 000)`);
  return { code, level };
}

// ---------------------------------------------------------------------------------------------------------
// Filing, answering, closing
// ---------------------------------------------------------------------------------------------------------

export interface StaffRef {
  username: string;
  name: string;
  countyCode: string;
}

export interface FileComplaintInput {
  pointCode: string;
  unit?: string | null;
  staffUsername?: string | null;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  content: string;
  caseNo?: string | null;
  complainantName?: string | null;
  complainantPhone?: string | null;
  unitsInvolved?: number | null;
}

/**
 * Records a complaint as received by `by` at `now` (R23). Everything is checked before anything is written;
 * then the complaint and its FILED step are written in one transaction, numbered from the county's daily
 * sequence. Concurrent filings queue on the sequence row; the unique number is the last guard, and a lost
 * race (duplicate number, deadlock) is retried on a fresh transaction.
 */
export async function fileComplaint(em: EntityManager, input: FileComplaintInput, by: StaffRef, now: Date): Promise<Complaint> {
  const countyCode = by.countyCode;
  const point = validatePointInCounty(input.pointCode, countyCode);
  const channel = oneOf(input.channel, COMPLAINT_CHANNELS, 'input.channel');
  const category = oneOf(input.category, COMPLAINT_CATEGORIES, 'input.category');
  const content = text(input.content, 'input.content', 5, 2000);
  const complainantName = optionalName(input.complainantName, 'input.complainantName');
  const complainantPhone = input.complainantPhone == null || input.complainantPhone.trim() === '' ? null : validatePhone(input.complainantPhone, 'input.complainantPhone');
  let unit = optionalName(input.unit, 'input.unit');
  const unitsInvolved = input.unitsInvolved ?? 1;
  if (!Number.isInteger(unitsInvolved) || unitsInvolved < 1 || unitsInvolved > 99) invalid('input.unitsInvolved', `涉及单位数须为 1 至 99 的整数，现为 ${unitsInvolved} / must be a whole number from 1 to 99, got ${unitsInvolved}`);
  let caseNo: string | null = null;
  if (input.caseNo != null && input.caseNo.trim() !== '') {
    const parts = parseCaseNo(input.caseNo, 'input.caseNo');
    if (!parts.pointCode.startsWith(countyCode)) invalid('input.caseNo', `办件 ${input.caseNo.trim()} 由 ${parts.pointCode} 受理，不属于本县（${countyCode}） / case ${input.caseNo.trim()} was taken in at ${parts.pointCode}, outside county ${countyCode}`);
    caseNo = input.caseNo.trim();
  }
  const staffUsername = input.staffUsername == null || input.staffUsername.trim() === '' ? null : input.staffUsername.trim();

  if (!(await em.findOne(County, { code: countyCode }))) {
    throw new DomainError('NOT_FOUND', `本系统没有载入县 ${countyCode}，请先载入：npm run seed -- --county ${countyCode} / County ${countyCode} is not loaded here. Load it with: npm run seed -- --county ${countyCode}`);
  }
  if (point.level === 'COUNTY') {
    const units = await em.find(WindowUnit, { countyCode }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
    if (staffUsername) {
      const staff = await em.findOne(CountyStaff, { username: staffUsername, countyCode });
      if (!staff) invalid('input.staffUsername', `本县（${countyCode}）政务服务中心没有用户名为 ${JSON.stringify(staffUsername)} 的工作人员 / no member of staff of the ${countyCode} county centre has the username ${JSON.stringify(staffUsername)}`);
      const staffUnit = staff.unitId == null ? null : units.find((u) => u.id === staff.unitId)?.name ?? null;
      if (unit && staffUnit && unit !== staffUnit) invalid('input.unit', `工作人员 ${staffUsername}（${staff.name}）属于窗口单位 ${staffUnit}，不属于 ${unit} / ${staffUsername} (${staff.name}) serves ${staffUnit}, not ${unit}`);
      unit ??= staffUnit;
    }
    if (unit && !units.some((u) => u.name === unit)) {
      invalid('input.unit', `县政务服务中心没有名为 ${JSON.stringify(unit)} 的窗口单位${units.length ? `，现有：${units.map((u) => u.name).join('、')}` : ''} / ` +
        `the county centre has no window unit named ${JSON.stringify(unit)}${units.length ? `; its units are ${units.map((u) => u.name).join('、')}` : ''}`);
    }
  } else if (staffUsername && pointOfUsername(staffUsername)?.pointCode !== point.code) {
    // Township and village staff live in their own levels' databases; their usernames start with their point's code.
    invalid('input.staffUsername', `用户名 ${JSON.stringify(staffUsername)} 不是 ${point.code} 的工作人员（其用户名应以“${point.code}.”开头） / ` +
        `${JSON.stringify(staffUsername)} is not a username of staff at ${point.code} (it would start with "${point.code}.")`);
  }

  const receivedOn = chinaToday(now);
  const due = answerDue(await loadCalendar(em, countyCode), receivedOn, unitsInvolved);

  for (let attempt = 1; ; attempt++) {
    try {
      return await em.transactional(async (tx) => {
        const seq = await nextSequence(tx as EntityManager, countyCode, receivedOn);
        const complaint = tx.create(Complaint, {
          number: formatComplaintNumber(countyCode, receivedOn, seq),
          countyCode, pointCode: point.code, pointLevel: point.level, unit, staffUsername,
          channel, category, content, caseNo, complainantName, complainantPhone, unitsInvolved,
          receivedAt: now, receivedOn, receivedBy: by.username, receivedByName: by.name, answerDue: due,
          status: 'OPEN', version: 1,
          answer: null, answeredAt: null, answeredOn: null, answeredBy: null, replyForm: null,
          verified: null, seriousImpact: null, pointsDeducted: 0, closedAt: null, closedOn: null, closedBy: null,
          updatedAt: now,
        });
        await tx.flush();
        recordStep(tx as EntityManager, complaint.id, 'FILED', by, now, `${channel} · ${category}`);
        await tx.flush();
        return complaint;
      });
    } catch (e) {
      const lostRace = e instanceof UniqueConstraintViolationException || e instanceof DeadlockException || e instanceof LockWaitTimeoutException;
      if (!lostRace || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * The county's next complaint number of the day. The upsert takes the day's sequence row's lock (MySQL) or
 * the database's write lock (embedded), so concurrent filings are handed consecutive numbers.
 */
async function nextSequence(tx: EntityManager, countyCode: string, day: DateString): Promise<number> {
  const knex = tx.getKnex();
  const compact = toCompactDate(day);
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  await conn.execute(
    knex('complaint_sequence').insert({ county_code: countyCode, day: compact, last_seq: 1 }).onConflict(['county_code', 'day']).merge({ last_seq: knex.raw('last_seq + 1') }),
    [], 'run', ctx,
  );
  const [row] = await conn.execute<{ last_seq: number }[]>('select last_seq from complaint_sequence where county_code = ? and day = ?', [countyCode, compact], 'all', ctx);
  const seq = Number(row!.last_seq);
  if (seq > MAX_COMPLAINT_SEQ) throw new DomainError('DAILY_LIMIT', `本县（${countyCode}）今天已登记 ${MAX_COMPLAINT_SEQ} 件投诉，今日投诉编号已用完 / County ${countyCode} has recorded ${MAX_COMPLAINT_SEQ} complaints today; no more numbers are left`);
  return seq;
}

function recordStep(tx: EntityManager, complaintId: number, step: ComplaintStep, by: StaffRef, at: Date, note: string | null) {
  tx.create(ComplaintEvent, { complaintId, step, at, byUsername: by.username, byName: by.name, note });
}

/** The complaint with this number in the actor's county; NOT_FOUND otherwise (other counties' complaints are not revealed). */
export async function complaintInCounty(em: EntityManager, numberValue: unknown, countyCode: string, field = 'input.number'): Promise<Complaint> {
  const { number } = parseComplaintNumber(numberValue, field);
  const complaint = await em.findOne(Complaint, { number, countyCode });
  if (!complaint) throw new DomainError('NOT_FOUND', `本县（${countyCode}）没有编号为 ${number} 的投诉 / No complaint ${number} in county ${countyCode}`, field);
  return complaint;
}

function conflict(c: Complaint, expected: number): never {
  throw new DomainError('CONFLICT', `投诉 ${c.number} 在您读取后已被他人修改（版本 ${expected} → ${c.version}），请重新载入后再操作 / ` +
    `Complaint ${c.number} was changed by someone else since version ${expected}: it is now version ${c.version}, ${c.status}. Reload it and try again.`, 'input.expectedVersion', {
    currentVersion: c.version, currentStatus: c.status,
  });
}

const STATUS_WORDS: Record<string, string> = { OPEN: '待答复', ANSWERED: '已答复', CLOSED: '已办结' };
const ACTION_WORDS: Record<string, string> = { answer: '答复', close: '办结' };

function notNow(c: Complaint, what: 'answer' | 'close', need: string): never {
  const zh = c.status === 'OPEN' ? '请先答复（R23：投诉须先答复再办结）' : `已${ACTION_WORDS[what]}过`;
  throw new DomainError('TRANSITION_NOT_ALLOWED', `投诉 ${c.number} 现为${STATUS_WORDS[c.status] ?? c.status}状态，不能${ACTION_WORDS[what]}：${zh} / Cannot ${what} complaint ${c.number}: it is ${c.status}; ${need}`, undefined, { state: c.status, action: what });
}

/**
 * Writes the change guarded by the version read (and the status it must still have): if someone acted in
 * between, nothing is written and the caller hears CONFLICT with the current version.
 */
async function guardedUpdate(em: EntityManager, c: Complaint, changes: Partial<Complaint>, step: ComplaintStep, by: StaffRef, now: Date, note: string | null): Promise<Complaint> {
  return em.transactional(async (tx) => {
    const affected = await tx.nativeUpdate(Complaint, { id: c.id, version: c.version, status: c.status }, { ...changes, version: c.version + 1, updatedAt: now });
    if (affected === 0) conflict(await tx.findOneOrFail(Complaint, { id: c.id }, { refresh: true }), c.version);
    recordStep(tx as EntityManager, c.id, step, by, now, note);
    await tx.flush();
    return tx.findOneOrFail(Complaint, { id: c.id }, { refresh: true });
  });
}

export interface AnswerComplaintInput {
  number: string;
  expectedVersion?: number | null;
  answer: string;
  replyForm: ReplyForm;
}

/** The supervision office's answer (R23): a written complaint gets a written reply. */
export async function answerComplaint(em: EntityManager, input: AnswerComplaintInput, by: StaffRef, now: Date): Promise<Complaint> {
  const version = expectedVersion(input.expectedVersion);
  const answer = text(input.answer, 'input.answer', 2, 2000);
  const replyForm = oneOf(input.replyForm, COMPLAINT_CHANNELS, 'input.replyForm');
  const c = await complaintInCounty(em, input.number, by.countyCode);
  if (version != null && version !== c.version) conflict(c, version);
  if (c.status !== 'OPEN') notNow(c, 'answer', 'it was answered already');
  if (c.channel === 'WRITTEN' && replyForm !== 'WRITTEN') invalid('input.replyForm', `投诉 ${c.number} 是书面投诉，须书面答复（R23），不能用 ${replyForm} / complaint ${c.number} came in writing, so it gets a WRITTEN reply (R23), not ${replyForm}`);
  return guardedUpdate(em, c, { status: 'ANSWERED', answer, answeredAt: now, answeredOn: chinaToday(now), answeredBy: by.username, replyForm }, 'ANSWERED', by, now, `${replyForm} reply`);
}

export interface CloseComplaintInput {
  number: string;
  expectedVersion?: number | null;
  verified: boolean;
  seriousImpact?: boolean | null;
  note?: string | null;
}

/**
 * Closes an answered complaint with the office's finding. A verified one costs its unit (or point) 5 points,
 * 10 with serious impact (R22, R33); the deduction is kept on the complaint for scoring and the dashboard.
 */
export async function closeComplaint(em: EntityManager, input: CloseComplaintInput, by: StaffRef, now: Date): Promise<Complaint> {
  const version = expectedVersion(input.expectedVersion);
  if (typeof input.verified !== 'boolean') invalid('input.verified', '须写明投诉是否属实（true 或 false） / must say whether the complaint was verified (true or false)');
  const seriousImpact = input.seriousImpact ?? false;
  if (seriousImpact && !input.verified) invalid('input.seriousImpact', '只有属实的投诉才能认定为造成严重影响 / only a verified complaint can have serious impact');
  const note = optionalText(input.note, 'input.note', 2000);
  const c = await complaintInCounty(em, input.number, by.countyCode);
  if (version != null && version !== c.version) conflict(c, version);
  if (c.status === 'OPEN') notNow(c, 'close', 'answer it first (R23: a complaint is answered before it is closed)');
  if (c.status === 'CLOSED') notNow(c, 'close', 'it is closed already');
  const points = pointsFor(input.verified, seriousImpact);
  const finding = input.verified ? `verified${seriousImpact ? ', serious impact' : ''}: −${points} points` : 'not verified';
  return guardedUpdate(
    em, c,
    { status: 'CLOSED', verified: input.verified, seriousImpact, pointsDeducted: points, closedAt: now, closedOn: chinaToday(now), closedBy: by.username },
    'CLOSED', by, now, note ? `${finding}. ${note}` : finding,
  );
}

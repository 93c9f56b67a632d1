// A realistic year of a real county in the three level databases on MariaDB, for the benchmarks (run.ts).
//
//   npm run bench:generate -w @scf/bench -- [--cases 300000] [--seed 2026] [--now 2026-12-31T14:00:00+08:00]
//
// DROPS AND RECREATES scf_bench_county, scf_bench_township and scf_bench_village (SCF_BENCH_MYSQL_URL, default
// mysql://root@127.0.0.1:3306; SCF_BENCH_DB_PREFIX, default scf_bench), migrates them with the subgraphs' own
// open<Level>Database, seeds 宁武县 (140925) with seedCounty and the demo password, replicates the catalogue to the
// township and village databases, then writes the year's cases with multi-row INSERTs in transactions — the
// rows the product itself would have written for each case's history, at every level it reached (see
// packages/cases: register.ts, act.ts, delegation.ts, supervision.ts; packages/handover: outbox and inbox).
// Deterministic for a given --seed and --cases.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Knex } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/core';
import {
  addDays, chinaToday, completionTiming, creditCodeCheckChar, formatCaseNo, levelOfCode, promisedDeadline, residentIdCheckDigit,
  reviewAndLitigationNotice, suspensionWorkingDays, toCompactDate, type DateString, type WorkingCalendar,
} from '@scf/domain';
import { dropDatabase, parseDatabaseUrl, type Level } from '@scf/kit';
import { loadCalendar, replicateDirect, setCalendarDay } from '@scf/catalogue';
import { county as countyLevel } from '@scf/county';
import { township as townshipLevel } from '@scf/township';
import { village as villageLevel } from '@scf/village';
import { DEMO_PASSWORD, readCountyDivisions, seedCounty } from '@scf/seed';
import { BENCH_COUNTY, BENCH_YEAR, benchDatabaseUrls, DEFAULT_CASES, DEFAULT_NOW, GENERATOR_VERSION, LEVELS, type YearMeta } from './year.js';

export interface GenerateOptions {
  cases?: number;
  seed?: number;
  now?: string;
  urls?: Record<Level, string>;
  log?: (line: string) => void;
}

type Row = Record<string, unknown>;
const TABLES = ['case_file', 'case_material', 'case_event', 'case_hop', 'inbound_case', 'outbox', 'inbox', 'supervision_record', 'case_sequence'] as const;
type Table = (typeof TABLES)[number];

// ---------------------------------------------------------------------------------------------------------
// Randomness: a small seeded generator, so a year is the same every time.
// ---------------------------------------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  chance(p: number) {
    return this.next() < p;
  }
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** Picks by weight from [value, weight] pairs (weights need not add up to 1). */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Time: working hours of a Shanxi county centre (R25), in China time (UTC+8).
// ---------------------------------------------------------------------------------------------------------

const MINUTE = 60_000;
const at = (date: DateString, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/** The day's two sessions: 8:30–12:00, and 14:30–18:00 May–October or 14:00–17:30 otherwise. */
function sessions(date: DateString): [Date, Date][] {
  const month = Number(date.slice(5, 7));
  const summer = month >= 5 && month <= 10;
  return [
    [at(date, '08:30'), at(date, '12:00')],
    summer ? [at(date, '14:30'), at(date, '18:00')] : [at(date, '14:00'), at(date, '17:30')],
  ];
}

/** A random working moment on `date`, after `after` if given (overtime a few minutes after it if the day is over). */
function momentOn(dice: Dice, date: DateString, after?: Date): Date {
  const parts = sessions(date)
    .map(([s, e]) => [after && after > s ? after : s, e] as const)
    .filter(([s, e]) => e.getTime() - s.getTime() > MINUTE);
  if (parts.length === 0) return new Date((after ?? at(date, '17:30')).getTime() + dice.int(1, 10) * MINUTE);
  // Mornings are busier: weight the sessions by length, the morning half again.
  const [s, e] = dice.weighted(parts.map((p, i) => [p, (p[1].getTime() - p[0].getTime()) * (i === 0 && parts.length > 1 ? 1.5 : 1)] as const));
  return new Date(s.getTime() + Math.floor(dice.next() * (e.getTime() - s.getTime())));
}

const later = (t: Date, dice: Dice, minMinutes: number, maxMinutes: number) => new Date(t.getTime() + dice.int(minMinutes * 60, maxMinutes * 60) * 1000);
/** The relay delivers a committed hand-over within a second or two (the kick after the commit). */
const relayed = (t: Date, dice: Dice) => new Date(t.getTime() + dice.int(40, 1800));
const dt = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

// ---------------------------------------------------------------------------------------------------------
// Who and what: the county's points, staff and catalogue, read back from the seeded databases.
// ---------------------------------------------------------------------------------------------------------

interface Item {
  id: number;
  code: string;
  name: string;
  kind: string;
  decidingLevel: Level;
  decidingUnit: string;
  legalLimitDays: number;
  promisedLimitDays: number;
  materials: { position: number; name: string; form: string; copies: number }[];
}
interface Person {
  username: string;
  name: string;
}

/** Which window or desk takes each item in (roster.ts: county windows w01–w13, township desks d1–d5). */
const COUNTY_WINDOW: Record<string, string[]> = {
  'XK-YJ-001': ['08'], 'BA-YJ-002': ['08'], 'XK-YJ-003': ['08'], 'JB-GJJ-004': ['09'], 'GF-RS-005': ['04'],
  'DJ-TJ-008': ['11'], 'BG-JT-009': ['10'], 'DJ-MZ-010': ['03'],
};
const TOWNSHIP_DESK: Record<string, string> = { 'QR-SB-006': 'd2', 'ZM-JS-007': 'd3', 'DJ-YB-011': 'd4', 'BA-NJ-012': 'd5', 'GF-RS-005': 'd2' };

/**
 * What each level takes in (share of that level's intake). County hall: the county's own items, half of them
 * 即办件 (公积金提取 and 婚姻登记 are the busiest windows). Townships: their own items, plus ~9% county items they
 * forward up. Villages: the one village-decided item, plus ~22% township and county items they take in for the
 * applicant and forward (代办). Together ~13% of village and township intake goes up a level.
 */
const MIX: Record<Level, [string, number][]> = {
  COUNTY: [
    ['JB-GJJ-004', 30], ['DJ-MZ-010', 22], ['GF-RS-005', 12], ['BG-JT-009', 14], ['XK-YJ-001', 6], ['BA-YJ-002', 4], ['XK-YJ-003', 4], ['DJ-TJ-008', 8],
  ],
  TOWNSHIP: [
    ['DJ-YB-011', 28], ['QR-SB-006', 22], ['ZM-JS-007', 22], ['BA-NJ-012', 19],
    ['GF-RS-005', 4], ['JB-GJJ-004', 3], ['BG-JT-009', 1.2], ['XK-YJ-001', 0.8],
  ],
  VILLAGE: [
    ['SC-CW-013', 78], ['DJ-YB-011', 8], ['QR-SB-006', 6], ['ZM-JS-007', 4], ['BA-NJ-012', 2], ['GF-RS-005', 1], ['JB-GJJ-004', 1],
  ],
};
/** Seasons of some items: 新农合 enrolment runs September–December, fireworks retail licences before Spring Festival. */
function seasonal(code: string, month: number): number {
  if (code === 'DJ-YB-011') return month >= 9 ? 2.2 : 0.6;
  if (code === 'XK-YJ-001') return month === 1 || month >= 11 ? 3 : 0.5;
  if (code === 'DJ-MZ-010') return month === 2 || month === 5 || month === 10 ? 1.5 : 1;
  return 1;
}
/** Items an organisation applies for (with its unified social credit code), and how often. */
const ORGANISATION_SHARE: Record<string, number> = { 'XK-YJ-001': 0.6, 'BA-YJ-002': 1, 'XK-YJ-003': 1, 'BG-JT-009': 0.5, 'DJ-TJ-008': 1 };
/** Items whose procedure includes an on-site check (现场核查): some go through a suspension (R12). */
const ON_SITE = new Set(['XK-YJ-001', 'XK-YJ-003']);

/** Share of the county's intake per level (county hall busiest, R37's district-scale centre). */
const LEVEL_SHARE: [Level, number][] = [['COUNTY', 0.55], ['TOWNSHIP', 0.3], ['VILLAGE', 0.15]];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌云飞鹏晨旭东海燕婷雪琳宇浩宁鑫欣悦晓峰';
const FIRMS = ['商贸', '建材', '物流', '运输', '农资', '化工', '百货', '种养殖', '煤业', '建筑'];
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const NOT_ACCEPTED_REASONS = ['申请事项不属于本机关职权范围，已告知向有关机关申请', '申请人不具备申请资格', '申请事项依法不需要取得行政许可'];
const REFUSAL_REASONS = ['经现场核查，经营场所不符合安全条件', '申请人提交的材料与实际情况不符', '不符合法定条件和标准'];
const RETURN_REASONS = ['申请表填写不完整，请核实后重新上报', '所附证明材料不清晰，请重新扫描上报'];
const SATISFACTION: [string, number][] = [['VERY_SATISFIED', 80], ['SATISFIED', 16], ['BASICALLY_SATISFIED', 3], ['DISSATISFIED', 0.7], ['VERY_DISSATISFIED', 0.3]];

// ---------------------------------------------------------------------------------------------------------
// One case's life, step by step; only the steps before "now" happen.
// ---------------------------------------------------------------------------------------------------------

interface Step {
  at: Date;
  run(): void;
}

interface Sink {
  add(level: Level, table: Table, row: Row): void;
  nextId(level: Level, table: Table): number;
}

interface World {
  dice: Dice;
  calendar: WorkingCalendar;
  now: Date;
  items: Map<string, Item>;
  staff: Map<string, Person>;
  sink: Sink;
}

class CaseLife {
  readonly steps: Step[] = [];
  private t: Date;
  private readonly origin: Row;
  private readonly originLevel: Level;
  private readonly events: Row[] = [];
  private readonly materials: Row[];
  private readonly statusAt: [Date, string][] = [];
  private readonly inbound = new Map<Level, Row>();
  private readonly extra: [Level, Table, Row][] = [];

  constructor(
    private readonly w: World,
    caseNo: string,
    pointCode: string,
    private readonly item: Item,
    private readonly clerk: Person,
    registeredAt: Date,
    channel: string,
    applicant: { type: 'PERSON' | 'ORGANISATION'; name: string; idNumber: string | null; creditCode: string | null; phone: string },
  ) {
    this.t = registeredAt;
    this.originLevel = levelOfCode(pointCode);
    this.origin = {
      id: 0, case_no: caseNo, point_code: pointCode, level: this.originLevel, item_id: item.id, item_code: item.code, item_name: item.name,
      deciding_level: item.decidingLevel, deciding_unit: item.decidingUnit, kind: item.kind, legal_limit_days: item.legalLimitDays,
      promised_limit_days: item.promisedLimitDays, applicant_type: applicant.type, applicant_name: applicant.name,
      applicant_id_number: applicant.idNumber, applicant_credit_code: applicant.creditCode, applicant_phone: applicant.phone,
      agent_name: null, agent_id_number: null, agent_phone: null, entrustment_ref: null, channel, idempotency_key: null,
      status: 'REGISTERED', responsible_username: clerk.username, responsible_name: clerk.name, registered_at: dt(registeredAt),
      registered_on: chinaToday(registeredAt), accepted_on: null, deadline: null, suspended_on: null, suspended_days: 0, decided_on: null,
      outcome: null, decision_reason: null, rights_notice: null, timing: null, delivered_on: null, delivery_method: null, evaluation: null,
      not_accepted_reason: null, hop: 0, version: 1, updated_at: dt(registeredAt),
    };
    this.materials = item.materials.map((m) => ({ case_id: 0, position: m.position, name: m.name, form: m.form, copies: m.copies, received: 1 }));
    this.statusAt.push([registeredAt, 'REGISTERED']);
    this.events.push(this.event('register', null, 'REGISTERED', registeredAt, clerk, pointCode));
  }

  private event(action: string, from: string | null, to: string, when: Date, by: Person, pointCode: string, extra: Partial<Record<'reason' | 'note' | 'materials', string | null>> = {}): Row {
    return { case_id: 0, action, from_status: from, to_status: to, at: dt(when), by_username: by.username, by_name: by.name, point_code: pointCode, reason: extra.reason ?? null, note: extra.note ?? null, materials: extra.materials ?? null };
  }

  /** When a step planned for `when` happens: never before (or at) the previous one. */
  private eff(when: Date): Date {
    return when <= this.t ? new Date(this.t.getTime() + 1000) : when;
  }

  /** Schedules a step at `when` (never before the previous one). */
  private step(when: Date, run: () => void): Date {
    const t = this.eff(when);
    this.t = t;
    this.steps.push({ at: t, run });
    return t;
  }

  /** An action at the origin's window: the state machine's transition, its history row, version + 1. */
  private originAct(when: Date, action: string, to: string, by: Person, changes: Row | (() => Row) = {}, extra: Partial<Record<'reason' | 'note' | 'materials', string | null>> = {}, eventPoint?: string) {
    const t = this.step(when, () => {
      const from = this.origin.status as string;
      Object.assign(this.origin, typeof changes === 'function' ? changes() : changes, { status: to, version: (this.origin.version as number) + 1, updated_at: dt(t) });
      this.statusAt.push([t, to]);
      this.events.push(this.event(action, from, to, t, by, eventPoint ?? (this.origin.point_code as string), extra));
    });
    return t;
  }

  get channel() {
    return this.origin.channel as string;
  }

  // The lifecycle ------------------------------------------------------------------------------------------

  notAccept(when: Date, reason: string) {
    return this.originAct(when, 'notAccept', 'NOT_ACCEPTED', this.clerk, { not_accepted_reason: reason }, { reason });
  }

  requestSupplement(when: Date, missing: number[]) {
    const list = this.item.materials.filter((m) => missing.includes(m.position));
    return this.originAct(when, 'requestSupplement', 'SUPPLEMENT_REQUESTED', this.clerk, {}, { materials: list.map((m) => `${m.name}|`).join('\n') });
  }

  markMissing(missing: number[]) {
    for (const m of this.materials) if (missing.includes(m.position as number)) m.received = 0;
  }

  supply(when: Date, positions: number[]) {
    const t = this.originAct(when, 'supplySupplement', 'REGISTERED', this.clerk);
    const last = this.steps[this.steps.length - 1]!;
    const run = last.run;
    last.run = () => {
      run();
      for (const m of this.materials) if (positions.includes(m.position as number)) m.received = 1;
    };
    return t;
  }

  accept(when: Date): { acceptedOn: DateString; deadline: DateString; at: Date } {
    const acceptedOn = chinaToday(this.eff(when));
    const deadline = promisedDeadline(this.w.calendar, acceptedOn, this.item.promisedLimitDays);
    const t = this.originAct(when, 'accept', 'ACCEPTED', this.clerk, { accepted_on: acceptedOn, deadline });
    return { acceptedOn, deadline, at: t };
  }

  suspend(when: Date, reason: string) {
    const on = chinaToday(when);
    return this.originAct(when, 'suspend', 'SUSPENDED', this.clerk, { suspended_on: on }, { reason });
  }

  resume(when: Date, acceptedOn: DateString, suspendedOn: DateString): { deadline: DateString; at: Date } {
    const today = chinaToday(this.eff(when));
    const used = suspensionWorkingDays(this.w.calendar, suspendedOn, today);
    const days = (this.origin.suspended_days as number) + used;
    const deadline = promisedDeadline(this.w.calendar, acceptedOn, this.item.promisedLimitDays, days);
    // suspended_days accumulates when the step runs; planning knows it already.
    const t = this.originAct(when, 'resume', 'ACCEPTED', this.clerk, { suspended_days: days, suspended_on: null, deadline });
    return { deadline, at: t };
  }

  decide(when: Date, outcome: 'GRANTED' | 'REFUSED', reason: string | null) {
    const today = chinaToday(this.eff(when));
    return this.originAct(
      when, 'decide', 'DECIDED', this.clerk,
      // The timing against the deadline the case has when the decision is made (after any suspension).
      () => ({
        decided_on: today, outcome, decision_reason: reason, rights_notice: outcome === 'REFUSED' ? reviewAndLitigationNotice() : null,
        timing: this.origin.deadline ? completionTiming(this.w.calendar, today, this.origin.deadline as string) : null,
      }),
      { reason },
    );
  }

  deliver(when: Date, method: string) {
    return this.originAct(when, 'deliver', 'DELIVERED', this.clerk, { delivered_on: chinaToday(this.eff(when)), delivery_method: method });
  }

  evaluate(when: Date, level: string) {
    return this.originAct(when, 'evaluate', 'EVALUATED', this.clerk, { evaluation: level });
  }

  close(when: Date) {
    return this.originAct(when, 'close', 'CLOSED', this.clerk);
  }

  withdraw(when: Date) {
    return this.originAct(when, 'withdraw', 'WITHDRAWN', this.clerk, {}, { reason: '申请人主动撤回申请' });
  }

  // Between levels (delegation.ts) --------------------------------------------------------------------------

  private itemTerms() {
    const i = this.item;
    return { id: i.id, name: i.name, decidingLevel: i.decidingLevel, decidingUnit: i.decidingUnit, kind: i.kind, promisedLimitDays: i.promisedLimitDays };
  }

  private outbox(level: Level, messageId: string, target: Level, kind: string, hop: number, payload: unknown, sent: Date, received: Date) {
    this.extra.push([level, 'outbox', {
      message_id: messageId, target, kind, case_no: this.origin.case_no, hop, payload: JSON.stringify(payload), created_at: dt(sent), status: 'DELIVERED',
      attempts: 1, next_attempt_at: dt(sent), delivered_at: dt(new Date(received.getTime() + 5)), last_error: null, claimed_by: null, claimed_until: null,
    }]);
    this.extra.push([target, 'inbox', { message_id: messageId, kind, case_no: this.origin.case_no, hop, received_at: dt(received) }]);
  }

  private hopRow(level: Level, hop: number, action: string, from: string, to: string, when: Date, by: Person, note: string | null) {
    this.extra.push([level, 'case_hop', { case_no: this.origin.case_no, hop, action, from_code: from, to_code: to, at: dt(when), by_username: by.username, by_name: by.name, note }]);
  }

  private receive(toPoint: string, hop: number, from: string, when: Date) {
    const level = levelOfCode(toPoint);
    const existing = this.inbound.get(level);
    const fields = {
      case_no: this.origin.case_no, hop, origin_point_code: this.origin.point_code, from_point_code: from, point_code: toPoint, status: 'RECEIVED',
      item_id: this.item.id, item_name: this.item.name, deciding_level: this.item.decidingLevel, deciding_unit: this.item.decidingUnit, kind: this.item.kind,
      promised_limit_days: this.item.promisedLimitDays, applicant_name: this.origin.applicant_name, accepted_on: this.origin.accepted_on,
      deadline: this.origin.deadline, received_at: dt(when), decided_on: null, outcome: null, reason: null, updated_at: dt(when),
    };
    if (existing) Object.assign(existing, fields, { version: (existing.version as number) + 1 });
    else this.inbound.set(level, { id: 0, ...fields, version: 1 });
  }

  /** The origin forwards its case up (act.ts 'forward' + enqueueForward); the receiver takes it in a moment later. */
  forward(when: Date, toPoint: string, note: string | null) {
    const t = this.originAct(when, 'forward', 'FORWARDED', this.clerk, {}, { note });
    const last = this.steps[this.steps.length - 1]!;
    const run = last.run;
    const received = relayed(t, this.w.dice);
    last.run = () => {
      run();
      const hop = (this.origin.hop as number) + 1;
      this.origin.hop = hop;
      const from = this.origin.point_code as string;
      this.hopRow(this.originLevel, hop, 'forward', from, toPoint, t, this.clerk, note);
      const payload = {
        originPointCode: from, fromPointCode: from, toPointCode: toPoint, item: this.itemTerms(), applicantName: this.origin.applicant_name,
        acceptedOn: this.origin.accepted_on, deadline: this.origin.deadline, by: this.clerk, at: t.toISOString(), note,
      };
      this.outbox(this.originLevel, `${this.origin.case_no}#${hop}#FORWARD`, levelOfCode(toPoint), 'FORWARD', hop, payload, t, received);
      this.receive(toPoint, hop, from, received);
    };
    this.t = received;
    return received;
  }

  /** handleForwarded<Level>Case accept: the receiving level takes the case on (no hop, no message). */
  receiverAccept(level: Level, when: Date) {
    const t = this.step(when, () => {
      const r = this.inbound.get(level)!;
      Object.assign(r, { status: 'ACCEPTED', version: (r.version as number) + 1, updated_at: dt(t) });
    });
    return t;
  }

  /** A township forwards a village's case on to the county (actOnForwarded 'forward'). */
  receiverForward(level: Level, when: Date, toPoint: string, by: Person) {
    const t0 = this.eff(when);
    const received = relayed(t0, this.w.dice);
    const t = this.step(t0, () => {
      const r = this.inbound.get(level)!;
      const hop = (r.hop as number) + 1;
      Object.assign(r, { status: 'FORWARDED', hop, version: (r.version as number) + 1, updated_at: dt(t) });
      this.hopRow(level, hop, 'forward', r.point_code as string, toPoint, t, by, null);
      const payload = {
        originPointCode: r.origin_point_code, fromPointCode: r.point_code, toPointCode: toPoint, item: this.itemTerms(), applicantName: r.applicant_name,
        acceptedOn: r.accepted_on, deadline: r.deadline, by, at: t.toISOString(), note: null,
      };
      this.outbox(level, `${this.origin.case_no}#${hop}#FORWARD`, levelOfCode(toPoint), 'FORWARD', hop, payload, t, received);
      this.receive(toPoint, hop, r.point_code as string, received);
    });
    this.t = received;
    return received;
  }

  /** The deciding level decides; the result travels back to the origin, which records it (receiveResult). */
  receiverDecide(level: Level, when: Date, by: Person, outcome: 'GRANTED' | 'REFUSED', reason: string | null) {
    const t0 = this.eff(when);
    const received = relayed(t0, this.w.dice);
    const decidedOn = chinaToday(t0);
    const t = this.step(t0, () => {
      const r = this.inbound.get(level)!;
      Object.assign(r, { status: 'DECIDED', decided_on: decidedOn, outcome, reason, version: (r.version as number) + 1, updated_at: dt(t) });
      const hop = r.hop as number;
      const origin = this.origin.point_code as string;
      this.hopRow(level, hop, 'decide', r.point_code as string, origin, t, by, outcome === 'GRANTED' ? '准予' : `不予许可：${reason}`);
      const rightsNotice = outcome === 'REFUSED' ? reviewAndLitigationNotice() : null;
      const payload = { fromPointCode: r.point_code, toPointCode: origin, outcome, reason, rightsNotice, decidedOn, by, at: t.toISOString() };
      this.outbox(level, `${this.origin.case_no}#${hop}#RESULT`, this.originLevel, 'RESULT', hop, payload, t, received);
      // At the origin: resultReceived, by the decider, where the decision was made.
      const from = this.origin.status as string;
      Object.assign(this.origin, {
        status: 'DECIDED', decided_on: decidedOn, outcome, decision_reason: reason, rights_notice: rightsNotice,
        timing: this.origin.deadline ? completionTiming(this.w.calendar, decidedOn, this.origin.deadline as string) : null,
        version: (this.origin.version as number) + 1, updated_at: dt(received),
      });
      this.statusAt.push([received, 'DECIDED']);
      this.events.push(this.event('resultReceived', from, 'DECIDED', received, by, r.point_code as string, { reason }));
    });
    this.t = received > t ? received : t;
    return this.t;
  }

  /** The receiving level sends the case back down with a reason (returnDown); the origin gets it back ACCEPTED. */
  receiverReturn(level: Level, when: Date, by: Person, reason: string) {
    const t0 = this.eff(when);
    const received = relayed(t0, this.w.dice);
    const t = this.step(t0, () => {
      const r = this.inbound.get(level)!;
      Object.assign(r, { status: 'RETURNED', reason, version: (r.version as number) + 1, updated_at: dt(t) });
      const hop = r.hop as number;
      this.hopRow(level, hop, 'returnDown', r.point_code as string, r.from_point_code as string, t, by, reason);
      const payload = { fromPointCode: r.point_code, toPointCode: r.from_point_code, reason, by, at: t.toISOString() };
      this.outbox(level, `${this.origin.case_no}#${hop}#RETURN`, this.originLevel, 'RETURN', hop, payload, t, received);
      const from = this.origin.status as string;
      Object.assign(this.origin, { status: 'ACCEPTED', hop, version: (this.origin.version as number) + 1, updated_at: dt(received) });
      this.statusAt.push([received, 'ACCEPTED']);
      this.events.push(this.event('returnDown', from, 'ACCEPTED', received, by, r.point_code as string, { reason }));
    });
    this.t = received > t ? received : t;
    return this.t;
  }

  get last() {
    return this.t;
  }

  // Writing -----------------------------------------------------------------------------------------------

  /** Runs the steps that happened before now and hands the rows to the sink. */
  commit(): void {
    const { sink, now } = this.w;
    for (const s of this.steps) {
      if (s.at > now) break;
      s.run();
    }
    const level = this.originLevel;
    const id = sink.nextId(level, 'case_file');
    this.origin.id = id;
    sink.add(level, 'case_file', this.origin);
    for (const m of this.materials) sink.add(level, 'case_material', { id: sink.nextId(level, 'case_material'), ...m, case_id: id });
    for (const e of this.events) sink.add(level, 'case_event', { id: sink.nextId(level, 'case_event'), ...e, case_id: id });
    for (const [l, table, row] of this.extra) sink.add(l, table, table === 'inbox' ? row : { id: sink.nextId(l, table), ...row });
    for (const [l, row] of this.inbound) {
      row.id = sink.nextId(l, 'inbound_case');
      sink.add(l, 'inbound_case', row);
    }
    // 电子监察 (supervision.ts): the sweep, every 10 minutes, raised one record the first day after the deadline
    // on which the case was still open with its clock running.
    const deadline = this.origin.deadline as string | null;
    if (deadline) {
      const sweep = new Date(new Date(`${addDays(deadline, 1)}T00:00:00+08:00`).getTime() + 10 * MINUTE);
      let status: string | undefined;
      for (const [t, s] of this.statusAt) if (t <= sweep) status = s;
      if (sweep <= now && (status === 'ACCEPTED' || status === 'FORWARDED')) {
        sink.add(level, 'supervision_record', {
          id: sink.nextId(level, 'supervision_record'), case_id: id, case_no: this.origin.case_no, point_code: this.origin.point_code,
          unit: this.item.decidingUnit, kind: 'OVERDUE', points: 5, raised_on: addDays(deadline, 1),
          detail: `${this.item.name} 承诺时限至 ${deadline}，已超期`, resolved_on: null,
        });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// The year.
// ---------------------------------------------------------------------------------------------------------

interface Point {
  code: string;
  level: Level;
  weight: number;
}

function applicantFor(dice: Dice, item: Item) {
  const phone = `1${dice.pick(['3', '5', '8', '9'])}${String(dice.int(0, 999_999_999)).padStart(9, '0')}`;
  if (dice.chance(ORGANISATION_SHARE[item.code] ?? 0)) {
    let body = '';
    for (let i = 0; i < 9; i++) body += dice.pick([...CREDIT_CHARS]);
    const first17 = `92${BENCH_COUNTY}${body}`;
    const name = `宁武县${dice.pick([...SURNAMES])}${dice.pick([...GIVEN])}${dice.pick(FIRMS)}有限公司`;
    return { type: 'ORGANISATION' as const, name, idNumber: null, creditCode: first17 + creditCodeCheckChar(first17), phone };
  }
  const birth = new Date(Date.UTC(dice.int(1950, 2004), dice.int(0, 11), dice.int(1, 28)));
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${BENCH_COUNTY}${ymd}${String(dice.int(0, 999)).padStart(3, '0')}`;
  const name = dice.pick([...SURNAMES]) + dice.pick([...GIVEN]) + (dice.chance(0.6) ? dice.pick([...GIVEN]) : '');
  return { type: 'PERSON' as const, name, idNumber: first17 + residentIdCheckDigit(first17), creditCode: null, phone };
}

/** Working days after `date` at which a promised case is decided: mostly early, a few on the day, very few late. */
function decisionOffset(dice: Dice, limit: number): number {
  const u = dice.next();
  if (u < 0.0005) return limit + dice.int(8, 40); // forgotten: red for weeks (督办)
  if (u < 0.0065) return limit + dice.int(1, 4);
  if (u < 0.0215) return limit;
  return Math.min(limit - 1, Math.floor(limit * dice.next() ** 1.6));
}

function planCase(w: World, life: CaseLife, point: Point, item: Item, day: DateString, clerks: { township: (code: string) => Person; county: Person }) {
  const { dice, calendar } = w;
  const t0 = life.last;
  const immediate = item.promisedLimitDays === 0;
  const decidedHere = item.decidingLevel === point.level;

  if (dice.chance(0.012)) {
    life.notAccept(later(t0, dice, 3, 20), dice.pick(NOT_ACCEPTED_REASONS));
    return;
  }
  let t = t0;
  if (!immediate && dice.chance(0.04)) {
    // R9: one notification listing everything missing, the materials come back a few days later.
    const missing = item.materials.filter(() => dice.chance(0.4)).map((m) => m.position);
    if (missing.length === 0) missing.push(item.materials[item.materials.length - 1]!.position);
    life.markMissing(missing);
    t = life.requestSupplement(later(t, dice, 5, 20), missing);
    const back = calendar.workingDaysAfter(day, dice.int(1, 4));
    if (dice.chance(0.1)) {
      life.notAccept(momentOn(dice, calendar.workingDaysAfter(back, 15)), '申请人逾期未补正材料');
      return;
    }
    t = life.supply(momentOn(dice, back), missing);
  }

  // A village may send a case up before accepting it itself (no acceptance notice, no deadline of its own).
  const forwardUnaccepted = !decidedHere && point.level === 'VILLAGE' && dice.chance(0.15);
  let acceptedOn: DateString | null = null;
  if (!forwardUnaccepted) {
    const a = life.accept(later(t, dice, immediate ? 1 : 3, immediate ? 5 : 15));
    acceptedOn = a.acceptedOn;
    t = a.at;
  }
  const limit = item.promisedLimitDays;
  const outcome = (): ['GRANTED' | 'REFUSED', string | null] => (!immediate && dice.chance(0.01) ? ['REFUSED', dice.pick(REFUSAL_REASONS)] : ['GRANTED', null]);

  let decidedAt: Date;
  let decidedDay: DateString;
  if (decidedHere) {
    if (!immediate && dice.chance(0.003)) {
      life.withdraw(momentOn(dice, calendar.workingDaysAfter(acceptedOn!, dice.int(1, Math.max(1, limit - 1))), t));
      return;
    }
    let offset = immediate ? 0 : decisionOffset(dice, limit);
    if (!immediate && ON_SITE.has(item.code) && dice.chance(0.15)) {
      // 现场核查: the clock stops for the inspection and the deadline moves by the working days it took.
      const suspendDay = calendar.workingDaysAfter(acceptedOn!, dice.int(1, 2));
      const resumeDay = calendar.workingDaysAfter(suspendDay, dice.int(1, 3));
      t = life.suspend(momentOn(dice, suspendDay, t), 'ON_SITE_INSPECTION');
      const r = life.resume(momentOn(dice, resumeDay, t), acceptedOn!, suspendDay);
      t = r.at;
      offset += calendar.workingDaysBetween(suspendDay, resumeDay);
    }
    decidedDay = calendar.workingDaysAfter(acceptedOn!, offset);
    decidedAt = immediate ? later(t, dice, 3, 25) : momentOn(dice, decidedDay, t);
    const [o, reason] = outcome();
    decidedAt = life.decide(decidedAt, o, reason);
  } else {
    // Forward to the deciding level: straight up, or (county items from a village) through the township.
    const township = point.code.slice(0, 9);
    const viaTownship = point.level === 'VILLAGE' && item.decidingLevel === 'COUNTY' && dice.chance(0.7);
    const firstTarget = item.decidingLevel === 'TOWNSHIP' || viaTownship ? township : BENCH_COUNTY;
    const forwardAt = immediate || dice.chance(0.7) ? later(t, dice, 2, 40) : momentOn(dice, calendar.workingDaysAfter(chinaToday(t), 1), t);
    t = life.forward(forwardAt, firstTarget, point.level === 'VILLAGE' ? '代办上报' : null);
    const deciderLevel = item.decidingLevel;
    const decider = deciderLevel === 'COUNTY' ? clerks.county : clerks.township(township);
    if (viaTownship) {
      const townshipClerk = clerks.township(township);
      t = life.receiverForward('TOWNSHIP', immediate ? later(t, dice, 2, 30) : momentOn(dice, dice.chance(0.6) ? chinaToday(t) : calendar.workingDaysAfter(chinaToday(t), 1), t), BENCH_COUNTY, townshipClerk);
    }
    if (!immediate && !viaTownship && acceptedOn && dice.chance(0.015)) {
      // 退回: the upper level sends it back the next working day; the origin fixes it and forwards it again.
      t = life.receiverReturn(deciderLevel, momentOn(dice, calendar.workingDaysAfter(chinaToday(t), 1), t), decider, dice.pick(RETURN_REASONS));
      t = life.forward(momentOn(dice, calendar.workingDaysAfter(chinaToday(t), dice.int(0, 1)), t), firstTarget, '已按要求补充完善，重新上报');
    }
    if (!immediate) t = life.receiverAccept(deciderLevel, later(t, dice, 5, 90));
    const base = acceptedOn ?? chinaToday(t);
    decidedDay = immediate ? chinaToday(t) : calendar.workingDaysAfter(base, decisionOffset(dice, limit));
    const when = immediate ? later(t, dice, 3, 30) : momentOn(dice, decidedDay < chinaToday(t) ? chinaToday(t) : decidedDay, t);
    const [o, reason] = outcome();
    decidedAt = life.receiverDecide(deciderLevel, when, decider, o, reason);
  }

  // 送达, 好差评 and 归档 at the origin.
  const online = life.channel === 'ONLINE';
  const method = immediate ? 'PICKUP' : online ? 'ELECTRONIC' : dice.weighted([['PICKUP', 60], ['MAIL', 15], ['ELECTRONIC', 25]] as const);
  const deliverAt = immediate ? later(decidedAt, dice, 1, 8) : method === 'ELECTRONIC' ? later(decidedAt, dice, 1, 30)
    : momentOn(dice, calendar.workingDaysAfter(chinaToday(decidedAt), dice.weighted([[0, 30], [1, 45], [2, 25]] as const)), decidedAt);
  const delivered = life.deliver(deliverAt, method);
  const closeAt = momentOn(dice, calendar.workingDaysAfter(chinaToday(delivered), 5), delivered);
  if (dice.chance(0.86)) {
    const evaluateAt = immediate || method === 'PICKUP' ? later(delivered, dice, 1, 6) : later(delivered, dice, 30, 60 * 24 * 3);
    if (evaluateAt < closeAt) life.evaluate(evaluateAt, dice.weighted(SATISFACTION));
  }
  life.close(closeAt);
}

export async function generateYear(options: GenerateOptions = {}): Promise<YearMeta> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cases = options.cases ?? DEFAULT_CASES;
  const seed = options.seed ?? 2026;
  const nowIso = options.now ?? DEFAULT_NOW;
  const now = new Date(nowIso);
  const urls = options.urls ?? benchDatabaseUrls();
  const started = performance.now();

  for (const level of LEVELS) {
    const target = parseDatabaseUrl(urls[level]);
    if (target.driver !== 'mysql') throw new Error(`the bench databases are on MariaDB/MySQL; got ${urls[level]}`);
  }
  log(`dropping and recreating ${LEVELS.map((l) => parseDatabaseUrl(urls[l])).map((t) => (t.driver === 'mysql' ? t.database : '')).join(', ')}`);
  await Promise.all(LEVELS.map((l) => dropDatabase(parseDatabaseUrl(urls[l]))));
  const county = (await countyLevel.openDatabase(urls.COUNTY)).orm;
  const township = (await townshipLevel.openDatabase(urls.TOWNSHIP)).orm;
  const village = (await villageLevel.openDatabase(urls.VILLAGE)).orm;
  const orms: Record<Level, MikroORM> = { COUNTY: county, TOWNSHIP: township, VILLAGE: village };
  const knex = (l: Level) => (orms[l].em as unknown as { getKnex(): Knex }).getKnex();
  try {
    await seedCounty({ county, township, village }, BENCH_COUNTY, { demoPassword: DEMO_PASSWORD });
    // The calendar library knows 2026 but not yet 2027, and December's deadlines run into January: as a director
    // would once the State Council publishes the schedule, enter New Year's Day 2027 (R13).
    await setCalendarDay(county.em.fork() as never, BENCH_COUNTY, { date: `${BENCH_YEAR + 1}-01-01`, working: false, name: '元旦' }, `${BENCH_COUNTY}.director`);
    for (const replica of [township, village]) await replicateDirect(county.em.fork() as never, replica.em.fork() as never, BENCH_COUNTY);
    log(`seeded ${BENCH_COUNTY} and replicated its catalogue (${((performance.now() - started) / 1000).toFixed(1)} s)`);

    const calendar = await loadCalendar(county.em.fork() as never, BENCH_COUNTY);
    const divisions = await readCountyDivisions(BENCH_COUNTY);
    const itemRows = await knex('COUNTY')('service_item').where({ county_code: BENCH_COUNTY }).select('*');
    const materialRows = await knex('COUNTY')('item_material').select('*').orderBy(['item_id', 'position']);
    const items = new Map<string, Item>(itemRows.map((r: Row) => [r.code as string, {
      id: Number(r.id), code: r.code as string, name: r.name as string, kind: r.kind as string, decidingLevel: r.deciding_level as Level,
      decidingUnit: r.deciding_unit as string, legalLimitDays: Number(r.legal_limit_days), promisedLimitDays: Number(r.promised_limit_days),
      materials: materialRows.filter((m: Row) => Number(m.item_id) === Number(r.id)).map((m: Row) => ({ position: Number(m.position), name: m.name as string, form: m.form as string, copies: Number(m.copies) })),
    }]));
    const staff = new Map<string, Person>();
    for (const level of LEVELS) for (const s of await knex(level)('staff').select('username', 'name')) staff.set(s.username, { username: s.username, name: s.name });
    const person = (username: string) => staff.get(username) ?? (() => { throw new Error(`no demo account ${username}`); })();

    // Points weighted by a proxy for population (the division data has none): the county seat's town and the
    // 镇 over the 乡, by their number of villages; 社区 (codes 001–199) over 村.
    const points: Point[] = [
      { code: BENCH_COUNTY, level: 'COUNTY', weight: 1 },
      ...divisions.townships.map((t) => ({
        code: t.code, level: 'TOWNSHIP' as Level,
        weight: (1 + divisions.villages.filter((v) => v.townshipCode === t.code).length) * (t.name.endsWith('镇') ? 1.5 : 1) * (t.code === `${BENCH_COUNTY}100` ? 2.5 : 1),
      })),
      ...divisions.villages.map((v) => ({ code: v.code, level: 'VILLAGE' as Level, weight: Number(v.code.slice(9)) < 200 ? 3 : 1 })),
    ];
    const byLevel = (l: Level) => points.filter((p) => p.level === l).map((p) => [p, p.weight] as const);
    const pointPairs: Record<Level, (readonly [Point, number])[]> = { COUNTY: byLevel('COUNTY'), TOWNSHIP: byLevel('TOWNSHIP'), VILLAGE: byLevel('VILLAGE') };

    // Rows go out in multi-row INSERTs, one transaction per level per batch, the three levels in parallel.
    const pending: Record<Level, Partial<Record<Table, Row[]>>> = { COUNTY: {}, TOWNSHIP: {}, VILLAGE: {} };
    const counts: Record<Level, Record<string, number>> = { COUNTY: {}, TOWNSHIP: {}, VILLAGE: {} };
    const ids: Record<Level, Partial<Record<Table, number>>> = { COUNTY: {}, TOWNSHIP: {}, VILLAGE: {} };
    let pendingRows = 0;
    const sink: Sink = {
      add(level, table, row) {
        (pending[level][table] ??= []).push(row);
        counts[level][table] = (counts[level][table] ?? 0) + 1;
        pendingRows++;
      },
      nextId(level, table) {
        return (ids[level][table] = (ids[level][table] ?? 0) + 1);
      },
    };
    // Parents before children (case_material, case_event and supervision_record reference case_file).
    const ORDER: Table[] = ['case_file', 'case_material', 'case_event', 'supervision_record', 'case_hop', 'inbound_case', 'outbox', 'inbox', 'case_sequence'];
    // Writing overlaps generating: a batch is written while the next one is drawn (at most one batch in flight).
    let waitedMs = 0;
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const batch = LEVELS.map((level) => [level, pending[level]] as const);
      for (const level of LEVELS) pending[level] = {};
      pendingRows = 0;
      const begun = performance.now();
      await writing;
      waitedMs += performance.now() - begun;
      writing = Promise.all(batch.map(([level, tables]) => knex(level).transaction(async (trx) => {
        for (const table of ORDER) {
          const rows = tables[table];
          if (!rows?.length) continue;
          for (let i = 0; i < rows.length; i += 1000) await trx(table).insert(rows.slice(i, i + 1000));
        }
      }))).then(() => undefined);
    };

    const dice = new Dice(mulberry32(seed));
    const world: World = { dice, calendar, now, items, staff, sink };
    const today = chinaToday(now);
    const days: { date: DateString; weight: number }[] = [];
    const MONTH = [1.1, 0.8, 1.1, 1.0, 1.0, 1.05, 1.0, 0.95, 1.05, 0.95, 1.0, 1.1];
    for (let d = `${BENCH_YEAR}-01-01`; d <= today && d.startsWith(String(BENCH_YEAR)); d = addDays(d, 1)) {
      if (!calendar.isWorkingDay(d)) continue;
      const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
      let weight = MONTH[Number(d.slice(5, 7)) - 1]! * (weekday === 1 ? 1.15 : weekday === 5 ? 0.9 : 1) * (0.9 + 0.2 * dice.next());
      // The day of "now" has had only its hours before now.
      if (d === today) {
        const total = sessions(d).reduce((n, [s, e]) => n + (e.getTime() - s.getTime()), 0);
        const done = sessions(d).reduce((n, [s, e]) => n + Math.max(0, Math.min(e.getTime(), now.getTime()) - s.getTime()), 0);
        weight *= done / total;
      }
      days.push({ date: d, weight });
    }
    const totalWeight = days.reduce((n, d) => n + d.weight, 0);
    const sequences = new Map<string, number>();
    let made = 0;
    let carried = 0;
    let lastReport = performance.now();
    for (const day of days) {
      carried += (cases * day.weight) / totalWeight;
      const n = Math.round(carried) - made;
      const month = Number(day.date.slice(5, 7));
      const mixes: Record<Level, [Item, number][]> = {
        COUNTY: MIX.COUNTY.map(([c, wt]) => [items.get(c)!, wt * seasonal(c, month)]),
        TOWNSHIP: MIX.TOWNSHIP.map(([c, wt]) => [items.get(c)!, wt * seasonal(c, month)]),
        VILLAGE: MIX.VILLAGE.map(([c, wt]) => [items.get(c)!, wt * seasonal(c, month)]),
      };
      // Draw the day's cases, then number them per point in the order they came in (R5).
      const drawn: { point: Point; at: Date; item: Item }[] = [];
      for (let i = 0; i < n; i++) {
        const level = dice.weighted(LEVEL_SHARE);
        const point = dice.weighted(pointPairs[level]);
        let at = momentOn(dice, day.date);
        if (day.date === today && at >= now) at = new Date(now.getTime() - dice.int(1, 3 * 3600) * 1000);
        drawn.push({ point, at, item: dice.weighted(mixes[level]) });
      }
      drawn.sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const c of drawn) {
        const key = `${c.point.code}|${day.date}`;
        const seq = (sequences.get(key) ?? 0) + 1;
        sequences.set(key, seq);
        const originClerk = c.point.level === 'COUNTY'
          ? person(`${BENCH_COUNTY}.w${dice.pick(COUNTY_WINDOW[c.item.code]!)}.${dice.chance(0.75) ? 'a' : 'b'}`)
          : c.point.level === 'TOWNSHIP'
            ? person(`${c.point.code}.${TOWNSHIP_DESK[c.item.code] ?? 'd1'}.${dice.chance(0.75) ? 'a' : 'b'}`)
            : person(`${c.point.code}.${dice.chance(0.75) ? 'a' : 'b'}`);
        const countyClerk = COUNTY_WINDOW[c.item.code] ? person(`${BENCH_COUNTY}.w${COUNTY_WINDOW[c.item.code]![0]}.${dice.chance(0.75) ? 'a' : 'b'}`) : originClerk;
        const channel = dice.weighted([['WINDOW', 93], ['ONLINE', 5], ['APPOINTMENT', 2]] as const);
        const life = new CaseLife(world, formatCaseNo(c.point.code, day.date, seq), c.point.code, c.item, originClerk, c.at, channel, applicantFor(dice, c.item));
        planCase(world, life, c.point, c.item, day.date, {
          county: countyClerk,
          township: (code) => person(`${code}.${TOWNSHIP_DESK[c.item.code] ?? 'd1'}.${dice.chance(0.75) ? 'a' : 'b'}`),
        });
        life.commit();
        made++;
      }
      if (pendingRows >= 30_000) await flush();
      if (performance.now() - lastReport > 10_000) {
        log(`  … ${day.date}: ${made.toLocaleString('en')} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        lastReport = performance.now();
      }
    }
    for (const [key, last] of sequences) {
      const [point, day] = key.split('|') as [string, string];
      sink.add(levelOfCode(point), 'case_sequence', { point_code: point, day: toCompactDate(day), last_seq: last });
    }
    await flush();
    await writing;

    const seconds = (performance.now() - started) / 1000;
    log(`waited ${(waitedMs / 1000).toFixed(1)} s for the database while generating`);
    const meta: YearMeta = { generatorVersion: GENERATOR_VERSION, requested: cases, cases: made, seed, now: now.toISOString(), generatedAt: new Date().toISOString(), seconds, rows: counts };
    await knex('COUNTY').schema.createTable('bench_year', (t) => {
      t.string('name', 32).primary();
      t.text('value').notNullable();
    });
    await knex('COUNTY')('bench_year').insert({ name: 'meta', value: JSON.stringify(meta) });
    return meta;
  } finally {
    await Promise.all([county.close(), township.close(), village.close()]);
  }
}

/** The year the bench databases hold, or null if they hold none (or one from an older generator). */
export async function readYearMeta(urls: Record<Level, string> = benchDatabaseUrls()): Promise<YearMeta | null> {
  const target = parseDatabaseUrl(urls.COUNTY);
  if (target.driver !== 'mysql') return null;
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
  try {
    const [rows] = await conn.query(`select value from \`${target.database}\`.bench_year where name = 'meta'`);
    const value = (rows as { value: string }[])[0]?.value;
    return value ? (JSON.parse(value) as YearMeta) : null;
  } catch {
    return null;
  } finally {
    await conn.end();
  }
}

export function printRowCounts(meta: YearMeta, log: (line: string) => void = console.log) {
  const tables = [...new Set(LEVELS.flatMap((l) => Object.keys(meta.rows[l])))].sort((a, b) => TABLES.indexOf(a as Table) - TABLES.indexOf(b as Table));
  log(`| table | county | township | village |`);
  log(`|---|---:|---:|---:|`);
  for (const t of tables) log(`| ${t} | ${LEVELS.map((l) => (meta.rows[l][t] ?? 0).toLocaleString('en')).join(' | ')} |`);
  const total = (l: Level) => Object.values(meta.rows[l]).reduce((a, b) => a + b, 0);
  log(`| **all rows** | ${LEVELS.map((l) => total(l).toLocaleString('en')).join(' | ')} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { cases: { type: 'string', default: String(DEFAULT_CASES) }, seed: { type: 'string', default: '2026' }, now: { type: 'string', default: DEFAULT_NOW } },
  });
  const meta = await generateYear({ cases: Number(values.cases), seed: Number(values.seed), now: values.now });
  console.log(`generated ${meta.cases.toLocaleString('en')} cases of ${BENCH_YEAR} for ${BENCH_COUNTY} in ${meta.seconds.toFixed(1)} s (as of ${values.now})`);
  printRowCounts(meta);
}

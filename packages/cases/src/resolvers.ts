import type { EntityManager } from '@mikro-orm/knex';
import { ACTION_LABELS, allowedActions, chinaToday, light, STATUS_LABELS, type CaseAction, type CaseStatus, type WorkingCalendar } from '@scf/domain';
import { loadCalendar } from '@scf/catalogue';
import { actOnCase, findCase, type ActInput } from './act.js';
import type { CaseEventRow, CaseRow, InboundRow } from './entities.js';
import { actOnForwarded, type ForwardedActInput } from './delegation.js';
import { decodeMaterials } from './events.js';
import { caseLoaders } from './loaders.js';
import { buildNotice, type NoticeKind } from './notices.js';
import type { CasesHost } from './ports.js';
import { registerCase, type RegisterInput } from './register.js';

/** The part of a subgraph's request context the cases module uses. */
export interface CasesRequestContext {
  em: EntityManager;
  now: () => Date;
  /** Asks the hand-over relay to send what was just committed, without waiting for its next tick. */
  kick?: () => void;
  cases: ReturnType<typeof caseRequestState>;
}

/** Per-request state: DataLoaders and the calendar, loaded at most once per request. */
export function caseRequestState(em: EntityManager) {
  let calendar: Promise<WorkingCalendar> | undefined;
  return { ...caseLoaders(em), calendar: () => (calendar ??= loadCalendar(em)) };
}

export interface HostLoaders {
  /** The point row as the subgraph's own type resolvers expect it. */
  loadPoint(ctx: any, code: string): Promise<unknown>;
  loadStaffByUsername(ctx: any, username: string): Promise<unknown>;
}

const CLOCKED = new Set(['ACCEPTED', 'FORWARDED']);

export function casesResolvers(host: CasesHost & HostLoaders) {
  const n = host.names;
  const caseType = `${n.type}Case`;
  return {
    Query: {
      [`${n.field}Case`]: (_: unknown, { caseNo }: { caseNo: string }, ctx: CasesRequestContext) => findCase(ctx.em, host, caseNo),
    },
    Mutation: {
      [`register${n.type}Case`]: (_: unknown, { input }: { input: RegisterInput }, ctx: CasesRequestContext) =>
        registerCase(ctx.em, host, input, ctx.now()),
      [`act${n.type}Case`]: (_: unknown, { input }: { input: ActInput }, ctx: CasesRequestContext) => actOnCase(ctx.em, host, input, ctx.now(), ctx.kick),
      [`handleForwarded${n.type}Case`]: async (_: unknown, { input }: { input: ForwardedActInput }, ctx: CasesRequestContext) => {
        const row = await actOnForwarded(ctx.em, host, input, ctx.now());
        ctx.kick?.();
        return row;
      },
    },
    [n.type]: {
      cases: (point: { code: string }, args: { status?: CaseStatus[]; first?: number }, ctx: CasesRequestContext) =>
        ctx.em.find<CaseRow>(
          'CaseFile',
          { pointCode: point.code, ...(args.status?.length ? { status: { $in: args.status } } : {}) },
          { orderBy: { id: 'desc' }, limit: Math.min(Math.max(args.first ?? 50, 1), 500) },
        ),
      supervisionRecords: (point: { code: string }, _: unknown, ctx: CasesRequestContext) => ctx.cases.supervisionByPoint.load(point.code),
      casesAway: (point: { code: string }, _: unknown, ctx: CasesRequestContext) => ctx.cases.awayByPoint.load(point.code),
      forwardedToMe: (point: { code: string }, args: { status: InboundRow['status'][] }, ctx: CasesRequestContext) =>
        ctx.cases.inboundByPoint.load(`${point.code}|${[...new Set(args.status)].sort().join(',')}`),
    },
    [`${n.type}ForwardedCase`]: {
      __resolveReference: (ref: { caseNo: string }, ctx: CasesRequestContext) => ctx.cases.inboundByNo.load(ref.caseNo),
      itemId: (c: InboundRow) => String(c.itemId),
      receivedAt: (c: InboundRow) => c.receivedAt.toISOString(),
      async light(c: InboundRow, _: unknown, ctx: CasesRequestContext) {
        if (!c.deadline || !['RECEIVED', 'ACCEPTED'].includes(c.status)) return null;
        return light(await ctx.cases.calendar(), chinaToday(ctx.now()), c.deadline);
      },
    },
    [caseType]: {
      __resolveReference: (ref: { caseNo: string }, ctx: CasesRequestContext) => ctx.cases.caseByNo.load(ref.caseNo),
      point: (c: CaseRow, _: unknown, ctx: unknown) => host.loadPoint(ctx, c.pointCode),
      itemId: (c: CaseRow) => String(c.itemId),
      statusLabel: (c: CaseRow) => STATUS_LABELS[c.status as CaseStatus],
      allowedActions: (c: CaseRow) => allowedActions(c.status as CaseStatus),
      registeredAt: (c: CaseRow) => c.registeredAt.toISOString(),
      applicant: (c: CaseRow) => ({ type: c.applicantType, name: c.applicantName, idNumber: c.applicantIdNumber, creditCode: c.applicantCreditCode, phone: c.applicantPhone }),
      agent: (c: CaseRow) => (c.agentName ? { name: c.agentName, idNumber: c.agentIdNumber, phone: c.agentPhone, entrustmentRef: c.entrustmentRef } : null),
      responsible: (c: CaseRow, _: unknown, ctx: unknown) => host.loadStaffByUsername(ctx, c.responsibleUsername),
      async light(c: CaseRow, _: unknown, ctx: CasesRequestContext) {
        if (!c.deadline) return null;
        const calendar = await ctx.cases.calendar();
        if (CLOCKED.has(c.status)) return light(calendar, chinaToday(ctx.now()), c.deadline);
        // While a special procedure runs the clock stands still at the day it started.
        if (c.status === 'SUSPENDED' && c.suspendedOn) return light(calendar, c.suspendedOn, c.deadline);
        return null;
      },
      materials: (c: CaseRow, _: unknown, ctx: CasesRequestContext) => ctx.cases.materialsByCase.load(c.id),
      decision: (c: CaseRow) =>
        c.decidedOn ? { outcome: c.outcome, decidedOn: c.decidedOn, reason: c.decisionReason, rightsNotice: c.rightsNotice, timing: c.timing } : null,
      history: async (c: CaseRow, _: unknown, ctx: CasesRequestContext) =>
        (await ctx.cases.eventsByCase.load(c.id)).map((e) => ({
          ...e,
          actionLabel: e.action === 'register' ? '登记' : (ACTION_LABELS[e.action as CaseAction] ?? e.action),
          at: e.at.toISOString(),
          by: e.byUsername,
          missingMaterials: decodeMaterials(e.materials),
        })),
      async notice(c: CaseRow, { kind }: { kind: NoticeKind }, ctx: CasesRequestContext) {
        const [history, point] = await Promise.all([ctx.cases.eventsByCase.load(c.id), host.findPoint(ctx.em, c.pointCode)]);
        return buildNotice(kind, c, history as CaseEventRow[], point ?? { name: c.pointCode, centreName: c.pointCode });
      },
      supervisionRecords: (c: CaseRow, _: unknown, ctx: CasesRequestContext) => ctx.cases.supervisionByCase.load(c.id),
    },
  };
}
